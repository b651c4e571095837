package io.learnergraph.analysis;

import io.learnergraph.analysis.centrality.Betweenness;
import io.learnergraph.analysis.centrality.Coreness;
import io.learnergraph.analysis.centrality.Eigenvector;
import io.learnergraph.analysis.centrality.Harmonic;
import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.graph.CsrGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known answers from reference.json (NetworkX 3.6) on karate and Les Misérables. */
class CentralityTest {

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void pageRankMatchesNetworkxWithin1e6(String name) {
        CsrGraph g = ReferenceGraphs.load(name); // lesmis weighted, as the reference
        PageRank.Result r = PageRank.compute(g, new PageRank.Parameters(0.85, 1000, 1e-13, null));
        assertTrue(r.didConverge());
        assertArrayEquals(ReferenceGraphs.values(name, "pagerank_d085"), r.scores(), 1e-6);
        assertEquals(1.0, Arrays.stream(r.scores()).sum(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void exactBetweennessMatchesNetworkx(String name) {
        CsrGraph g = ReferenceGraphs.load(name).unweighted();
        assertArrayEquals(ReferenceGraphs.values(name, "betweenness_normalized_unweighted"),
                Betweenness.exact(g).scores(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void sampledBetweennessStaysWithinItsStatedErrorBound(String name) {
        CsrGraph g = ReferenceGraphs.load(name).unweighted();
        double[] exact = ReferenceGraphs.values(name, "betweenness_normalized_unweighted");
        Betweenness.Result r = Betweenness.sampled(g, 0.02, 0.01, 7);
        assertTrue(r.samples() > 1000, "samples: " + r.samples());
        for (int v = 0; v < exact.length; v++) {
            assertEquals(exact[v], r.scores()[v], r.epsilon(), "node " + v);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void corenessMatchesNetworkx(String name) {
        double[] expected = ReferenceGraphs.values(name, "coreness");
        int[] core = Coreness.compute(ReferenceGraphs.load(name)).core();
        assertArrayEquals(expected, Arrays.stream(core).asDoubleStream().toArray(), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void harmonicMatchesNetworkx(String name) {
        CsrGraph g = ReferenceGraphs.load(name).unweighted();
        assertArrayEquals(ReferenceGraphs.values(name, "harmonic_unweighted"), Harmonic.exact(g).scores(), 1e-9);
    }

    @Test
    void sampledHarmonicWithAllSourcesIsExact() {
        CsrGraph g = ReferenceGraphs.load("karate");
        assertArrayEquals(Harmonic.exact(g).scores(), Harmonic.sampled(g, 34, 1).scores(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void eigenvectorMatchesNetworkx(String name) {
        CsrGraph g = ReferenceGraphs.load(name).unweighted();
        Eigenvector.Result r = Eigenvector.compute(g, new Eigenvector.Parameters(1000, 1e-13));
        assertTrue(r.didConverge());
        assertArrayEquals(ReferenceGraphs.values(name, "eigenvector_unweighted"), r.scores(), 1e-6);
    }

    @Test
    void personalisedPageRankStaysOnTheSourcesSide() {
        // two triangles {0,1,2} and {3,4,5} joined by the bridge 2-3; walks restart at 0
        CsrGraph.Builder b = CsrGraph.builder(6, 14);
        int[][] edges = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}};
        for (int[] e : edges) {
            b.add(e[0], e[1], 1).add(e[1], e[0], 1);
        }
        double[] s = PageRank.compute(b.buildUndirected(), PageRank.Parameters.defaults().withSources(new int[]{0}))
                .scores();
        double minNear = Math.min(s[0], Math.min(s[1], s[2]));
        double maxFar = Math.max(s[3], Math.max(s[4], s[5]));
        assertTrue(minNear > maxFar, Arrays.toString(s));
        assertTrue(s[0] > s[1], "the source itself ranks above its symmetric neighbour");
        assertEquals(s[4], s[5], 1e-12, "symmetry");
        assertEquals(1.0, Arrays.stream(s).sum(), 1e-9);
    }

    @Test
    void interruptingTheThreadCancelsALongComputation() throws Exception {
        CsrGraph g = io.learnergraph.analysis.graph.PowerLawGraphs.barabasiAlbert(50_000, 5, 1);
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Betweenness.exact(g); // tens of seconds uninterrupted
                outcome.set(new AssertionError("finished instead of being cancelled"));
            } catch (java.util.concurrent.CancellationException e) {
                outcome.set(e);
            }
        });
        worker.start();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        worker.interrupt();
        worker.join(10_000);
        assertTrue(outcome.get() instanceof java.util.concurrent.CancellationException, String.valueOf(outcome.get()));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "stopped promptly");
    }

    @Test
    void danglingRankIsSpreadSoScoresStillSumToOne() {
        // 0 -> 1 -> 2, and 2 has no out-arcs; by hand with d = 0.85 the stationary vector is
        // x2 = x1 * 0.85 + c, etc.; we check the sum and the order.
        CsrGraph g = CsrGraph.builder(3, 2).add(0, 1, 1).add(1, 2, 1).build();
        double[] s = PageRank.compute(g, PageRank.Parameters.defaults().withTolerance(1e-14)).scores();
        assertEquals(1.0, s[0] + s[1] + s[2], 1e-12);
        assertTrue(s[2] > s[1] && s[1] > s[0]);
        // x0 = (1-d)/3 + d*x2/3 ; x1 = x0' + d*x0 ; x2 = x0' + d*x1 where x0' is the first term
        double d = 0.85;
        double x2 = s[2];
        double base = (1 - d) / 3 + d * x2 / 3;
        assertEquals(base, s[0], 1e-12);
        assertEquals(base + d * s[0], s[1], 1e-12);
        assertEquals(base + d * s[1], s[2], 1e-12);
    }
}
