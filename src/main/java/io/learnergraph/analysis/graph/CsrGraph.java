package io.learnergraph.analysis.graph;

import java.util.Arrays;

/**
 * An immutable weighted directed graph over dense int ids in compressed sparse row form: the
 * out-neighbours of {@code v} are {@code targets[offsets[v] .. offsets[v+1])} with the matching
 * {@code weights}. 4 bytes per target plus 4 per weight, and {@code 4(n+1)} for the offsets.
 * An undirected graph is stored with each edge in both directions ({@link #isSymmetric()}). A
 * bipartite graph (users → courses) has {@link #columnCount()} targets distinct from its rows.
 *
 * <p>A graph may carry arc labels: per arc, a bitmask of the relationship types merged into it
 * ({@link #labelNames()} names the bits) and the latest minute among them. Recommendations use
 * them to tell "completed" from "viewed" and to put the real relationship into explanations;
 * they cost 8 bytes per arc and only the learning graphs carry them.
 */
public final class CsrGraph {

    private final int nodeCount;
    private final int columnCount;
    private final int[] offsets;
    private final int[] targets;
    private final float[] weights;
    private final boolean symmetric;
    private final String[] labelNames;
    private final int[] labels;
    private final int[] latest;

    private CsrGraph(int nodeCount, int columnCount, int[] offsets, int[] targets, float[] weights, boolean symmetric,
                     String[] labelNames, int[] labels, int[] latest) {
        this.nodeCount = nodeCount;
        this.columnCount = columnCount;
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
        this.symmetric = symmetric;
        this.labelNames = labelNames;
        this.labels = labels;
        this.latest = latest;
    }

    /** Minute value of an arc whose events carry no time. */
    public static final int NO_MINUTE = Integer.MIN_VALUE;

    public boolean hasLabels() {
        return labels != null;
    }

    /** The relationship type of each label bit; empty without labels. */
    public String[] labelNames() {
        return labelNames == null ? new String[0] : labelNames.clone();
    }

    /** The bit of a relationship type in {@link #labels(int)}, or 0 if the graph has no such label. */
    public int labelBit(String name) {
        if (labelNames != null) {
            for (int i = 0; i < labelNames.length; i++) {
                if (labelNames[i].equals(name)) {
                    return 1 << i;
                }
            }
        }
        return 0;
    }

    /** Bitmask of the relationship types merged into this arc (0 without labels). */
    public int labels(int arc) {
        return labels == null ? 0 : labels[arc];
    }

    /** The latest epoch minute among the events merged into this arc, or {@link #NO_MINUTE}. */
    public int latest(int arc) {
        return latest == null ? NO_MINUTE : latest[arc];
    }

