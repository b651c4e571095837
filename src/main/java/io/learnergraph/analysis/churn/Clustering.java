package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.graph.CsrGraph;

/**
 * Local clustering coefficient of every node of an undirected graph (Watts &amp; Strogatz 1998):
 * the share of pairs of a node's neighbours that are themselves linked, 0 below two neighbours.
 * Triangles are counted once each by orienting every edge from the lower to the higher (degree,
 * id) rank and intersecting forward lists (Schank &amp; Wagner 2005, "forward"): O(m^1.5) in the
 * worst case, far less on skewed graphs since hubs keep short forward lists. Weights and
 * self-loops are ignored.
 */
public final class Clustering {

    private Clustering() {
    }

    public static double[] local(CsrGraph undirected) {
        int n = undirected.nodeCount();
        int[] degree = new int[n];
        for (int v = 0; v < n; v++) {
            for (int a = undirected.start(v); a < undirected.end(v); a++) {
                if (undirected.target(a) != v) {
                    degree[v]++;
                }
            }
        }
        int[] offsets = new int[n + 1];
        for (int v = 0; v < n; v++) {
            int forward = 0;
            for (int a = undirected.start(v); a < undirected.end(v); a++) {
                if (before(v, undirected.target(a), degree)) {
                    forward++;
                }
            }
            offsets[v + 1] = offsets[v] + forward;
        }
        int[] targets = new int[offsets[n]];
        for (int v = 0; v < n; v++) {
            int k = offsets[v];
            for (int a = undirected.start(v); a < undirected.end(v); a++) {
                int w = undirected.target(a);
                if (before(v, w, degree)) {
                    targets[k++] = w;
                }
            }
        }
        long[] triangles = new long[n];
        int[] mark = new int[n];
        java.util.Arrays.fill(mark, -1);
        for (int v = 0; v < n; v++) {
            for (int i = offsets[v]; i < offsets[v + 1]; i++) {
                mark[targets[i]] = v;
            }
            for (int i = offsets[v]; i < offsets[v + 1]; i++) {
                int w = targets[i];
                for (int j = offsets[w]; j < offsets[w + 1]; j++) {
                    int x = targets[j];
                    if (mark[x] == v) {
                        triangles[v]++;
                        triangles[w]++;
                        triangles[x]++;
                    }
                }
            }
        }
        double[] c = new double[n];
        for (int v = 0; v < n; v++) {
            long d = degree[v];
            c[v] = d < 2 ? 0 : 2.0 * triangles[v] / (d * (d - 1));
        }
        return c;
    }

    /** Whether the edge v–w is oriented v → w: w ranks higher by (degree, id). */
    private static boolean before(int v, int w, int[] degree) {
        return v != w && (degree[w] > degree[v] || (degree[w] == degree[v] && w > v));
    }
}
