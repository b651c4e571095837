package io.learnergraph.analysis.centrality;

import io.learnergraph.analysis.graph.CsrGraph;

/**
 * Core number of every node (k-core decomposition) by the bucket algorithm of Batagelj &amp;
 * Zaversnik (2003): O(n + m). Reads an undirected graph without self-loops; a node's degree is
 * its number of distinct neighbours (weights are ignored).
 */
public final class Coreness {

    /** @param core the core number of each node */
    public record Result(int[] core) implements NodeScores {
        @Override
        public double[] scores() {
            return java.util.Arrays.stream(core).asDoubleStream().toArray();
        }
    }

    private Coreness() {
    }

    public static Result compute(CsrGraph g) {
        int n = g.nodeCount();
        int[] deg = new int[n];
        int maxDeg = 0;
        for (int v = 0; v < n; v++) {
            deg[v] = g.degree(v);
            maxDeg = Math.max(maxDeg, deg[v]);
        }
        int[] bin = new int[maxDeg + 1];
        for (int v = 0; v < n; v++) {
            bin[deg[v]]++;
        }
        int start = 0;
        for (int d = 0; d <= maxDeg; d++) {
            int num = bin[d];
            bin[d] = start;
            start += num;
        }
        int[] pos = new int[n];
        int[] vert = new int[n];
        for (int v = 0; v < n; v++) {
            pos[v] = bin[deg[v]];
            vert[pos[v]] = v;
            bin[deg[v]]++;
        }
        for (int d = maxDeg; d > 0; d--) {
            bin[d] = bin[d - 1];
        }
        if (maxDeg >= 0 && bin.length > 0) {
            bin[0] = 0;
        }
        for (int i = 0; i < n; i++) {
            int v = vert[i];
            for (int a = g.start(v), e = g.end(v); a < e; a++) {
                int u = g.target(a);
                if (deg[u] > deg[v]) {
                    int du = deg[u];
                    int pu = pos[u];
                    int pw = bin[du];
                    int w = vert[pw];
                    if (u != w) {
                        pos[u] = pw;
                        vert[pu] = w;
                        pos[w] = pu;
                        vert[pw] = u;
                    }
                    bin[du]++;
                    deg[u]--;
                }
            }
        }
        return new Result(deg);
    }
}
