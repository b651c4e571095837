package io.learnergraph.analysis.community;

import io.learnergraph.analysis.graph.CsrGraph;

import java.util.SplittableRandom;

/**
 * Weakly connected components by union-find with subgraph sampling, after Afforest (Sutton,
 * Ben-Nun &amp; Barak, "Optimizing Parallel Graph Connectivity Computation via Subgraph
 * Sampling", IPDPS 2018): link every node to its first {@value #SAMPLED_ARCS} neighbours, find
 * the component most nodes already belong to by sampling, then read the remaining arcs of the
 * nodes outside it only. On a symmetric graph an arc between the giant component and another
 * node is still seen from the other end, so the answer is exact; on social graphs, where one
 * component holds nearly everyone, most arcs are never read. A directed graph has every arc read
 * (direction is ignored either way). Union by lower root index with path halving: O(m log n)
 * worst case (Tarjan &amp; van Leeuwen 1984), near-linear in practice; two passes over n plus the
 * arcs read. Components are numbered 0..k-1 in order of
 * their smallest node.
 */
public final class WeaklyConnectedComponents {

    /** Neighbours linked per node before sampling (the paper's 2). */
    static final int SAMPLED_ARCS = 2;
    private static final int SAMPLES = 1024;

    private WeaklyConnectedComponents() {
    }

    /**
     * @param partition the components, numbered 0..k-1 in order of their smallest node
     * @param largest   members of the largest component (0 for an empty graph)
     * @param arcsRead  arcs read: on a symmetric graph with a giant component far fewer than
     *                  {@link CsrGraph#arcCount()}, which is where the sampling pays
     */
    public record Result(Partition partition, int largest, long arcsRead) {
    }

    public static Result compute(CsrGraph g) {
        int n = g.nodeCount();
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        long read = 0;
        for (int v = 0; v < n; v++) {
            for (int a = g.start(v), e = Math.min(g.end(v), a + SAMPLED_ARCS); a < e; a++) {
                link(parent, v, g.target(a));
                read++;
            }
        }
        int giant = g.isSymmetric() && n > 0 ? mostFrequentRoot(parent, n) : -1;
        for (int v = 0; v < n; v++) {
            if (giant >= 0 && find(parent, v) == giant) {
                continue;
            }
            for (int a = g.start(v) + SAMPLED_ARCS, e = g.end(v); a < e; a++) {
                link(parent, v, g.target(a));
                read++;
            }
        }
        int[] label = new int[n];
        for (int v = 0; v < n; v++) {
            label[v] = find(parent, v);
        }
        Partition p = Partition.of(label);
        int[] sizes = new int[p.count()];
        int largest = 0;
        for (int c : p.community()) {
            largest = Math.max(largest, ++sizes[c]);
        }
        return new Result(p, largest, read);
    }

    /** The root most of {@value #SAMPLES} random nodes (fixed seed) have. */
    private static int mostFrequentRoot(int[] parent, int n) {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] roots = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            roots[i] = find(parent, rnd.nextInt(n));
        }
        java.util.Arrays.sort(roots);
        int best = roots[0];
        int bestRun = 0;
        for (int i = 0, run = 0; i < SAMPLES; i++) {
            run = i > 0 && roots[i] == roots[i - 1] ? run + 1 : 1;
            if (run > bestRun) {
                bestRun = run;
                best = roots[i];
            }
        }
        return best;
    }

    /** Joins the trees of u and v, the higher root under the lower. */
    private static void link(int[] parent, int u, int v) {
        int ru = find(parent, u);
        int rv = find(parent, v);
        if (ru < rv) {
            parent[rv] = ru;
        } else if (rv < ru) {
            parent[ru] = rv;
        }
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
