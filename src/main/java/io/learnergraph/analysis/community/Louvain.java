package io.learnergraph.analysis.community;

import io.learnergraph.analysis.graph.CsrGraph;

import java.util.SplittableRandom;

/**
 * Louvain modularity optimisation (Blondel, Guillaume, Lambiotte &amp; Lefebvre 2008): move
 * nodes to the neighbouring community of largest modularity gain until none improves, collapse
 * communities into nodes, repeat. Weighted, with resolution γ; reads an undirected graph.
 * Each level costs O(m) per sweep; memory O(n + m). May yield badly connected communities,
 * which {@link Leiden} fixes.
 */
public final class Louvain {

    private static final int MAX_SWEEPS = 50;

    private Louvain() {
    }

    public static CommunityResult compute(CsrGraph undirected, ModularityParameters p) {
        int n = undirected.nodeCount();
        SplittableRandom rnd = new SplittableRandom(p.seed());
        ModularityLevel level = new ModularityLevel(undirected);
        int[] nodeToCommunity = new int[n];
        for (int v = 0; v < n; v++) {
            nodeToCommunity[v] = v;
        }
        int levels = 0;
        boolean converged = false;
        while (levels < p.maxLevels()) {
            int[] comm = new int[level.size()];
            for (int v = 0; v < comm.length; v++) {
                comm[v] = v;
            }
            boolean moved = level.moveNodesClassic(comm, p.resolution(), rnd, MAX_SWEEPS);
            int count = ModularityLevel.renumber(comm);
            levels++;
            if (!moved || count == level.size()) {
                converged = true;
                break;
            }
            for (int v = 0; v < n; v++) {
                nodeToCommunity[v] = comm[nodeToCommunity[v]];
            }
            level = level.aggregate(comm, count);
        }
        Partition partition = Partition.of(nodeToCommunity);
        return new CommunityResult(partition, Modularity.of(undirected, partition.community(), p.resolution()),
                levels, converged);
    }
}
