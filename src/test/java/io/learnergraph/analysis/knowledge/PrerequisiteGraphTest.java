package io.learnergraph.analysis.knowledge;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The knowledge graph on hand-checked small cases: learning orders, cycles closed and named. */
class PrerequisiteGraphTest {

    /** ml requires stats and calculus; both require algebra; art requires drawing. */
    private static PrerequisiteGraph<String> topics() {
        PrerequisiteGraph<String> g = new PrerequisiteGraph<>(t -> t);
        g.add("ml", "stats");
        g.add("ml", "calculus");
        g.add("stats", "algebra");
        g.add("calculus", "algebra");
        g.add("art", "drawing");
        return g;
    }

    @Test
    void aGoalIsLearntAfterEverythingItRequiresInAStableOrder() {
        PrerequisiteGraph<String> g = topics();
        assertEquals(List.of("algebra", "calculus", "stats", "ml"), g.learningOrder("ml", Comparator.naturalOrder()));
        assertEquals(List.of("algebra", "stats", "calculus", "ml"),
                g.learningOrder("ml", Comparator.<String>naturalOrder().reversed()),
                "ties go the caller's way, prerequisites first whatever the ties");
        assertEquals(List.of("algebra", "stats"), g.learningOrder("stats", Comparator.naturalOrder()));
        assertEquals(List.of("algebra"), g.learningOrder("algebra", Comparator.naturalOrder()));
        assertEquals(Set.of("stats", "calculus"), Set.copyOf(g.requiredBy("ml")));
        assertEquals(List.of(), g.requiredBy("algebra"));
        assertTrue(g.has("ml", "stats"));
        assertTrue(!g.has("stats", "ml"));
    }

    @Test
    void anEdgeThatWouldCloseACycleIsNamedWithTheShortestWayRound() {
        PrerequisiteGraph<String> g = topics();
        List<String> cycle = g.cycleIfAdded("algebra", "ml").orElseThrow();
        assertEquals(4, cycle.size(), cycle.toString());
        assertEquals(List.of("algebra", "ml"), cycle.subList(0, 2));
        assertTrue(Set.of("stats", "calculus").contains(cycle.get(2)), cycle.toString());
        assertEquals("algebra", cycle.get(3));
        assertEquals(Optional.of(List.of("stats", "stats")), g.cycleIfAdded("stats", "stats"));
        assertEquals(Optional.empty(), g.cycleIfAdded("drawing", "algebra"), "no path back: safe");
        assertEquals(Optional.empty(), g.cycleIfAdded("algebra", "drawing"));
        assertEquals(Optional.empty(), g.cycleIfAdded("newTopic", "ml"), "a new topic closes nothing");
        assertEquals(Optional.empty(), g.anyCycle());
    }

    @Test
    void aLoopAmongAGoalsPrerequisitesIsThrownNamingIt() {
        PrerequisiteGraph<String> g = topics();
        g.add("algebra", "ml"); // written by other means than the import, which refuses it
        PrerequisiteCycle e = assertThrows(PrerequisiteCycle.class, () -> g.learningOrder("ml",
                Comparator.naturalOrder()));
        List<String> cycle = e.topics();
        assertEquals(cycle.get(0), cycle.get(cycle.size() - 1), "the first topic repeated at the end");
        assertEquals(4, cycle.size(), "x -> ... -> x through ml, stats or calculus, and algebra: " + cycle);
        assertTrue(cycle.containsAll(List.of("ml", "algebra")), cycle.toString());
        assertTrue(e.getMessage().contains(String.join(" -> ", cycle)), e.getMessage());
        assertEquals(List.of("drawing", "art"), g.learningOrder("art", Comparator.naturalOrder()),
                "a goal outside the loop still has its path");
        assertTrue(g.anyCycle().isPresent());
    }
}
