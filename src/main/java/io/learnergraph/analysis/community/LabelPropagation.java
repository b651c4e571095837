package io.learnergraph.analysis.community;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.CsrGraph;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * Asynchronous weighted label propagation (Raghavan, Albert &amp; Kumara 2007): in random order,
 * each node takes the label carrying the most edge weight among its neighbours, keeping its own
 * when that is among the best and breaking other ties at random; stops when a sweep changes
 * nothing. After the first sweep only nodes with a neighbour that changed label are visited
 * (as NetworKit's PLP does), so later sweeps cost far less than O(m). Seeded, so deterministic.
 */
public final class LabelPropagation {

    public static final int MAX_SWEEPS_DEFAULT = 20;
    public static final long SEED_DEFAULT = 42;

    /**
     * @param maxSweeps sweeps over the nodes at most
     * @param seed      of the visiting order and the tie breaks
     */
    public record Parameters(int maxSweeps, long seed) {
        public Parameters {
            if (maxSweeps < 1) {
                throw new IllegalArgumentException("maxSweeps must be >= 1, was " + maxSweeps);
            }
        }

        public static Parameters defaults() {
            return new Parameters(MAX_SWEEPS_DEFAULT, SEED_DEFAULT);
        }

        public Parameters withSeed(long s) {
            return new Parameters(maxSweeps, s);
        }
    }

    private LabelPropagation() {
    }

    public static CommunityResult compute(CsrGraph undirected, Parameters p) {
        int maxSweeps = p.maxSweeps();
        long seed = p.seed();
        int n = undirected.nodeCount();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] label = new int[n];
        for (int v = 0; v < n; v++) {
            label[v] = v;
        }
        double[] weight = new double[n];
        int[] touched = new int[n];
        int[] ties = new int[n];
        boolean[] active = new boolean[n];
        boolean[] activeNext = new boolean[n];
        java.util.Arrays.fill(active, true);
        int sweeps = 0;
        boolean converged = false;
        DoubleConsumer progress = Progress.current();
        while (sweeps < maxSweeps && !converged) {
            progress.accept((double) sweeps / maxSweeps);
            sweeps++;
            Cancellation.check();
            converged = true;
            for (int v : ModularityLevel.shuffled(n, rnd)) {
                if (!active[v]) {
                    continue;
                }
                int t = 0;
                for (int a = undirected.start(v), e = undirected.end(v); a < e; a++) {
                    int u = undirected.target(a);
                    if (u == v) {
                        continue;
                    }
                    int l = label[u];
                    if (weight[l] == 0) {
                        touched[t++] = l;
                    }
                    weight[l] += undirected.weight(a);
                }
                if (t == 0) {
                    continue;
                }
                double best = 0;
                for (int i = 0; i < t; i++) {
                    best = Math.max(best, weight[touched[i]]);
                }
                int tieCount = 0;
                boolean ownIsBest = false;
                for (int i = 0; i < t; i++) {
                    int l = touched[i];
                    if (weight[l] >= best - 1e-12) {
                        ties[tieCount++] = l;
                        ownIsBest |= l == label[v];
                    }
                    weight[l] = 0;
                }
                if (!ownIsBest) {
                    label[v] = ties[rnd.nextInt(tieCount)];
                    converged = false;
                    for (int a = undirected.start(v), e = undirected.end(v); a < e; a++) {
                        activeNext[undirected.target(a)] = true;
                    }
                }
            }
            boolean[] swap = active;
            active = activeNext;
            activeNext = swap;
            java.util.Arrays.fill(activeNext, false);
        }
        Partition partition = Partition.of(label);
        return new CommunityResult(partition, Modularity.of(undirected, partition.community(), 1.0), sweeps, converged);
    }
}
