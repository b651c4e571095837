package io.learnergraph.analysis.community;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.CsrGraph;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * Louvain modularity optimisation (Blondel, Guillaume, Lambiotte &amp; Lefebvre 2008): move
 * nodes to the neighbouring community of largest modularity gain until none improves, collapse
 * communities into nodes, repeat. Weighted, with resolution γ; reads an undirected graph.
 * Local moving visits a queue of nodes whose neighbourhood changed rather than sweeping all
 * nodes again ("fast Louvain", Traag 2015, Phys. Rev. E 92:032801), which gives the same
 * quality several times faster. About O(m) per level; memory O(n + m). May yield badly
 * connected communities, which {@link Leiden} fixes.
 */
public final class Louvain {

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
        DoubleConsumer progress = Progress.current();
        while (levels < p.maxLevels()) {
            // the number of levels is not known ahead; each is far smaller than the one before
            progress.accept(1 - Math.pow(0.5, levels));
            Cancellation.check();
            int[] comm = new int[level.size()];
            for (int v = 0; v < comm.length; v++) {
                comm[v] = v;
            }
            boolean moved = level.moveNodesFast(comm, p.resolution(), rnd);
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
