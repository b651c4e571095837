package io.learnergraph.analysis.recommend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateFeaturesTest {

    /**
     * calculus requires algebra; ml requires calculus and algebra. u1 completed the algebra course
     * (latest event day 10) and follows u2 (took calculus on day 5) and u3 (took calculus and the
     * premium art course on day 40, the latest event: "now").
     */
    private static RecommenderIndex platform() {
        return new TinyPlatform().users("free", "u1", "u2", "u3")
                .course("cAlg", "free", "algebra").course("cCalc", "free", "calculus")
                .course("cMl", "free", "ml").course("cArt", "premium", "art")
                .requires("calculus", "algebra").requires("ml", "calculus").requires("ml", "algebra")
                .completed("u1", "cAlg").follows("u1", "u2").follows("u1", "u3")
                .learn("u2", "cCalc", "ENROLLED", 5)
                .learn("u3", "cCalc", "ENROLLED", 40).learn("u3", "cArt", "ENROLLED", 40).index();
    }

    /** A ranking on one raw feature: log-odds = intercept + weight · feature (no standardisation). */
    private static LearnedRanker ranker(String feature, double weight, double intercept) {
        double[] weights = new double[CandidateFeatures.COUNT];
        weights[CandidateFeatures.NAMES.indexOf(feature)] = weight;
        double[] ones = new double[CandidateFeatures.COUNT];
        java.util.Arrays.fill(ones, 1);
        return new LearnedRanker(new double[CandidateFeatures.COUNT], ones, weights, intercept, 100);
    }

    private static double[] features(RecommenderIndex index, String user, String course) {
        int u = index.snapshot().users().indexOf(user).orElseThrow();
        int c = index.snapshot().courses().indexOf(course).orElseThrow();
        try (CandidateFeatures f = CandidateFeatures.of(index, u)) {
            return f.of(c);
        }
    }

    @Test
    void theNextStepInTheBranchKnowsItsPrerequisitesAndWhoTookItRecently() {
        RecommenderIndex index = platform();
        double algebra = Math.exp(-30.0 / 30); // worked on 30 days before now
        // sources 0; readiness 1; branch log(1 + e^-1); no own-topic work; contacts: u3 within 30
        // days, u2 and u3 at all; 2 learners, 1 of them in the last 30 days; open to a free user
        assertArrayEquals(new double[]{0, 0, 0, 0, 1, Math.log1p(algebra), 0, Math.log1p(1), Math.log1p(2),
                Math.log1p(2), Math.log1p(1), 0}, features(index, "u1", "cCalc"), 1e-6);
    }

    @Test
    void aCourseTwoStepsAheadIsHalfReadyAndAGatedOneCarriesItsTierGap() {
        RecommenderIndex index = platform();
        double algebra = Math.exp(-1);
        double[] ml = features(index, "u1", "cMl");
        assertEquals(0.5, ml[4], 1e-12, "algebra known, calculus not");
        assertEquals(Math.log1p(algebra / 2), ml[5], 1e-6, "mean work over its two prerequisites");
        assertEquals(0, ml[7] + ml[8] + ml[9] + ml[10], 1e-12, "nobody took it");
        double[] art = features(index, "u1", "cArt");
        assertEquals(1, art[4], 1e-12, "no prerequisites: ready");
        assertEquals(0, art[5], 1e-12, "and no branch to continue");
        assertEquals(2, art[11], 1e-12, "free to premium");
        assertEquals(Math.log1p(1), art[7], 1e-12);
    }

    @Test
    void aUserWhoFollowsNobodyHasNoContactsAndTheirOwnTopicCounts() {
        RecommenderIndex index = platform();
        double[] alg = features(index, "u3", "cCalc");
        assertEquals(0, alg[7] + alg[8], 1e-12, "u3 follows nobody");
        assertEquals(Math.log1p(1.0), alg[6], 1e-6, "u3 worked on calculus just now: weight e^0");
        assertEquals(0, alg[4], 1e-12, "u3 never took algebra");
    }

    @Test
    void aLearnedRankingServesCandidatesByItsProbabilityAndExplicitWeightsSetItAside() {
        RecommenderIndex index = platform();
        LearnedRanker ranker = ranker("contacts-30d", 1, -1);
        RecommendationParameters p = RecommendationParameters.defaults().withRanker(ranker).withDiversity(0)
                .withIncludeGated(true).withExplain(false);
        int u1 = index.snapshot().users().indexOf("u1").orElseThrow();
        Recommendations r = new Recommender(index).recommend(u1, p);
        java.util.List<String> ids = r.items().stream().map(i -> index.snapshot().courses().ids()[i.course()]).toList();
        // calculus and art: one contact each in the last 30 days -> σ(−1 + log 2); ml: none -> σ(−1)
        assertEquals(java.util.List.of("cCalc", "cArt", "cMl"), ids);
        assertEquals(1 / (1 + Math.exp(1 - Math.log(2))), r.items().get(0).score(), 1e-9);
        assertEquals(1 / (1 + Math.exp(1)), r.items().get(2).score(), 1e-9);
        assertEquals("premium", r.items().get(1).requiresUpgrade());
        assertEquals(null, p.withWeights(p.weights()).ranker(), "explicit weights rank by the weighted sum");
    }

    @Test
    void aThreadsReusedArraysCarryNothingFromOneUserToTheNext() {
        RecommenderIndex index = platform();
        double[] first = features(index, "u1", "cCalc");
        double[] other = features(index, "u3", "cCalc");
        assertArrayEquals(first, features(index, "u1", "cCalc"), 0);
        assertEquals(0, other[7] + other[8], 0, "u1's contacts are not u3's");
    }

    /** A saturated model (log-odds far beyond ±30) still ranks, diversifies and answers probabilities. */
    @Test
    void aSaturatedRankingStillServesWithDiversity() {
        RecommenderIndex index = platform();
        LearnedRanker ranker = ranker("contacts-30d", 1e6, 0);
        int u1 = index.snapshot().users().indexOf("u1").orElseThrow();
        Recommendations r = new Recommender(index).recommend(u1, RecommendationParameters.defaults().withRanker(ranker)
                .withDiversity(0.3).withIncludeGated(true));
        assertEquals(3, r.items().size());
        for (Recommendation item : r.items()) {
            assertTrue(item.score() > 0 && item.score() < 1, item.toString());
        }
    }
}
