package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;
import io.learnergraph.analysis.recommend.RecommendationParameters.Strategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommenderTest {

    private static final RecommendationParameters P = RecommendationParameters.defaults();

    private static List<String> courses(RecommenderIndex index, Recommendations r) {
        return r.items().stream().map(i -> index.snapshot().courses().ids()[i.course()]).toList();
    }

    private static int user(RecommenderIndex index, String id) {
        return index.snapshot().users().indexOf(id).orElseThrow();
    }

    /** algebra <- calculus <- ml: completing algebra makes calculus the next step, not ml. */
    private static TinyPlatform chain() {
        return new TinyPlatform().users("free", "u1", "u2")
                .course("cAlg", "free", "algebra").course("cCalc", "free", "calculus").course("cMl", "free", "ml")
                .course("cArt", "free", "art")
                .requires("calculus", "algebra").requires("ml", "calculus")
                .completed("u1", "cAlg");
    }

    @Test
    void knowledgePathLeadsToTheNextTopicWhosePrerequisitesAreMet() {
        RecommenderIndex index = chain().index();
        Recommendations r = new Recommender(index).recommend(user(index, "u1"), P.withStrategy(Strategy.KNOWLEDGE));
        assertEquals(List.of("cCalc"), courses(index, r), "only the next step: ml needs calculus first, art is unrelated");
        Reason reason = r.items().get(0).reasons().get(0);
        assertEquals("knowledge", reason.kind());
        assertEquals("User u1 -COMPLETED-> Course cAlg -COVERS-> Topic algebra <-REQUIRES- Topic calculus "
                + "<-COVERS- Course cCalc", reason.renderPath());
        assertTrue(reason.text().contains("you meet all its prerequisites"), reason.text());
    }

    @Test
    void startedCoursesCountHalfAndCoursesWithUnmetPrerequisitesRankLower() {
        // ml requires algebra and calculus; u1 completed algebra only: ml readiness 1/2,
        // stats requires algebra only: readiness 1, so stats outranks ml
        RecommenderIndex index = new TinyPlatform().users("free", "u1")
                .course("cAlg", "free", "algebra").course("cCalc", "free", "calculus")
                .course("cMl", "free", "ml").course("cStats", "free", "stats")
                .requires("ml", "algebra").requires("ml", "calculus").requires("stats", "algebra")
                .requires("calculus", "algebra")
                .completed("u1", "cAlg").index();
        Recommendations r = new Recommender(index).recommend(user(index, "u1"),
                P.withStrategy(Strategy.KNOWLEDGE).withDiversity(0));
        List<String> ids = courses(index, r);
        assertEquals("cMl", ids.get(ids.size() - 1), "ml misses calculus: " + ids);
        Recommendation ml = r.items().get(ids.size() - 1);
        Recommendation stats = r.items().get(ids.indexOf("cStats"));
        // ml: readiness 0.5, prerequisites met 0.5 -> 0.5 * 0.75; stats: 1 * 1
        assertEquals(0.375, ml.knowledge() * 1.0 / stats.knowledge(), 1e-9);
    }

    @Test
    void siblingTopicsSharingAPrerequisiteAreRelatedCandidates() {
        RecommenderIndex index = new TinyPlatform().users("free", "u1")
                .course("cAlg", "free", "algebra").course("cCalc", "free", "calculus").course("cGeo", "free", "geometry")
                .requires("calculus", "algebra").requires("geometry", "algebra")
                .completed("u1", "cAlg", "cCalc").index();
        Recommendations r = new Recommender(index).recommend(user(index, "u1"), P.withStrategy(Strategy.KNOWLEDGE));
        // geometry is a next step of algebra (readiness 1) - it wins over the sibling path
        assertEquals(List.of("cGeo"), courses(index, r));
        assertTrue(r.items().get(0).reasons().get(0).renderPath().endsWith("<-REQUIRES- Topic geometry <-COVERS- Course cGeo"));
    }

    @Test
    void socialProofFromEveryFollowedUserWhoTookTheSameCourse() {
        TinyPlatform p = new TinyPlatform().users("free", "me", "f1", "f2", "f3", "x")
                .course("cX", "free", "t1").course("cY", "free", "t2")
                .follows("me", "f1").follows("me", "f2").follows("me", "f3")
                .completed("f1", "cX").completed("f2", "cX").completed("f3", "cX").completed("x", "cY");
        RecommenderIndex index = p.index();
        Recommendations r = new Recommender(index).recommend(user(index, "me"), P.withStrategy(Strategy.SOCIAL));
        assertEquals(List.of("cX"), courses(index, r), "only what followed users took");
        assertTrue(r.coldStart());
        Reason reason = r.items().get(0).reasons().get(0);
        assertTrue(reason.renderPath().matches("User me -FOLLOWS-> User f[123] -COMPLETED-> Course cX"), reason.renderPath());
        assertTrue(reason.text().contains("3 of your connections took it"), reason.text());
    }

    @Test
    void coldStartUserGetsSocialThenPopularCoursesOfTheirTier() {
        TinyPlatform p = new TinyPlatform().users("free", "me", "f1", "a", "b", "c").user("rich", "premium")
                .course("cFree", "free", "t1").course("cPop", "free", "t2").course("cPremium", "premium", "t3")
                .course("cNone", "free", "t4")
                .follows("me", "f1").completed("f1", "cFree")
                .completed("a", "cPop", "cPremium").completed("b", "cPop", "cPremium").completed("c", "cPop", "cPremium")
                .completed("rich", "cPremium");
        RecommenderIndex index = p.index();
        Recommendations r = new Recommender(index).recommend(user(index, "me"), P.withDiversity(0));
        assertTrue(r.coldStart());
        assertEquals(List.of("cFree", "cPop"), courses(index, r), "social first, then popular in the free tier");
        assertEquals("popular", r.items().get(1).reasons().get(0).kind());
        assertEquals(0, r.items().get(1).social());
        // nothing at all: the tier's popular courses
        Recommendations loner = new Recommender(index).recommend(user(index, "c"), P);
        assertEquals(List.of("cFree"), courses(index, loner), "c took the rest; cPremium is gated");
    }

    @Test
    void gatedCoursesAreDroppedOrFlaggedWithTheTierTheyNeed() {
        TinyPlatform p = new TinyPlatform().users("free", "me", "f1").course("cP", "premium", "t").course("cF", "free", "t")
                .follows("me", "f1").completed("f1", "cP", "cF");
        RecommenderIndex index = p.index();
        Recommender rec = new Recommender(index);
        Recommendations without = rec.recommend(user(index, "me"), P);
        assertEquals(List.of("cF"), courses(index, without));
        assertNull(without.items().get(0).requiresUpgrade());
        Recommendations with = rec.recommend(user(index, "me"), P.withIncludeGated(true));
        assertEquals(2, with.items().size());
        Recommendation gated = with.items().stream().filter(i -> i.course() == index.snapshot().courses()
                .indexOf("cP").getAsInt()).findFirst().orElseThrow();
        assertEquals("premium", gated.requiresUpgrade());
    }

    @Test
    void takenCoursesAreExcludedButViewedOnesAreNot() {
        TinyPlatform p = new TinyPlatform().users("free", "me", "f1")
                .course("c1", "free", "t").course("c2", "free", "t").course("c3", "free", "t")
                .follows("me", "f1").completed("f1", "c1", "c2", "c3")
                .completed("me", "c1").learn("me", "c2", "VIEWED", 3);
        RecommenderIndex index = p.index();
        Recommendations r = new Recommender(index).recommend(user(index, "me"), P.withStrategy(Strategy.SOCIAL));
        assertEquals(List.of("c2", "c3"), courses(index, r).stream().sorted().toList());
    }

    @Test
    void maximalMarginalRelevanceLetsASecondTopicIn() {
        // four followed users took three courses on topic a; two took one on topic b
        TinyPlatform p = new TinyPlatform().users("free", "me", "f1", "f2", "f3", "f4")
                .course("a1", "free", "a").course("a2", "free", "a").course("a3", "free", "a").course("b1", "free", "b");
        for (String f : List.of("f1", "f2", "f3", "f4")) {
            p.follows("me", f).completed(f, "a1", "a2", "a3");
        }
        p.completed("f1", "b1").completed("f2", "b1");
        RecommenderIndex index = p.index();
        Recommender rec = new Recommender(index);
        RecommendationParameters two = P.withStrategy(Strategy.SOCIAL).withLimit(2);
        assertFalse(courses(index, rec.recommend(user(index, "me"), two.withDiversity(0))).contains("b1"));
        // relevance a = 1, b = 0.5: with λ = 0.5 the second a scores 0.5 - 0.5, b 0.25 - 0
        assertTrue(courses(index, rec.recommend(user(index, "me"), two.withDiversity(0.5))).contains("b1"));
    }

    @Test
    void collaborativeReasonNamesTheCoLearnerPath() {
        TinyPlatform p = new TinyPlatform().users("free", "me", "v")
                .course("c1", "free", "t1").course("c2", "free", "t2")
                .completed("me", "c1").completed("v", "c1", "c2");
        RecommenderIndex index = p.index();
        Recommendations r = new Recommender(index).recommend(user(index, "me"), P.withStrategy(Strategy.COLLABORATIVE));
        assertEquals(List.of("c2"), courses(index, r));
        assertEquals("exact", r.collaborative());
        assertEquals("User me -COMPLETED-> Course c1 <-COMPLETED- User v -COMPLETED-> Course c2",
                r.items().get(0).reasons().get(0).renderPath());
    }

    @Test
    void blendWeightsComeFromTheParametersAndEverySourceExplainsItself() {
        TinyPlatform p = chain().users("free", "f1").follows("u1", "f1").completed("f1", "cArt")
                .completed("u2", "cAlg", "cMl");
        RecommenderIndex index = p.index();
        Recommender rec = new Recommender(index);
        Recommendations r = rec.recommend(user(index, "u1"), P.withDiversity(0)
                .withWeights(new SourceWeights(1, 0.5, 0.25, 0)));
        assertEquals(List.of("cCalc", "cMl", "cArt"), courses(index, r));
        assertEquals(1.0, r.items().get(0).score(), 1e-9);
        assertEquals(0.5, r.items().get(1).score(), 1e-9);
        assertEquals(0.25, r.items().get(2).score(), 1e-9);
        for (Recommendation i : r.items()) {
            assertEquals(1, i.reasons().size());
            assertFalse(i.reasons().get(0).path().isEmpty());
        }
        assertEquals(List.of("social"), r.items().get(2).reasons().stream().map(Reason::kind).toList());
        Recommendations noExplain = rec.recommend(user(index, "u1"), P.withExplain(false));
        assertTrue(noExplain.items().stream().allMatch(i -> i.reasons().isEmpty()));
    }

    @Test
    void learningPathIsTopologicalAndMarksWhatTheUserCompleted() {
        TinyPlatform p = chain().course("cMl2", "premium", "ml").course("cStats", "free", "stats").requires("ml", "stats");
        RecommenderIndex index = p.index();
        GraphSnapshot s = index.snapshot();
        LearningPaths.LearningPath path = LearningPaths.compute(index, user(index, "u1"), s.topics().indexOf("ml").getAsInt());
        List<String> order = path.steps().stream().map(st -> s.topics().ids()[st.topic()]).toList();
        assertEquals(List.of("algebra", "calculus", "stats", "ml"), order);
        assertTrue(path.steps().get(0).satisfied());
        assertEquals("cAlg", s.courses().ids()[path.steps().get(0).satisfiedBy()]);
        assertEquals(3, path.remaining());
        assertEquals("cCalc", s.courses().ids()[path.steps().get(1).course()]);
        LearningPaths.Step ml = path.steps().get(3);
        assertEquals("cMl", s.courses().ids()[ml.course()], "the open course before the premium one");
        assertNull(ml.requiresUpgrade());
    }

    @Test
    void aPrerequisiteCycleIsNamed() {
        TinyPlatform p = chain().requires("algebra", "ml");
        RecommenderIndex index = p.index();
        GraphSnapshot s = index.snapshot();
        io.learnergraph.analysis.knowledge.PrerequisiteCycle e = assertThrows(io.learnergraph.analysis.knowledge.PrerequisiteCycle.class,
                () -> LearningPaths.compute(index, 0, s.topics().indexOf("ml").getAsInt()));
        assertEquals(4, e.topics().size());
        assertEquals(e.topics().get(0), e.topics().get(3));
        assertEquals(List.of("algebra", "calculus", "ml"), e.topics().subList(0, 3).stream().sorted().toList());
    }

    @Test
    void upgradeIsSuggestedWhenTheBestCandidatesAreGatedBehindOneTier() {
        TinyPlatform p = new TinyPlatform().users("free", "me", "f1", "f2").users("basic", "b1")
                .course("p1", "premium", "t").course("p2", "premium", "t").course("p3", "premium", "t")
                .course("f", "free", "t").follows("me", "f1").follows("b1", "f2")
                .completed("f1", "p1", "p2", "p3", "f");
        RecommenderIndex index = p.index();
        Recommender rec = new Recommender(index);
        UpgradeAdvisor.Advice advice = UpgradeAdvisor.advise(rec, user(index, "me"), P, 0.3);
        assertEquals("premium", advice.suggestedTier());
        assertEquals(0.75, advice.share(), 1e-9);
        assertEquals(0.0, advice.shareByTier().get("basic"));
        assertEquals(3, advice.evidence().size());
        UpgradeAdvisor.Advice none = UpgradeAdvisor.advise(rec, user(index, "me"), P, 0.8);
        assertNull(none.suggestedTier());
        assertTrue(none.reason().startsWith("no upgrade suggested"), none.reason());
    }

    @Test
    void similarCoursesShareLearnersAndTopics() {
        TinyPlatform p = new TinyPlatform().users("free", "a", "b", "c", "d")
                .course("x", "free", "t1", "t2").course("y", "free", "t1", "t2").course("z", "free", "t9")
                .course("w", "free", "t1")
                .completed("a", "x", "y").completed("b", "x", "y").completed("c", "x", "z").completed("d", "z");
        RecommenderIndex index = p.index();
        List<SimilarCourses.Similar> similar = SimilarCourses.similar(index, 0, 10);
        GraphSnapshot s = index.snapshot();
        assertEquals(List.of("y", "z", "w"), similar.stream().map(x -> s.courses().ids()[x.course()]).toList());
        SimilarCourses.Similar y = similar.get(0);
        assertEquals(2, y.coLearners());
        // co-learning: 2 / sqrt(3 * 2); topics: identical vectors
        assertEquals(0.7 * 2 / Math.sqrt(6) + 0.3, y.score(), 1e-6);
        assertEquals(2, y.sharedTopics().length);
        assertEquals(0.7 / Math.sqrt(6), similar.get(1).score(), 1e-6, "z: one co-learner, no shared topic");
        assertTrue(Arrays.equals(new int[0], similar.get(1).sharedTopics()));
        assertEquals(0.3 / Math.sqrt(2), similar.get(2).score(), 1e-6, "w: no co-learner, topic t1 of x's two");
    }

    @Test
    void reusedPerThreadArraysLeaveNothingBehindBetweenRequests() {
        TinyPlatform p = chain().users("free", "f1", "f2").follows("u1", "f1").follows("u2", "f2")
                .completed("f1", "cArt").completed("f2", "cMl", "cCalc").completed("u2", "cAlg", "cMl");
        RecommenderIndex index = p.index();
        Recommender rec = new Recommender(index);
        RecommendationParameters all = P.withIncludeGated(true).withLimit(20);
        Recommendations first = rec.recommend(user(index, "u1"), all);
        Recommendations other = rec.recommend(user(index, "u2"), all);
        Recommendations again = rec.recommend(user(index, "u1"), all);
        assertEquals(first, again, "u2's request must not leak into u1's");
        assertFalse(other.equals(first));
        // and the same answers as sources computed on fresh arrays
        assertEquals(KnowledgeSource.compute(index, user(index, "u1")).scores()[index.snapshot().courses()
                .indexOf("cCalc").getAsInt()], KnowledgeSource.reused(index).run(user(index, "u1"))
                .scores()[index.snapshot().courses().indexOf("cCalc").getAsInt()]);
    }
}
