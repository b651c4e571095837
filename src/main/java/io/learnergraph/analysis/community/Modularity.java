package io.learnergraph.analysis.community;

import io.learnergraph.analysis.graph.CsrGraph;

/**
 * Weighted modularity with a resolution parameter (Newman &amp; Girvan 2004; Newman 2006;
 * Reichardt &amp; Bornholdt 2006): Q = Σ_c [ L_c / m − γ (K_c / 2m)² ], L_c being the weight of
 * the edges inside c, K_c the total strength of its nodes and m the total edge weight. Reads an
 * undirected graph (each edge stored in both directions). O(n + m).
 */
public final class Modularity {

    private Modularity() {
    }

    public static double of(CsrGraph g, int[] community, double resolution) {
        int k = 0;
        for (int c : community) {
            k = Math.max(k, c + 1);
        }
        double[] inside = new double[k];
        double[] strength = new double[k];
        double twoM = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            int cv = community[v];
            for (int a = g.start(v), e = g.end(v); a < e; a++) {
                double w = g.weight(a);
                twoM += w;
                strength[cv] += w;
                if (community[g.target(a)] == cv) {
                    inside[cv] += w;
                }
            }
        }
        if (twoM == 0) {
            return 0;
        }
        double q = 0;
        for (int c = 0; c < k; c++) {
            q += inside[c] / twoM - resolution * (strength[c] / twoM) * (strength[c] / twoM);
        }
        return q;
    }
}
