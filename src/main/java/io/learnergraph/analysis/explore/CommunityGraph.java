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

    /** Communities, largest first, the small-community bucket last (if any); {@code smallCommunities} in it. */
    public record Overview(List<Node> nodes, List<Edge> edges, int smallCommunities) {
    }

    /** @param members the community's size; {@code shown} its best-ranked members, in rank order */
    public record Members(int community, int members, int[] shown, List<Edge> edges) {
    }

    private CommunityGraph() {
    }

    /**
     * The quotient graph of {@code community} over the undirected social graph: one node per
     * community of at least {@code floor} members, one for all the others together (so that no
     * node describes a handful of people), and an edge wherever users of two nodes are tied.
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
        int[] node = new int[count];
        Arrays.fill(node, big.length); // the bucket
        List<Node> nodes = new ArrayList<>(big.length + 1);
        for (int i = 0; i < big.length; i++) {
            node[big[i]] = i;
            nodes.add(new Node(big[i], size[big[i]]));
        }
        if (smallCount > 0) {
            nodes.add(new Node(SMALL_BUCKET, IntStream.range(0, count).filter(c -> size[c] < floor)
                    .map(c -> size[c]).sum()));
        }
        int k = nodes.size();
        // k is small after the floor: a dense k×k table, filled from the upper triangle
        double[] weight = new double[k * k];
        int[] pairs = new int[k * k];
        for (int u = 0; u < undirected.nodeCount(); u++) {
            int a = node[community[u]];
            for (int arc = undirected.start(u); arc < undirected.end(u); arc++) {
                int v = undirected.target(arc);
                int b = node[community[v]];
                if (u < v && a != b) {
                    int cell = Math.min(a, b) * k + Math.max(a, b);
                    weight[cell] += undirected.weight(arc);
                    pairs[cell]++;
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                if (pairs[a * k + b] > 0) {
                    edges.add(new Edge(a, b, weight[a * k + b], pairs[a * k + b]));
                }
            }
        }
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
}
