package io.learnergraph.analysis.community;

import io.learnergraph.analysis.graph.CsrGraph;

/**
 * Weakly connected components by union-find with path halving and union by size (Tarjan 1975):
 * O(m α(n)) time, two int arrays of n. Arc direction is ignored. Components are numbered
 * 0..k-1 in order of their smallest node.
 */
public final class WeaklyConnectedComponents {

    private WeaklyConnectedComponents() {
    }

    public static Partition compute(CsrGraph g) {
        int n = g.nodeCount();
        int[] parent = new int[n];
        int[] size = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
            size[v] = 1;
        }
        for (int v = 0; v < n; v++) {
            for (int a = g.start(v), e = g.end(v); a < e; a++) {
                int r1 = find(parent, v);
                int r2 = find(parent, g.target(a));
                if (r1 != r2) {
                    if (size[r1] < size[r2]) {
                        int t = r1;
                        r1 = r2;
                        r2 = t;
                    }
                    parent[r2] = r1;
                    size[r1] += size[r2];
                }
            }
        }
        int[] label = new int[n];
        for (int v = 0; v < n; v++) {
            label[v] = find(parent, v);
        }
        return Partition.of(label);
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
