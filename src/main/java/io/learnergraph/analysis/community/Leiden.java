package io.learnergraph.analysis.community;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.CsrGraph;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import java.util.SplittableRandom;

/**
 * The Leiden algorithm (Traag, Waltman &amp; van Eck 2019, "From Louvain to Leiden: guaranteeing
 * well-connected communities", Sci. Rep. 9:5233) for weighted modularity with resolution γ.
 *
 * <p>Each level: fast local moving of nodes; refinement of every community into well-connected
 * sub-communities (randomised, θ = 0.01); aggregation of the refined partition, with the
 * aggregate nodes starting in their unrefined community. A run ends when every community is a
 * single aggregate node; {@code iterations} runs are chained, each starting from the previous
 * partition, stopping early when a run changes nothing or gains less than
 * {@link #QUALITY_TOLERANCE} of modularity (each run costs one O(m) modularity evaluation more).
 * Deterministic for a given seed.
 * Time about O(m) per level; memory O(n + m).
 */
public final class Leiden {

    /**
     * A further run is made only while the last one raised modularity by at least this much (as
     * GDS's Leiden tolerance): on graphs with clear communities the second run already adds
     * nothing, on power-law graphs each run still adds ~0.001 (src/site/markdown/performance.md).
     */
    static final double QUALITY_TOLERANCE = 1e-4;

    /** Randomness of the refinement (the paper's θ). */
    static final double THETA = 0.01;

    private Leiden() {
    }

    public static CommunityResult compute(CsrGraph undirected, ModularityParameters p) {
        return compute(undirected, p, null, null);
    }

    /**
     * A warm start: from {@code initial} (a partition of the same nodes, found before some edges
     * changed) with only the {@code affected} nodes queued at first in the first run's local
     * moving (the dynamic-frontier approach of Sahu, "DF Louvain/Leiden", 2024), and the initial
     * partition's modularity as the quality to beat. Refinement and aggregation run as usual, so
     * the result is a Leiden partition (well connected communities). Either may be null (a cold
     * start: singletons, every node queued).
     */
    public static CommunityResult compute(CsrGraph undirected, ModularityParameters p, int[] initial,
                                          boolean[] affected) {
        int n = undirected.nodeCount();
        SplittableRandom rnd = new SplittableRandom(p.seed());
        boolean warm = initial != null && initial.length == n;
        int[] membership = new int[n];
        for (int v = 0; v < n; v++) {
            membership[v] = warm ? initial[v] : v;
        }
        int runs = 0;
        boolean converged = false;
        double quality = warm ? Modularity.of(undirected, membership, p.resolution()) : Double.NEGATIVE_INFINITY;
        DoubleConsumer progress = Progress.current();
        while (runs < p.iterations() && !converged) {
            boolean[] first = warm && runs == 0 && affected != null && affected.length == n ? affected : null;
            int[] next = run(undirected, membership, p, rnd, Progress.range(progress, (double) runs / p.iterations(),
                    (double) (runs + 1) / p.iterations()), first);
            runs++;
            double q = Modularity.of(undirected, next, p.resolution());
            // a run that changes nothing, or gains less than the tolerance, ends the iterations
            converged = q - quality < QUALITY_TOLERANCE
                    || Arrays.equals(Partition.of(next).community(), Partition.of(membership).community());
            if (q >= quality) {
                membership = next;
                quality = q;
            }
        }
        Partition partition = Partition.of(membership);
        return new CommunityResult(partition, quality, runs, converged);
    }

    private static int[] run(CsrGraph g, int[] initial, ModularityParameters p, SplittableRandom rnd,
                             DoubleConsumer progress, boolean[] firstQueued) {
        int n = g.nodeCount();
        double gamma = p.resolution();
        ModularityLevel level = new ModularityLevel(g);
        int[] nodeToAggregate = new int[n];
        for (int v = 0; v < n; v++) {
            nodeToAggregate[v] = v;
        }
        int[] comm = initial.clone();
        ModularityLevel.renumber(comm);
        for (int depth = 0; depth < p.maxLevels(); depth++) {
            progress.accept(1 - Math.pow(0.5, depth)); // levels shrink fast; their number is not known ahead
            Cancellation.check();
            level.moveNodesFast(comm, gamma, rnd, depth == 0 ? firstQueued : null);
            int count = ModularityLevel.renumber(comm);
            if (count == level.size()) {
                break;
            }
            int[] refined = level.refine(comm, gamma, rnd, THETA);
            int refinedCount = ModularityLevel.renumber(refined);
            if (refinedCount == level.size()) {
                // refinement merged nothing: aggregate the unrefined partition so the level shrinks
                refined = comm.clone();
                refinedCount = count;
            }
            int[] aggregateComm = new int[refinedCount];
            for (int v = 0; v < level.size(); v++) {
                aggregateComm[refined[v]] = comm[v];
            }
            for (int v = 0; v < n; v++) {
                nodeToAggregate[v] = refined[nodeToAggregate[v]];
            }
            level = level.aggregate(refined, refinedCount);
            comm = aggregateComm;
        }
        int[] result = new int[n];
        for (int v = 0; v < n; v++) {
            result[v] = comm[nodeToAggregate[v]];
        }
        return result;
    }
}
