package io.learnergraph.analysis;

import io.learnergraph.analysis.graph.CsrGraph;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsrGraphTest {

    private static double weightOf(CsrGraph g, int from, int to) {
        for (int a = g.start(from); a < g.end(from); a++) {
            if (g.target(a) == to) {
                return g.weight(a);
            }
        }
        return 0;
    }

    @Test
    void parallelArcsAreMergedBySummingWeightsAndRowsAreSorted() {
        CsrGraph g = CsrGraph.builder(3, 5).add(0, 2, 1).add(0, 1, 2).add(0, 2, 3).add(2, 0, 0.5).add(0, 1, 1).build();
        assertEquals(2, g.degree(0));
        assertEquals(1, g.target(g.start(0)));
        assertEquals(3.0, weightOf(g, 0, 1), 1e-6);
        assertEquals(4.0, weightOf(g, 0, 2), 1e-6);
        assertEquals(0, g.degree(1));
        assertEquals(7.0, g.weightedDegree(0), 1e-6);
    }

    @Test
    void mergingIsCorrectOnRandomMultigraphs() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 50;
        double[][] expected = new double[n][n];
        CsrGraph.Builder b = CsrGraph.builder(n, 10);
        for (int i = 0; i < 3000; i++) {
            int u = rnd.nextInt(n);
            int v = rnd.nextInt(n);
            int w = 1 + rnd.nextInt(4);
            expected[u][v] += w;
            b.add(u, v, w);
        }
        CsrGraph g = b.build();
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                assertEquals(expected[u][v], weightOf(g, u, v), 1e-4, u + "->" + v);
            }
        }
        CsrGraph t = g.transpose();
        CsrGraph und = g.undirected();
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                assertEquals(expected[u][v], weightOf(t, v, u), 1e-4);
                double both = u == v ? 0 : expected[u][v] + expected[v][u];
                assertEquals(both, weightOf(und, u, v), 1e-3);
            }
        }
        assertTrue(und.isSymmetric());
    }

    @Test
    void arcsOutsideTheNodeRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CsrGraph.builder(2, 1).add(0, 2, 1));
    }

    @Test
    void aggregateSumsTheWeightsBetweenCommunitiesLikeTheBuilder() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(400);
            CsrGraph.Builder b = CsrGraph.builder(n, 6 * n);
            for (int i = 0; i < 3 * n; i++) {
                int u = rnd.nextInt(n);
                int v = rnd.nextInt(n);
                float w = 0.25f * (1 + rnd.nextInt(8));
                b.add(u, v, w);
                if (u != v) {
                    b.add(v, u, w);
                }
            }
            CsrGraph g = b.buildUndirected();
            int count = 1 + rnd.nextInt(n);
            int[] partition = new int[n];
            for (int v = 0; v < n; v++) {
                partition[v] = v < count ? v : rnd.nextInt(count); // every label used
            }
            // the reference: every arc re-added between communities, summed by the builder
            CsrGraph.Builder r = CsrGraph.builder(count, g.arcCount());
            for (int v = 0; v < n; v++) {
                for (int a = g.start(v); a < g.end(v); a++) {
                    r.add(partition[v], partition[g.target(a)], g.weight(a));
                }
            }
            CsrGraph expected = r.buildUndirected();
            CsrGraph actual = g.aggregate(partition, count);
            assertEquals(expected.nodeCount(), actual.nodeCount());
            assertEquals(expected.arcCount(), actual.arcCount(), "trial " + trial);
            for (int c = 0; c < count; c++) {
                assertEquals(expected.start(c), actual.start(c));
                for (int a = expected.start(c); a < expected.end(c); a++) {
                    assertEquals(expected.target(a), actual.target(a));
                    assertEquals(expected.weight(a), actual.weight(a), 1e-4);
                }
            }
            assertTrue(actual.isSymmetric());
        }
    }
}
