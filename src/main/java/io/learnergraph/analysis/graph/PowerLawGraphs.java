package io.learnergraph.analysis.graph;

import java.util.SplittableRandom;

/** Generated graphs for benchmarks and tests. */
public final class PowerLawGraphs {

    private PowerLawGraphs() {
    }

    /**
     * Barabási–Albert preferential attachment (1999): each new node links to {@code m} earlier
     * nodes chosen with probability proportional to their degree, giving a power-law degree
     * distribution (exponent 3). Undirected, about n·m edges, unit weights; deterministic by
     * seed. O(n·m) time, one int array of 2nm for the endpoint list.
     */
    public static CsrGraph barabasiAlbert(int n, int m, long seed) {
        if (n <= m || m < 1) {
            throw new IllegalArgumentException("need n > m >= 1, were n=" + n + ", m=" + m);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        long endpointsNeeded = 2L * n * m;
        if (endpointsNeeded > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n·m too large for one array: " + endpointsNeeded / 2 + " edges");
        }
        int[] endpoints = new int[(int) endpointsNeeded];
        int size = 0;
        CsrGraph.Builder b = CsrGraph.builder(n, (int) Math.min(Integer.MAX_VALUE - 8, endpointsNeeded));
        // a small clique of m + 1 nodes to start from
        for (int i = 0; i <= m; i++) {
            for (int j = i + 1; j <= m; j++) {
                b.add(i, j, 1).add(j, i, 1);
                endpoints[size++] = i;
                endpoints[size++] = j;
            }
        }
        int[] chosen = new int[m];
        for (int v = m + 1; v < n; v++) {
            int got = 0;
            while (got < m) {
                int t = endpoints[rnd.nextInt(size)];
                boolean dup = false;
                for (int i = 0; i < got; i++) {
                    dup |= chosen[i] == t;
                }
                if (!dup) {
                    chosen[got++] = t;
                }
            }
            for (int i = 0; i < m; i++) {
                b.add(v, chosen[i], 1).add(chosen[i], v, 1);
                endpoints[size++] = v;
                endpoints[size++] = chosen[i];
            }
        }
        return b.buildUndirected();
    }
}