    /** The arc v → target, or -1: binary search, since each row is sorted by target. */
    public int findArc(int v, int target) {
        int lo = offsets[v];
        int hi = offsets[v + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = targets[mid];
            if (t < target) {
                lo = mid + 1;
            } else if (t > target) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Rows: the nodes arcs start from. */
    public int nodeCount() {
        return nodeCount;
    }

    /** The id space of arc targets: equal to {@link #nodeCount()} unless the graph is bipartite. */
    public int columnCount() {
        return columnCount;
    }

    /** Stored arcs (an undirected edge counts twice). */
    public int arcCount() {
        return targets.length;
    }

    public boolean isSymmetric() {
        return symmetric;
    }

    public int degree(int v) {
        return offsets[v + 1] - offsets[v];
    }

    public int start(int v) {
        return offsets[v];
    }

    public int end(int v) {
        return offsets[v + 1];
    }

    public int target(int arc) {
        return targets[arc];
    }

    public float weight(int arc) {
        return weights[arc];
    }

    /** Sum of the weights of v's out-arcs. */
    public double weightedDegree(int v) {
        double s = 0;
        for (int a = offsets[v]; a < offsets[v + 1]; a++) {
            s += weights[a];
        }
        return s;
    }

    /** Bytes held by the arrays. */
    public long bytes() {
        return 4L * offsets.length + 4L * targets.length + 4L * weights.length
                + (labels == null ? 0 : 8L * labels.length);
    }

    /** The graph with every arc reversed (labels kept). */
    public CsrGraph transpose() {
        Builder b = new Builder(columnCount, nodeCount, targets.length);
        if (labels != null) {
            b.labelled(labelNames);
        }
        for (int v = 0; v < nodeCount; v++) {
            for (int a = offsets[v]; a < offsets[v + 1]; a++) {
                if (labels != null) {
                    b.add(targets[a], v, weights[a], labels[a], latest[a]);
                } else {
                    b.add(targets[a], v, weights[a]);
                }
            }
        }
        return b.build(false);
    }

    /**
     * The undirected graph: each pair connected in either direction becomes one edge in both
     * directions whose weight is the sum of the arcs between the pair; self-loops are dropped.
     */
    public CsrGraph undirected() {
        if (columnCount != nodeCount) {
            throw new IllegalStateException("a bipartite graph has no undirected form over one id space");
        }
        Builder b = new Builder(nodeCount, nodeCount, targets.length * 2);
        for (int v = 0; v < nodeCount; v++) {
            for (int a = offsets[v]; a < offsets[v + 1]; a++) {
                int t = targets[a];
                if (t != v) {
                    b.add(v, t, weights[a]);
                    b.add(t, v, weights[a]);
                }
            }
        }
        return b.build(true);
    }

    /**
     * The graph of communities, for Louvain's and Leiden's aggregation: one node per community of
     * {@code partition} (labels 0..count-1), an arc per pair of communities with the summed weight
     * of the arcs between them (a community's internal weight on its self-loop). Arcs are
     * bucketed by community with a counting sort and each row summed in a dense accumulator, so
     * only the distinct neighbour communities of a row are sorted, not every arc:
     * O(n + m + Σ d log d) for d distinct neighbours per community.
     */
    public CsrGraph aggregate(int[] partition, int count) {
        // bucket every arc by its source's community, reading the rows in order (a random row
        // order, member by member, costs a cache miss per row on large graphs: 2x slower at 1M nodes)
        int[] bucketStart = new int[count + 1];
        for (int v = 0; v < nodeCount; v++) {
            bucketStart[partition[v] + 1] += offsets[v + 1] - offsets[v];
        }
        for (int c = 0; c < count; c++) {
            bucketStart[c + 1] += bucketStart[c];
        }
        int[] fill = Arrays.copyOf(bucketStart, count);
        int[] bucketTarget = new int[targets.length];
        float[] bucketWeight = new float[targets.length];
        for (int v = 0; v < nodeCount; v++) {
            int c = partition[v];
            for (int a = offsets[v], e = offsets[v + 1]; a < e; a++) {
                int pos = fill[c]++;
                bucketTarget[pos] = partition[targets[a]];
                bucketWeight[pos] = weights[a];
            }
        }
        double[] sum = new double[count];
        boolean[] seen = new boolean[count];
        int[] touched = new int[count];
        int[] newOffsets = new int[count + 1];
        int out = 0; // rows only shrink, so the buckets are overwritten in place behind the reads
        for (int c = 0; c < count; c++) {
            newOffsets[c] = out;
            int t = 0;
            for (int i = bucketStart[c], e = bucketStart[c + 1]; i < e; i++) {
                int d = bucketTarget[i];
                if (!seen[d]) {
                    seen[d] = true;
                    touched[t++] = d;
                }
                sum[d] += bucketWeight[i];
            }
            Arrays.sort(touched, 0, t);
            for (int i = 0; i < t; i++) {
                int d = touched[i];
                bucketTarget[out] = d;
                bucketWeight[out] = (float) sum[d];
                out++;
                sum[d] = 0;
                seen[d] = false;
            }
        }
        newOffsets[count] = out;
        return new CsrGraph(count, count, newOffsets, Arrays.copyOf(bucketTarget, out),
                Arrays.copyOf(bucketWeight, out), symmetric, null, null, null);
    }

    /** The same structure with every weight 1 (for unweighted measures). */
    public CsrGraph unweighted() {
        float[] ones = new float[targets.length];
        Arrays.fill(ones, 1f);
        return new CsrGraph(nodeCount, columnCount, offsets, targets, ones, symmetric, labelNames, labels, latest);
    }

    void writeTo(SnapshotCodec.Out out) throws java.io.IOException {
        out.intValue(nodeCount);
        out.intValue(columnCount);
        out.booleanValue(symmetric);
        out.ints(offsets);
        out.ints(targets);
        out.floats(weights);
        out.strings(labelNames);
        out.ints(labels);
        out.ints(latest);
    }

    static CsrGraph readFrom(SnapshotCodec.In in) throws java.io.IOException {
        int nodeCount = in.intValue();
        int columnCount = in.intValue();
        boolean symmetric = in.booleanValue();
        int[] offsets = in.ints();
        int[] targets = in.ints();
        float[] weights = in.floats();
        String[] labelNames = in.strings();
        int[] labels = in.ints();
        int[] latest = in.ints();
        if (nodeCount < 0 || offsets == null || offsets.length != nodeCount + 1 || targets == null
                || weights.length != targets.length || offsets[nodeCount] != targets.length
                || (labels != null && labels.length != targets.length)
                || (latest != null && latest.length != targets.length)) {
            throw new SnapshotCodec.Corrupt("a graph's arrays disagree in length");
        }
        return new CsrGraph(nodeCount, columnCount, offsets, targets, weights, symmetric, labelNames, labels, latest);
    }

    public static Builder builder(int nodeCount, int expectedArcs) {
        return new Builder(nodeCount, nodeCount, expectedArcs);
    }

    /** A builder for arcs from {@code rows} sources to {@code columns} targets (bipartite). */
    public static Builder bipartiteBuilder(int rows, int columns, int expectedArcs) {
        return new Builder(rows, columns, expectedArcs);
    }

    /**
     * Collects arcs in any order, then sorts them by source with a counting sort and merges
     * parallel arcs (summing weights): O(n + m) time, three int/float arrays of m.
     */
    public static final class Builder {
        private final int nodeCount;
        private final int columnCount;
        private int[] src;
        private int[] dst;
        private float[] w;
        private String[] labelNames;
        private int[] lab;
        private int[] min;
        private int size;

        private Builder(int nodeCount, int columnCount, int expectedArcs) {
            if (nodeCount < 0 || columnCount < 0) {
                throw new IllegalArgumentException("node counts must be >= 0, were " + nodeCount + ", " + columnCount);
            }
            this.nodeCount = nodeCount;
            this.columnCount = columnCount;
            int cap = Math.max(16, expectedArcs);
            src = new int[cap];
            dst = new int[cap];
            w = new float[cap];
        }

        /** Arcs will carry labels: bit i of a label mask stands for {@code names[i]} (at most 32). */
        public Builder labelled(String[] names) {
            if (names.length > 32) {
                throw new IllegalArgumentException("at most 32 label names, were " + names.length);
            }
            labelNames = names.clone();
            lab = new int[src.length];
            min = new int[src.length];
            return this;
        }

        /** A labelled arc: parallel arcs merge by summing weights, OR-ing labels, keeping the latest minute. */
        public Builder add(int from, int to, double weight, int labelMask, int minute) {
            if (lab == null) {
                throw new IllegalStateException("call labelled(names) before adding labelled arcs");
            }
            add(from, to, weight);
            lab[size - 1] = labelMask;
            min[size - 1] = minute;
            return this;
        }

        public Builder add(int from, int to, double weight) {
            if (from < 0 || from >= nodeCount || to < 0 || to >= columnCount) {
                throw new IllegalArgumentException("arc " + from + "->" + to + " outside the graph's "
                        + nodeCount + " x " + columnCount + " nodes");
            }
            if (size == src.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, size * 3L / 2 + 16);
                src = Arrays.copyOf(src, cap);
                dst = Arrays.copyOf(dst, cap);
                w = Arrays.copyOf(w, cap);
                if (lab != null) {
                    lab = Arrays.copyOf(lab, cap);
                    min = Arrays.copyOf(min, cap);
                }
            }
            src[size] = from;
            dst[size] = to;
            w[size] = (float) weight;
            size++;
            return this;
        }

        public CsrGraph build() {
            return build(false);
        }

        /** Builds a graph whose edges were added in both directions (self-loops kept once). */
        public CsrGraph buildUndirected() {
            return build(true);
        }

        CsrGraph build(boolean symmetric) {
            int[] offsets = new int[nodeCount + 1];
            for (int i = 0; i < size; i++) {
                offsets[src[i] + 1]++;
            }
            for (int v = 0; v < nodeCount; v++) {
                offsets[v + 1] += offsets[v];
            }
            int[] fill = Arrays.copyOf(offsets, nodeCount);
            int[] t = new int[size];
            float[] tw = new float[size];
            int[] tl = lab == null ? null : new int[size];
            int[] tm = lab == null ? null : new int[size];
            for (int i = 0; i < size; i++) {
                int pos = fill[src[i]]++;
                t[pos] = dst[i];
                tw[pos] = w[i];
                if (tl != null) {
                    tl[pos] = lab[i];
                    tm[pos] = min[i];
                }
            }
            src = null;
            dst = null;
            w = null;
            lab = null;
            min = null;
            return mergeParallel(offsets, t, tw, tl, tm, symmetric);
        }

        /** Sorts each row by target and sums parallel arcs into fresh arrays. */
        private CsrGraph mergeParallel(int[] offsets, int[] t, float[] tw, int[] tl, int[] tm, boolean symmetric) {
            int[] newOffsets = new int[nodeCount + 1];
            int[] outTargets = new int[t.length];
            float[] outWeights = new float[t.length];
            int[] outLabels = tl == null ? null : new int[t.length];
            int[] outLatest = tl == null ? null : new int[t.length];
            int out = 0;
            long[] row = new long[16];
            for (int v = 0; v < nodeCount; v++) {
                int s = offsets[v];
                int len = offsets[v + 1] - s;
                if (row.length < len) {
                    row = new long[Math.max(len, row.length * 2)];
                }
                for (int i = 0; i < len; i++) {
                    // target in the high bits, original position in the low bits: sorts by target
                    row[i] = ((long) t[s + i] << 32) | (s + i);
                }
                Arrays.sort(row, 0, len);
                newOffsets[v] = out;
                int last = -1;
                for (int i = 0; i < len; i++) {
                    int target = (int) (row[i] >>> 32);
                    int pos = (int) row[i];
                    float weight = tw[pos];
                    if (target == last) {
                        outWeights[out - 1] += weight;
                        if (outLabels != null) {
                            outLabels[out - 1] |= tl[pos];
                            outLatest[out - 1] = Math.max(outLatest[out - 1], tm[pos]);
                        }
                    } else {
                        outTargets[out] = target;
                        outWeights[out] = weight;
                        if (outLabels != null) {
                            outLabels[out] = tl[pos];
                            outLatest[out] = tm[pos];
                        }
                        out++;
                        last = target;
                    }
                }
            }
            newOffsets[nodeCount] = out;
            return new CsrGraph(nodeCount, columnCount, newOffsets, Arrays.copyOf(outTargets, out),
                    Arrays.copyOf(outWeights, out), symmetric, labelNames,
                    outLabels == null ? null : Arrays.copyOf(outLabels, out),
                    outLatest == null ? null : Arrays.copyOf(outLatest, out));
        }
    }
}
