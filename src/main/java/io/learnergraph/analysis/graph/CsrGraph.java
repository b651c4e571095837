package io.learnergraph.analysis.graph;

import java.util.Arrays;

/**
 * An immutable weighted directed graph over dense int ids in compressed sparse row form: the
 * out-neighbours of {@code v} are {@code targets[offsets[v] .. offsets[v+1])} with the matching
 * {@code weights}. 4 bytes per target plus 4 per weight, and {@code 4(n+1)} for the offsets.
 * An undirected graph is stored with each edge in both directions ({@link #isSymmetric()}). A
 * bipartite graph (users → courses) has {@link #columnCount()} targets distinct from its rows.
 */
public final class CsrGraph {

    private final int nodeCount;
    private final int columnCount;
    private final int[] offsets;
    private final int[] targets;
    private final float[] weights;
    private final boolean symmetric;

    private CsrGraph(int nodeCount, int columnCount, int[] offsets, int[] targets, float[] weights, boolean symmetric) {
        this.nodeCount = nodeCount;
        this.columnCount = columnCount;
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
        this.symmetric = symmetric;
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
        return 4L * offsets.length + 4L * targets.length + 4L * weights.length;
    }

    /** The graph with every arc reversed. */
    public CsrGraph transpose() {
        Builder b = new Builder(columnCount, nodeCount, targets.length);
        for (int v = 0; v < nodeCount; v++) {
            for (int a = offsets[v]; a < offsets[v + 1]; a++) {
                b.add(targets[a], v, weights[a]);
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

    /** The same structure with every weight 1 (for unweighted measures). */
    public CsrGraph unweighted() {
        float[] ones = new float[targets.length];
        Arrays.fill(ones, 1f);
        return new CsrGraph(nodeCount, columnCount, offsets, targets, ones, symmetric);
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
            for (int i = 0; i < size; i++) {
                int pos = fill[src[i]]++;
                t[pos] = dst[i];
                tw[pos] = w[i];
            }
            src = null;
            dst = null;
            w = null;
            return mergeParallel(offsets, t, tw, symmetric);
        }

        /** Sorts each row by target and sums parallel arcs into fresh arrays. */
        private CsrGraph mergeParallel(int[] offsets, int[] t, float[] tw, boolean symmetric) {
            int[] newOffsets = new int[nodeCount + 1];
            int[] outTargets = new int[t.length];
            float[] outWeights = new float[t.length];
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
                    float weight = tw[(int) row[i]];
                    if (target == last) {
                        outWeights[out - 1] += weight;
                    } else {
                        outTargets[out] = target;
                        outWeights[out] = weight;
                        out++;
                        last = target;
                    }
                }
            }
            newOffsets[nodeCount] = out;
            return new CsrGraph(nodeCount, columnCount, newOffsets, Arrays.copyOf(outTargets, out),
                    Arrays.copyOf(outWeights, out), symmetric);
        }
    }
}
