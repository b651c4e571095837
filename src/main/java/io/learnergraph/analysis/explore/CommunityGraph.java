package io.learnergraph.analysis.explore;

import io.learnergraph.analysis.graph.CsrGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Graphs small enough to draw whatever the platform's size: communities as nodes with the ties
 * between them (the quotient graph of a partition), and one community's best-ranked members with
 * the ties among them.
 */
public final class CommunityGraph {

    /** The node that stands for every community below the privacy floor. */
    public static final int SMALL_BUCKET = -1;
    /** Members drawn when the caller does not say. */
    public static final int DEFAULT_MEMBERS = 200;
    /** The most members one community graph draws. */
    public static final int MAX_MEMBERS = 2_000;

    /**
     * @param community the community's id, or {@link #SMALL_BUCKET}
     * @param size      its members
     */
    public record Node(int community, int size) {
    }

    /**
     * A tie between two nodes of a result (indexes into its node list, {@code a < b}).
     *
     * @param weight summed weight of the social arcs between them
     * @param pairs  pairs of users tied
     */
    public record Edge(int a, int b, double weight, int pairs) {
    }

    /** Node tables up to this size are dense (k² cells); larger ones are hashed. */
    static final int DENSE_NODES = 2_048;

    /**
     * Communities, largest first, the small-community bucket last: present when the communities
     * below the floor hold at least {@code floor} members together; {@code smallCommunities} counts them.
     */
    public record Overview(List<Node> nodes, List<Edge> edges, int smallCommunities) {
    }

    /** @param members the community's size; {@code shown} its best-ranked members, in rank order */
    public record Members(int community, int members, int[] shown, List<Edge> edges) {
    }

    private CommunityGraph() {
    }

    /**
     * The quotient graph of {@code community} over the undirected social graph: one node per
     * community of at least {@code floor} members, one for all the others together when they are
     * at least {@code floor} people (so that no node describes a handful of people; fewer are left
     * out), and an edge wherever users of two nodes are tied.
     * Ties inside a node are not edges. O(n + m).
     */
    public static Overview overview(CsrGraph undirected, int[] community, int floor) {
        int count = Arrays.stream(community).max().orElse(-1) + 1;
        int[] size = new int[count];
        for (int c : community) {
            size[c]++;
        }
        Integer[] big = IntStream.range(0, count).filter(c -> size[c] >= floor).boxed()
                .sorted(Comparator.comparingInt((Integer c) -> -size[c]).thenComparingInt(c -> c))
                .toArray(Integer[]::new);
        int smallCount = (int) IntStream.range(0, count).filter(c -> size[c] > 0 && size[c] < floor).count();
        int smallMembers = IntStream.range(0, count).filter(c -> size[c] < floor).map(c -> size[c]).sum();
        // the bucket itself must not describe fewer people than the floor (one small community
        // alone, or a few): below that it is left out, with its ties
        boolean bucket = smallCount > 0 && smallMembers >= floor;
        int[] node = new int[count];
        Arrays.fill(node, bucket ? big.length : -1);
        List<Node> nodes = new ArrayList<>(big.length + 1);
        for (int i = 0; i < big.length; i++) {
            node[big[i]] = i;
            nodes.add(new Node(big[i], size[big[i]]));
        }
        if (bucket) {
            nodes.add(new Node(SMALL_BUCKET, smallMembers));
        }
        int k = nodes.size();
        // sums per pair of nodes: a dense table while it is small, a map beyond (a sparse platform
        // can have tens of thousands of communities above the floor)
        PairSums sums = k <= DENSE_NODES ? new DensePairs(k) : new SparsePairs();
        for (int u = 0; u < undirected.nodeCount(); u++) {
            int a = node[community[u]];
            if (a < 0) {
                continue;
            }
            for (int arc = undirected.start(u); arc < undirected.end(u); arc++) {
                int v = undirected.target(arc);
                int b = node[community[v]];
                if (u < v && b >= 0 && a != b) {
                    sums.add(Math.min(a, b), Math.max(a, b), undirected.weight(arc));
                }
            }
        }
        List<Edge> edges = sums.edges();
        return new Overview(nodes, edges, smallCount);
    }

    /**
     * Community {@code id}'s {@code limit} members of highest {@code rank} (ties by index) and the
     * social ties among them. O(n + Σ degree of the shown members × log limit).
     */
    public static Members members(CsrGraph undirected, int[] community, int id, double[] rank, int limit) {
        if (limit < 1 || limit > MAX_MEMBERS) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_MEMBERS + ", was " + limit);
        }
        int[] all = IntStream.range(0, community.length).filter(u -> community[u] == id).toArray();
        int[] shown = Arrays.stream(all).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> -rank[u]).thenComparingInt(u -> u))
                .limit(limit).mapToInt(Integer::intValue).toArray();
        int[] position = new int[shown.length];
        int[] sortedShown = shown.clone();
        Arrays.sort(sortedShown);
        for (int i = 0; i < shown.length; i++) {
            position[Arrays.binarySearch(sortedShown, shown[i])] = i;
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < shown.length; i++) {
            int u = shown[i];
            for (int arc = undirected.start(u); arc < undirected.end(u); arc++) {
                int v = undirected.target(arc);
                int j = Arrays.binarySearch(sortedShown, v);
                if (j >= 0 && u < v) {
                    int pv = position[j];
                    edges.add(new Edge(Math.min(i, pv), Math.max(i, pv), undirected.weight(arc), 1));
                }
            }
        }
        return new Members(id, all.length, shown, edges);
    }

    /** Summed weights and pair counts per (a, b), a < b, listed in (a, b) order. */
    private interface PairSums {
        void add(int a, int b, double weight);

        List<Edge> edges();
    }

    private static final class DensePairs implements PairSums {
        private final int k;
        private final double[] weight;
        private final int[] pairs;

        DensePairs(int k) {
            this.k = k;
            this.weight = new double[k * k];
            this.pairs = new int[k * k];
        }

        @Override
        public void add(int a, int b, double w) {
            weight[a * k + b] += w;
            pairs[a * k + b]++;
        }

        @Override
        public List<Edge> edges() {
            List<Edge> out = new ArrayList<>();
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    if (pairs[a * k + b] > 0) {
                        out.add(new Edge(a, b, weight[a * k + b], pairs[a * k + b]));
                    }
                }
            }
            return out;
        }
    }

    private static final class SparsePairs implements PairSums {
        private final java.util.Map<Long, double[]> sums = new java.util.HashMap<>();

        @Override
        public void add(int a, int b, double w) {
            double[] s = sums.computeIfAbsent(((long) a << 32) | b, x -> new double[2]);
            s[0] += w;
            s[1]++;
        }

        @Override
        public List<Edge> edges() {
            return sums.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> new Edge((int) (e.getKey() >>> 32), (int) (long) e.getKey(), e.getValue()[0],
                            (int) e.getValue()[1])).toList();
        }
    }
}
