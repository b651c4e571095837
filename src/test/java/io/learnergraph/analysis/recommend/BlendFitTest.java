package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.HistorySnapshot;
import io.learnergraph.analysis.graph.ProjectionWeights;
import io.learnergraph.analysis.recommend.BlendFit.Example;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.ingest.CsvProjection;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlendFitTest {

    private static final List<String> TIERS = List.of("free", "basic", "premium", "vip");

    @Test
    void theGridCoversTheSimplexWithEveryPopularWeight() {
        List<SourceWeights> grid = BlendFit.grid(10);
        assertEquals(66 * BlendFit.POPULAR.length, grid.size()); // C(12, 2) splits of 10 steps into 3
        for (SourceWeights w : grid) {
            assertEquals(1.0, w.knowledge() + w.collaborative() + w.social() + w.popular(), 1e-12);
        }
        assertTrue(grid.contains(new SourceWeights(1, 0, 0, 0)));
        assertTrue(grid.contains(new SourceWeights(0, 0, 0.8, 0.2)));
    }

    @Test
    void topKeepsTheBestPositiveScoresWithTiesByCourse() {
        int[] courses = {7, 3, 9, 1, 5};
        double[] total = {0.5, 0.9, 0.5, 0, 0.7};
        assertArrayEquals(new int[]{3, 5, 7}, BlendFit.top(courses, total, 3));
        assertArrayEquals(new int[]{3, 5, 7, 9}, BlendFit.top(courses, total, 10), "course 1 scored 0: not ranked");
    }

    /**
     * Users take the candidate their contacts rank first while the knowledge source's order is
     * noise: the fit must find social and beat the configured blend on users it has not seen.
     */
    @Test
    void theFitFindsTheSourceThatPredictsWhatUsersTook() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Example> fit = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        for (int u = 0; u < 400; u++) {
            int n = 30;
            int[] candidates = new int[n];
            double[] features = new double[n * CandidateFeatures.COUNT];
            int taken = rnd.nextInt(n);
            for (int i = 0; i < n; i++) {
                candidates[i] = i;
                int row = i * CandidateFeatures.COUNT;
                features[row] = rnd.nextDouble(); // knowledge: noise
                features[row + 1] = rnd.nextDouble(0.5); // collaborative: weaker noise
                features[row + 2] = i == taken ? 1 : rnd.nextDouble(0.6); // social: the taken one first
                features[row + 3] = rnd.nextDouble(0.1);
            }
            (u % 2 == 0 ? fit : validation).add(new Example(u, new int[]{taken}, candidates, features));
        }
        SourceWeights fixed = new SourceWeights(0.4, 0.4, 0.2, 0.05);
        BlendFit.Result r = BlendFit.fit(fit, validation, fixed, BlendFit.Parameters.defaults());
        assertEquals(1.0, r.fitted().recall(), 1e-12, "social alone finds every taken course at rank 1");
        assertEquals(1.0, r.fitted().ndcg(), 1e-12);
        assertTrue(r.weights().social() >= 0.5, r.weights().toString());
        assertTrue(r.fixed().recall() < 0.9, "the configured blend is misled by the noise: " + r.fixed());
        assertTrue(r.chosen());
        assertEquals(1.0, r.bySource().get("social").recall(), 1e-12);
        assertEquals(200, r.fitUsers());
        assertEquals(200, r.validationUsers());
        assertFalse(r.rankerChosen(), "the weights already rank every taken course first: nothing to beat");
    }

    /**
     * Users take the candidate most of their contacts took in the last month, which no source's
     * score shows: no weighting of the sources finds it, the learned ranking does.
     */
    @Test
    void theLearnedRankingFindsWhatNoSourceScores() {
        SplittableRandom rnd = new SplittableRandom(5);
        int contacts = CandidateFeatures.NAMES.indexOf("contacts-30d");
        List<Example> fit = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        for (int u = 0; u < 400; u++) {
            int n = 30;
            int[] candidates = new int[n];
            double[] features = new double[n * CandidateFeatures.COUNT];
            int taken = rnd.nextInt(n);
            for (int i = 0; i < n; i++) {
                candidates[i] = i;
                int row = i * CandidateFeatures.COUNT;
                for (int j = 0; j < 4; j++) {
                    features[row + j] = rnd.nextDouble(); // every source: noise
                }
                features[row + contacts] = i == taken ? Math.log1p(3) : Math.log1p(rnd.nextInt(2));
            }
            (u % 2 == 0 ? fit : validation).add(new Example(u, new int[]{taken}, candidates, features));
        }
        BlendFit.Result r = BlendFit.fit(fit, validation, new SourceWeights(0.4, 0.4, 0.2, 0.05),
                BlendFit.Parameters.defaults());
        assertEquals(1.0, r.ranked().recall(), 1e-12, "three contacts took it: first of every list");
        assertTrue(r.fitted().recall() < 0.6, "noise ranks the taken course at random: " + r.fitted());
        assertTrue(r.rankerChosen());
        assertTrue(r.ranker().weightsByName().get("contacts-30d") > 1, r.ranker().weightsByName().toString());
        // deterministic: the same examples give the same model
        LearnedRanker again = LearnedRanker.fit(fit, BlendFit.Parameters.DEFAULT_CANDIDATES);
        assertArrayEquals(r.ranker().weights(), again.weights(), 0);
    }

    @Test
    void historyAtTheLatestMinuteIsTheSnapshotAndEarlierDropsLaterEvents() throws Exception {
        GraphSnapshot s = demo(300, 4);
        ProjectionWeights w = weights();
        int last = s.activity().lastMinute();
        GraphSnapshot same = HistorySnapshot.before(s, last, w, 2);
        assertEquals(s.activity().eventCount(), same.activity().eventCount());
        assertEquals(s.learning().arcCount(), same.learning().arcCount());
        assertEquals(s.social().arcCount(), same.social().arcCount());
        for (int u = 0; u < s.users().count(); u++) {
            double wd = s.social().weightedDegree(u);
            assertEquals(wd, same.social().weightedDegree(u), 1e-5 * Math.max(1, wd), "user " + u);
            assertEquals(s.learning().degree(u), same.learning().degree(u));
            // the tier held at that minute (a membership change may come after the latest event)
            String then = s.activity().tierAt(u, last);
            boolean changes = s.activity().memberEnd(u) > s.activity().memberStart(u);
            assertEquals(then != null ? then : changes ? null : s.users().tiers()[u], same.users().tiers()[u]);
        }
        int cutoff = last - 30 * 1440;
        GraphSnapshot before = HistorySnapshot.before(s, cutoff, w, 3);
        long expected = 0;
        for (int u = 0; u < s.users().count(); u++) {
            for (int e = s.activity().start(u); e < s.activity().end(u); e++) {
                expected += s.activity().minute(e) <= cutoff ? 1 : 0;
            }
            // before a first membership change the tier is unknown (ranks lowest), never a later one
            String held = s.activity().tierAt(u, cutoff);
            boolean changes = s.activity().memberEnd(u) > s.activity().memberStart(u);
            assertEquals(held != null ? held : changes ? null : s.users().tiers()[u], before.users().tiers()[u]);
        }
        assertEquals(expected, before.activity().eventCount());
        assertTrue(before.activity().lastMinute() <= cutoff);
        assertTrue(expected < s.activity().eventCount(), "the demo has events in its last 30 days");
    }

    @Test
    void fittingOnTheDemosOwnHistoryIsDeterministicAndJudgedOnHeldOutUsers() throws Exception {
        GraphSnapshot s = demo(600, 5);
        RecommendationParameters base = RecommendationParameters.defaults();
        BlendFit.Fitted a = BlendFit.onHistory(s, 30, weights(), BlendFitTest::index, base,
                BlendFit.Parameters.defaults(), 300, 42);
        assertNotNull(a.result());
        assertTrue(a.truthUsers() > 0);
        assertEquals(Math.min(300, a.truthUsers()), a.result().fitUsers() + a.result().validationUsers());
        assertEquals(30 * 1440, a.end() - a.cutoff());
        // every truth course is one the user had not taken before the cutoff
        RecommenderIndex history = index(HistorySnapshot.before(s, a.cutoff(), weights(), 1));
        Map<Integer, int[]> truth = BlendFit.truthAfter(s, history, a.cutoff(), a.end());
        assertEquals(a.truthUsers(), truth.size());
        truth.forEach((u, cs) -> {
            for (int c : cs) {
                assertFalse(history.took(u, c));
            }
        });
        assertEquals(a.result().chosen(), !a.result().weights().equals(base.weights())
                && a.result().fitted().recall() >= a.result().fixed().recall());
        BlendFit.Fitted b = BlendFit.onHistory(s, 30, weights(), BlendFitTest::index, base,
                BlendFit.Parameters.defaults(), 300, 42);
        assertEquals(a.result().weights(), b.result().weights());
        assertEquals(a.result().fitted(), b.result().fitted());
    }

    private static RecommenderIndex index(GraphSnapshot h) {
        int[] community = Leiden.compute(h.socialUndirected(), ModularityParameters.defaults()).partition().community();
        double[] pagerank = PageRank.compute(h.social(), PageRank.Parameters.defaults()).scores();
        return RecommenderIndex.build(h, 1.0, TIERS, community, pagerank);
    }

    private static ProjectionWeights weights() {
        return new ProjectionWeights(Map.ofEntries(Map.entry("FOLLOWS", 1.0), Map.entry("COMMENTED", 2.0),
                Map.entry("REPLIED", 2.0), Map.entry("LIKED", 0.5), Map.entry("SHARED", 1.0), Map.entry("TIPPED", 3.0),
                Map.entry("ANSWERED", 2.0), Map.entry("MENTIONED", 1.0), Map.entry("VIEWED", 0.2),
                Map.entry("ENROLLED", 1.0), Map.entry("PROGRESSED", 0.5), Map.entry("COMPLETED", 2.0),
                Map.entry("RATED", 1.0), Map.entry("PURCHASED", 2.0)), 0);
    }

    private static GraphSnapshot demo(int users, long seed) throws Exception {
        Path dir = Files.createTempDirectory("blend-demo");
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(users, seed), TIERS).writeTo(dir);
        return CsvProjection.load(dir, weights(), 1).snapshot();
    }
}
