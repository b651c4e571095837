package io.learnergraph.analysis;

import io.learnergraph.analysis.centrality.Betweenness;
import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.PowerLawGraphs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void pageRankReportsEachIterationOutOfTheMaximum() {
        CsrGraph g = PowerLawGraphs.barabasiAlbert(500, 3, 1);
        List<Double> seen = new ArrayList<>();
        PageRank.Result r = Progress.reporting(seen::add,
                () -> PageRank.compute(g, new PageRank.Parameters(0.85, 20, 1e-300, null)));
        assertEquals(20, r.iterations());
        assertEquals(20, seen.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i / 20.0, seen.get(i), 1e-12);
        }
    }

    @Test
    void betweennessWorkersReportEverySourceBlockAndTheAnswerIsUnchanged() {
        // large enough (sources × arcs ≥ 5M) for the sources to be split over worker threads
        CsrGraph g = PowerLawGraphs.barabasiAlbert(20_000, 5, 3);
        List<Double> seen = Collections.synchronizedList(new ArrayList<>());
        Betweenness.Result reported = Progress.reporting(seen::add, () -> Betweenness.sourceSampled(g, 640, 7));
        Betweenness.Result quiet = Betweenness.sourceSampled(g, 640, 7);
        assertArrayEquals(quiet.scores(), reported.scores(), 1e-9);
        assertTrue(seen.stream().allMatch(f -> f > 0 && f <= 1), seen::toString);
        // at least one report per 64 sources, and all sources counted exactly once in the end
        assertTrue(seen.size() >= 640 / 64, seen::toString);
        assertEquals(1.0, Collections.max(seen), 1e-12);
    }

    @Test
    void leidenProgressOnlyGrowsAndStaysBelowOne() {
        CsrGraph g = PowerLawGraphs.barabasiAlbert(2_000, 4, 5).undirected();
        List<Double> seen = new ArrayList<>();
        Progress.reporting(seen::add, () -> Leiden.compute(g, ModularityParameters.defaults()));
        assertTrue(seen.size() >= 2, seen::toString);
        assertEquals(0.0, seen.get(0));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1) && seen.get(i) < 1, seen::toString);
        }
    }

    @Test
    void aSinkIsScopedToItsCallAndNests() {
        List<Double> outer = new ArrayList<>();
        List<Double> inner = new ArrayList<>();
        Progress.reporting(outer::add, () -> {
            Progress.current().accept(0.5);
            Progress.reporting(Progress.range(inner::add, 0.2, 0.4), () -> {
                Progress.current().accept(0.5);
                return null;
            });
            Progress.current().accept(0.75);
            return null;
        });
        assertEquals(List.of(0.5, 0.75), outer);
        assertEquals(0.3, inner.get(0), 1e-12);
        // outside any call nothing listens, and reporting is harmless
        Progress.current().accept(0.9);
        assertSame(Progress.current(), Progress.current());
    }
}
