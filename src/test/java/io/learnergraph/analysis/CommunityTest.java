package io.learnergraph.analysis;

import io.learnergraph.analysis.community.CommunityResult;
import io.learnergraph.analysis.community.LabelPropagation;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.Louvain;
import io.learnergraph.analysis.community.Modularity;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.community.Partition;
import io.learnergraph.analysis.community.WeaklyConnectedComponents;
import io.learnergraph.analysis.graph.CsrGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayDeque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommunityTest {

    private static double bestKnown(String name) {
        return ((Number) ReferenceGraphs.reference(name).get("best_known_modularity")).doubleValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void leidenReachesTheBestKnownModularityWithin0005(String name) {
        CsrGraph g = ReferenceGraphs.load(name); // lesmis weighted, like its best known value
        CommunityResult r = Leiden.compute(g, ModularityParameters.defaults());
        assertTrue(r.modularity() >= bestKnown(name) - 0.005, "modularity " + r.modularity());
        assertTrue(r.modularity() <= bestKnown(name) + 1e-4, "cannot beat the optimum: " + r.modularity());
        assertEquals(Modularity.of(g, r.partition().community(), 1.0), r.modularity(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void louvainComesClose(String name) {
        CommunityResult r = Louvain.compute(ReferenceGraphs.load(name), ModularityParameters.defaults());
        assertTrue(r.modularity() >= bestKnown(name) - 0.02, "modularity " + r.modularity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void leidenCommunitiesAreConnected(String name) {
        CsrGraph g = ReferenceGraphs.load(name);
        Partition p = Leiden.compute(g, ModularityParameters.defaults().withSeed(3)).partition();
        for (int c = 0; c < p.count(); c++) {
            assertTrue(connectedWithin(g, p.community(), c), "community " + c + " is disconnected");
        }
    }

    @Test
    void theSameSeedGivesTheSamePartition() {
        CsrGraph g = ReferenceGraphs.load("lesmis");
        for (long seed : new long[]{1, 2, 3}) {
            ModularityParameters p = ModularityParameters.defaults().withSeed(seed);
            assertArrayEquals(Leiden.compute(g, p).partition().community(), Leiden.compute(g, p).partition().community());
            assertArrayEquals(Louvain.compute(g, p).partition().community(),
                    Louvain.compute(g, p).partition().community());
            assertArrayEquals(LabelPropagation.compute(g, new LabelPropagation.Parameters(20, seed)).partition()
                    .community(), LabelPropagation.compute(g, new LabelPropagation.Parameters(20, seed)).partition()
                    .community());
        }
    }

    @Test
    void karateFactionsAreRecoveredByATwoCommunitySplit() {
        CsrGraph g = ReferenceGraphs.load("karate");
        List<String> labels = ReferenceGraphs.lines("graphs/karate.labels.csv").stream().skip(1)
                .map(l -> l.split(",")[1]).toList();
        // lower the resolution until Leiden returns two communities
        Partition two = null;
        for (double gamma = 1.0; gamma > 0.05 && two == null; gamma -= 0.05) {
            Partition p = Leiden.compute(g, ModularityParameters.defaults().withResolution(gamma)).partition();
            if (p.count() == 2) {
                two = p;
            }
        }
        assertTrue(two != null, "some resolution splits the club in two");
        int agree = 0;
        for (int v = 0; v < 34; v++) {
            boolean sameAsZero = two.community()[v] == two.community()[0];
            agree += sameAsZero == labels.get(v).equals(labels.get(0)) ? 1 : 0;
        }
        // the modularity split famously misplaces at most one or two members (e.g. member 9)
        assertTrue(agree >= 32, "members on the right side: " + agree + " of 34");
    }

    @Test
    void modularityOfTheFactionSplitMatchesAHandComputation() {
        CsrGraph g = ReferenceGraphs.load("karate");
        int[] faction = ReferenceGraphs.lines("graphs/karate.labels.csv").stream().skip(1)
                .mapToInt(l -> l.endsWith("Mr. Hi") ? 0 : 1).toArray();
        // Σ_c L_c/m − (K_c/2m)², computed independently from the edge list: 0.3582347140
        assertEquals(0.3582347140, Modularity.of(g, faction, 1.0), 1e-9);
        assertEquals(0.0, Modularity.of(g, new int[34], 1.0), 1e-12, "one community has modularity 0");
    }

    @Test
    void labelPropagationSeparatesTwoCliquesJoinedByOneEdge() {
        CsrGraph.Builder b = CsrGraph.builder(10, 50);
        for (int base : new int[]{0, 5}) {
            for (int i = 0; i < 5; i++) {
                for (int j = i + 1; j < 5; j++) {
                    b.add(base + i, base + j, 1).add(base + j, base + i, 1);
                }
            }
        }
        b.add(4, 5, 1).add(5, 4, 1);
        CommunityResult r = LabelPropagation.compute(b.buildUndirected(), new LabelPropagation.Parameters(20, 1));
        assertEquals(2, r.partition().count());
        assertTrue(r.didConverge());
        assertArrayEquals(new int[]{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, r.partition().community());
    }

    @Test
    void weaklyConnectedComponentsIgnoreDirection() {
        CsrGraph g = CsrGraph.builder(6, 4).add(0, 1, 1).add(2, 1, 1).add(3, 4, 1).build();
        WeaklyConnectedComponents.Result r = WeaklyConnectedComponents.compute(g);
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 2}, r.partition().community());
        assertEquals(3, r.partition().count());
        assertEquals(3, r.largest());
        assertEquals(3, r.arcsRead(), "a directed graph has every arc read");
    }

    @Test
    void weaklyConnectedComponentsSkipTheGiantComponentsArcsOnASymmetricGraph() {
        // a clique of 50 (every node degree 49) and one separate edge: only 2 arcs per clique node
        // are read before sampling finds the clique, then the other 47 are skipped
        CsrGraph.Builder b = CsrGraph.builder(52, 2_500);
        for (int u = 0; u < 50; u++) {
            for (int v = u + 1; v < 50; v++) {
                b.add(u, v, 1);
            }
        }
        b.add(50, 51, 1);
        CsrGraph g = b.build().undirected();
        WeaklyConnectedComponents.Result r = WeaklyConnectedComponents.compute(g);
        assertEquals(2, r.partition().count());
        assertEquals(50, r.largest());
        assertEquals(50 * 2 + 2, r.arcsRead(), "of " + g.arcCount());
    }

    @Test
    void leidenStopsIteratingOnceARunGainsNothingAndKeepsTheBestKnownModularity() {
        CsrGraph karate = ReferenceGraphs.load("karate");
        CommunityResult r = Leiden.compute(karate, new ModularityParameters(1.0, 20, 50, 42));
        assertTrue(r.iterations() < 50, "ran " + r.iterations() + " iterations");
        assertTrue(r.didConverge());
        assertEquals(0.4198, r.modularity(), 0.005);
        assertEquals(r.modularity(), Modularity.of(karate, r.partition().community(), 1.0), 1e-12);
    }

    @Test
    void weaklyConnectedComponentsMatchBreadthFirstSearchOnRandomGraphs() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rnd.nextInt(3_000);
            // a giant component (the sampled shortcut) next to many small ones and isolated nodes
            int giant = rnd.nextInt(n + 1);
            CsrGraph.Builder b = CsrGraph.builder(n, 4 * n);
            for (int i = 0; i < 2 * giant; i++) {
                b.add(rnd.nextInt(giant), rnd.nextInt(giant), 1);
            }
            for (int i = 0; i < (n - giant) / 3; i++) {
                int u = giant + rnd.nextInt(n - giant);
                b.add(u, giant + rnd.nextInt(n - giant), 1);
            }
            CsrGraph directed = b.build();
            for (CsrGraph g : List.of(directed, directed.undirected())) {
                assertArrayEquals(componentsByBfs(g), WeaklyConnectedComponents.compute(g).partition().community(),
                        "trial " + trial + ", n " + n + ", symmetric " + g.isSymmetric());
            }
        }
    }

    /** Components numbered in order of their smallest node, by BFS over arcs in both directions. */
    private static int[] componentsByBfs(CsrGraph g) {
        int n = g.nodeCount();
        List<List<Integer>> adj = new java.util.ArrayList<>();
        for (int v = 0; v < n; v++) {
            adj.add(new java.util.ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            for (int a = g.start(v); a < g.end(v); a++) {
                adj.get(v).add(g.target(a));
                adj.get(g.target(a)).add(v);
            }
        }
        int[] comp = new int[n];
        java.util.Arrays.fill(comp, -1);
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) {
                continue;
            }
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(s));
            comp[s] = next;
            while (!queue.isEmpty()) {
                for (int w : adj.get(queue.poll())) {
                    if (comp[w] < 0) {
                        comp[w] = next;
                        queue.add(w);
                    }
                }
            }
            next++;
        }
        return comp;
    }

    @Test
    void resolutionMustBePositive() {
        assertEquals("resolution must be > 0, was 0.0", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ModularityParameters.defaults().withResolution(0)).getMessage());
    }

    private static boolean connectedWithin(CsrGraph g, int[] comm, int c) {
        int start = -1;
        int size = 0;
        for (int v = 0; v < comm.length; v++) {
            if (comm[v] == c) {
                size++;
                start = start < 0 ? v : start;
            }
        }
        boolean[] seen = new boolean[comm.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        seen[start] = true;
        int reached = 0;
        while (!queue.isEmpty()) {
            int v = queue.poll();
            reached++;
            for (int a = g.start(v); a < g.end(v); a++) {
                int u = g.target(a);
                if (!seen[u] && comm[u] == c) {
                    seen[u] = true;
                    queue.add(u);
                }
            }
        }
        return reached == size;
    }
}
