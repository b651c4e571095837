package io.learnergraph.analysis.growth;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionBuilder;
import io.learnergraph.analysis.graph.ProjectionWeights;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Growth views on hand-built histories whose every number is worked out in the comments. */
class GrowthTest {

    static final int DAY = Time.DAY;
    /** 2026-01-05, a Monday. */
    static final int M0 = (int) (LocalDate.of(2026, 1, 5).atStartOfDay().toEpochSecond(ZoneOffset.UTC) / 60);
    static final int T = M0 + 200 * DAY;
    static final ProjectionWeights WEIGHTS = new ProjectionWeights(Map.of("FOLLOWS", 1.0, "VIEWED", 1.0), 0);

    /** Builds a platform by ids: users u:*, courses c:* (creator d), events relative to T. */
    static final class Platform {
        final ProjectionBuilder b = new ProjectionBuilder(WEIGHTS);
        final Map<String, Long> ids = new HashMap<>();

        long id(String key) {
            return ids.computeIfAbsent(key, k -> (long) ids.size() + 1);
        }

        Platform user(String u, int joined) {
            b.addUser(id("u:" + u), u, u.toUpperCase(), "free", joined);
            return this;
        }

        Platform course(String c, String tier, String creator) {
            b.addCourse(id("c:" + c), c, c.toUpperCase(), tier, id("u:" + creator));
            return this;
        }

        Platform learn(String u, String type, String c, int at) {
            return learn(u, type, c, at, Double.NaN);
        }

        Platform learn(String u, String type, String c, int at, double value) {
            b.addLearning(id("u:" + u), id("c:" + c), type, at, value);
            return this;
        }

        Platform social(String from, String type, String to, int at) {
            b.addSocial(id("u:" + from), id("u:" + to), type, at);
            return this;
        }

        GraphSnapshot build() {
            return b.build(1);
        }
    }

    /** The funnel, engagement, quality and leaderboard platform. */
    static GraphSnapshot platform() {
        Platform p = new Platform();
        for (String u : List.of("a", "b", "c", "d", "e")) {
            p.user(u, M0);
        }
        p.course("c1", "free", "d").course("c2", "premium", "d");
        // a: the whole funnel on the free course c1 (no purchase needed)
        p.learn("a", "VIEWED", "c1", T - 20 * DAY, 600).learn("a", "ENROLLED", "c1", T - 19 * DAY)
                .learn("a", "COMPLETED", "c1", T - 10 * DAY).learn("a", "RATED", "c1", T - 10 * DAY, 5);
        // b: view, enrol, buy c2 (no completion); later a view of c1; rated c1 5 then 3
        p.learn("b", "VIEWED", "c2", T - 20 * DAY).learn("b", "ENROLLED", "c2", T - 19 * DAY)
                .learn("b", "PURCHASED", "c2", T - 19 * DAY).learn("b", "VIEWED", "c1", T - 2 * DAY)
                .learn("b", "RATED", "c1", T - 50 * DAY, 5).learn("b", "RATED", "c1", T - 40 * DAY, 3);
        // c: enrolled in c2 before viewing it, so the enrolment does not follow the view
        p.learn("c", "ENROLLED", "c2", T - 25 * DAY).learn("c", "VIEWED", "c2", T - 20 * DAY)
                .learn("c", "PURCHASED", "c2", T - 18 * DAY).learn("c", "RATED", "c2", T - 18 * DAY, 5);
        // e: viewed c1 before the funnel's range, enrolled inside it
        p.learn("e", "VIEWED", "c1", T - 40 * DAY).learn("e", "ENROLLED", "c1", T - 5 * DAY);
        // social: a answers b, b replies to a, c comments on and tips a, e follows a, b likes a
        p.social("a", "ANSWERED", "b", T - 3 * DAY).social("b", "REPLIED", "a", T - 2 * DAY)
                .social("c", "COMMENTED", "a", T - 4 * DAY).social("c", "TIPPED", "a", T - DAY)
                .social("c", "TIPPED", "a", T - 40 * DAY).social("e", "FOLLOWS", "a", T - 2 * DAY)
                .social("b", "LIKED", "a", T - DAY).social("a", "FOLLOWS", "d", M0);
        return p.build();
    }

    static int user(GraphSnapshot s, String id) {
        return s.users().indexOf(id).orElseThrow();
    }

    static int course(GraphSnapshot s, String id) {
        return s.courses().indexOf(id).orElseThrow();
    }

    static boolean[] free(GraphSnapshot s) {
        boolean[] f = new boolean[s.courses().count()];
        f[course(s, "c1")] = true;
        return f;
    }

    @Test
    void funnelStepsCountOnlyAfterThePreviousStepForTheSameCourse() {
        GraphSnapshot s = platform();
        int from = T - 30 * DAY;
        // overall: viewed a, b, c; enrolled after viewing a, b; bought a (free c1), b; completed a
        long[][] all = Funnels.compute(s, from, T, Funnels.GroupBy.NONE, free(s), null, 1).counts();
        assertArrayEquals(new long[]{3, 2, 2, 1}, all[0]);
        assertArrayEquals(new double[]{2.0 / 3, 1, 0.5}, Funnels.conversion(all[0]), 1e-12);
        long[][] byCourse = Funnels.compute(s, from, T, Funnels.GroupBy.COURSE, free(s), null, s.courses().count()).counts();
        assertArrayEquals(new long[]{2, 1, 1, 1}, byCourse[course(s, "c1")]); // a all the way; b viewed
        assertArrayEquals(new long[]{2, 1, 1, 0}, byCourse[course(s, "c2")]); // b to purchase; c viewed only
        long[][] byCreator = Funnels.compute(s, from, T, Funnels.GroupBy.CREATOR, free(s), null, s.users().count()).counts();
        assertArrayEquals(new long[]{3, 2, 2, 1}, byCreator[user(s, "d")]); // b counted once across c1 and c2
        // a range that starts after the first views keeps only b's late view of c1
        assertArrayEquals(new long[]{1, 0, 0, 0}, Funnels.compute(s, T - 19 * DAY, T, Funnels.GroupBy.NONE,
                free(s), null, 1).counts()[0]);
    }

    @Test
    void engagementIsTheDocumentedFormulaOfTheWindowsComponents() {
        GraphSnapshot s = platform();
        Engagement.Weights w = Engagement.Weights.defaults();
        Engagement.Result r = Engagement.compute(s, T, 30, w);
        int a = user(s, "a");
        // a in (T-30d, T]: viewed (600 s), enrolled, completed + rated (same day), answered b:
        // active on days 20, 19, 10 and 3 ago; received b's reply, c's comment, c's tip, b's like
        assertEquals(4, r.visitDays()[a]);
        assertEquals(600 / 3600.0, r.learningHours()[a], 1e-12);
        assertEquals(1, r.completions()[a]);
        assertEquals(1, r.ratings()[a]);
        assertEquals(1, r.socialGiven()[a]);
        assertEquals(4, r.socialReceived()[a]); // e's follow is not an interaction; c's old tip is outside
        double expected = w.visitDays() * Math.log1p(4) + w.learningHours() * Math.log1p(1 / 6.0)
                + w.completions() * Math.log1p(1) + w.ratings() * Math.log1p(1) + w.socialGiven() * Math.log1p(1)
                + w.socialReceived() * Math.log1p(4);
        assertEquals(expected, r.score()[a], 1e-12);
        assertEquals(0, r.score()[user(s, "d")], 0.0);
        Distribution d = Distribution.of(new double[]{4, 1, 3, 2});
        assertEquals(2.5, d.median(), 1e-12);
        assertEquals(1.3, d.percentiles().get(0), 1e-12); // type 7: 1 + 0.3 · (2 − 1)
        assertEquals(2.5, d.mean(), 1e-12);
    }

    @Test
    void qualityShrinksRatingsAndCompletionsTowardThePlatform() {
        GraphSnapshot s = platform();
        double[] pagerank = new double[s.users().count()];
        java.util.Arrays.fill(pagerank, 1.0 / pagerank.length);
        CourseQuality.Parameters p = CourseQuality.Parameters.defaults();
        CourseQuality.Result q = CourseQuality.compute(s, pagerank, p);
        int c1 = course(s, "c1");
        int c2 = course(s, "c2");
        // ratings: c1 a 5, b's latest 3 (the earlier 5 is replaced); c2 c 5. Platform mean 13/3
        assertEquals(2, q.ratings()[c1]);
        assertEquals(4.0, q.meanRating()[c1], 1e-12);
        assertEquals(13.0 / 3, q.platformRating(), 1e-12);
        assertEquals((10 * 13.0 / 3 + 8) / 12, q.bayesRating()[c1], 1e-12);
        assertEquals((10 * 13.0 / 3 + 5) / 11, q.bayesRating()[c2], 1e-12);
        // enrolled: c1 a, e (completed a); c2 b, c (none completed): platform rate 1/4
        assertEquals(2, q.enrolled()[c1]);
        assertEquals(1, q.completed()[c1]);
        assertEquals(0.25, q.platformCompletion(), 1e-12);
        assertEquals((10 * 0.25 + 1) / 12, q.bayesCompletion()[c1], 1e-12);
        // d is the only creator: top of the creators
        assertEquals(1.0, q.creatorStanding()[c1], 1e-12);
        assertEquals(0.5 * (q.bayesRating()[c1] - 1) / 4 + 0.3 * (3.5 / 12) + 0.2, q.quality()[c1], 1e-12);
    }

    @Test
    void threeFiveStarRatingsDoNotBeatThreeHundredAtFourPointSix() {
        Platform p = new Platform().user("d", M0);
        p.course("few", "free", "d").course("many", "free", "d").course("meh", "free", "d");
        for (int i = 0; i < 3; i++) {
            p.user("f" + i, M0).learn("f" + i, "RATED", "few", T, 5);
        }
        for (int i = 0; i < 300; i++) { // 180 fives and 120 fours: 4.6
            p.user("m" + i, M0).learn("m" + i, "RATED", "many", T, i < 180 ? 5 : 4);
        }
        for (int i = 0; i < 600; i++) { // the rest of the platform rates lower
            p.user("x" + i, M0).learn("x" + i, "RATED", "meh", T, i % 2 == 0 ? 4 : 3);
        }
        GraphSnapshot s = p.build();
        CourseQuality.Result q = CourseQuality.compute(s, new double[s.users().count()], CourseQuality.Parameters.defaults());
        assertEquals(4.6, q.meanRating()[course(s, "many")], 1e-9);
        assertEquals(5.0, q.meanRating()[course(s, "few")], 1e-9);
        assertTrue(q.bayesRating()[course(s, "many")] > q.bayesRating()[course(s, "few")]);
        assertTrue(q.quality()[course(s, "many")] > q.quality()[course(s, "few")]);
    }

    @Test
    void contributionPointsFollowThePointTable() {
        GraphSnapshot s = platform();
        Map<Leaderboard.Kind, Double> points = Map.of(Leaderboard.Kind.ANSWERS, 5.0, Leaderboard.Kind.REPLIES, 2.0,
                Leaderboard.Kind.COMMENTS, 1.0, Leaderboard.Kind.TIPS, 10.0, Leaderboard.Kind.FOLLOWERS, 3.0);
        Leaderboard.Result r = Leaderboard.compute(s, T, 30, points);
        int a = user(s, "a");
        // a answered b (5), got b's reply (2), c's comment (1), c's recent tip (10), e's follow (3)
        assertEquals(21, r.points()[a], 1e-12);
        assertEquals(Map.of("answers", 1, "replies", 1, "comments", 1, "tips", 1, "followers", 1), r.byKind(a));
        assertEquals(0, r.points()[user(s, "b")], 1e-12); // answers earn the answerer, not the asker
        assertEquals(0, r.points()[user(s, "d")], 1e-12); // a's follow of d is older than the window
    }

    @Test
    void weeklyCohortsRetentionTriangle() {
        Platform p = new Platform();
        p.user("a", M0 + DAY).user("b", M0 + 2 * DAY).user("c", M0 + 8 * DAY).course("c1", "free", "a");
        p.learn("a", "VIEWED", "c1", M0 + DAY + 60).learn("a", "VIEWED", "c1", M0 + 15 * DAY);  // weeks 0, 2
        p.learn("b", "VIEWED", "c1", M0 + 9 * DAY);                                                // week 1
        p.learn("c", "VIEWED", "c1", M0 + 8 * DAY + 60).learn("c", "VIEWED", "c1", M0 + 16 * DAY); // weeks 1, 2
        p.social("b", "FOLLOWS", "a", M0 + 16 * DAY); // a follow is not activity
        GraphSnapshot s = p.build();
        assertEquals(M0, Time.Period.WEEK.start(Time.Period.WEEK.index(M0 + 3 * DAY)));
        List<Cohorts.Triangle> t = Cohorts.compute(s, Time.Period.WEEK, Grouping.all(3), Integer.MIN_VALUE,
                Integer.MAX_VALUE, M0 + 20 * DAY);
        List<Cohorts.Cohort> cohorts = t.get(0).cohorts();
        assertEquals(2, cohorts.size());
        assertEquals(M0, cohorts.get(0).start());
        assertEquals(2, cohorts.get(0).size());
        assertArrayEquals(new double[]{0.5, 0.5, 0.5}, cohorts.get(0).retention(), 1e-12);
        assertEquals(M0 + 7 * DAY, cohorts.get(1).start());
        assertArrayEquals(new double[]{1, 1}, cohorts.get(1).retention(), 1e-12);
        // by month: everyone joined in January 2026; active in January: all three
        List<Cohorts.Cohort> months = Cohorts.compute(s, Time.Period.MONTH, Grouping.all(3), Integer.MIN_VALUE,
                Integer.MAX_VALUE, M0 + 20 * DAY).get(0).cohorts();
        assertEquals(1, months.size());
        assertEquals(3, months.get(0).size());
        assertArrayEquals(new double[]{1}, months.get(0).retention(), 1e-12);
    }

    @Test
    void lifecycleStagesByTheirDefinitions() {
        Platform p = new Platform();
        p.user("new", T - 5 * DAY).user("churned", T - 200 * DAY).user("dormant", T - 200 * DAY)
                .user("wonback", T - 200 * DAY).user("falling", T - 200 * DAY).user("steady", T - 200 * DAY)
                .user("future", T + 5 * DAY).user("lurker", T - 60 * DAY).course("c1", "free", "steady");
        p.learn("churned", "VIEWED", "c1", T - 100 * DAY);
        p.learn("dormant", "VIEWED", "c1", T - 40 * DAY);
        p.learn("wonback", "VIEWED", "c1", T - 100 * DAY).learn("wonback", "VIEWED", "c1", T - 10 * DAY);
        for (int d : new int[]{50, 45, 40, 35, 20}) {
            p.learn("falling", "VIEWED", "c1", T - d * DAY); // 4 events in the 30 days before the last 30, 1 since
        }
        for (int d : new int[]{50, 25, 5}) {
            p.learn("steady", "VIEWED", "c1", T - d * DAY);
        }
        GraphSnapshot s = p.build();
        Lifecycle.Stage[] st = Lifecycle.stages(s, T, Lifecycle.Parameters.defaults(), null);
        assertEquals(Lifecycle.Stage.NEW, st[user(s, "new")]);
        assertEquals(Lifecycle.Stage.CHURNED, st[user(s, "churned")]);
        assertEquals(Lifecycle.Stage.DORMANT, st[user(s, "dormant")]);
        assertEquals(Lifecycle.Stage.WON_BACK, st[user(s, "wonback")]);
        assertEquals(Lifecycle.Stage.AT_RISK, st[user(s, "falling")]);
        assertEquals(Lifecycle.Stage.ACTIVE, st[user(s, "steady")]);
        assertEquals(Lifecycle.Stage.DORMANT, st[user(s, "lurker")]); // joined 60 days ago, never did anything
        assertNull(st[user(s, "future")]);
        // with churn scores, "at risk" is the model's call
        double[] risk = new double[s.users().count()];
        java.util.Arrays.fill(risk, Double.NaN);
        risk[user(s, "steady")] = 0.8;
        risk[user(s, "falling")] = 0.1;
        Lifecycle.Stage[] scored = Lifecycle.stages(s, T, Lifecycle.Parameters.defaults(), risk);
        assertEquals(Lifecycle.Stage.AT_RISK, scored[user(s, "steady")]);
        assertEquals(Lifecycle.Stage.ACTIVE, scored[user(s, "falling")]);
        // 70 days earlier both the future won-back and churned users had been silent for 30 days
        Lifecycle.Stage[] before = Lifecycle.stages(s, T - 70 * DAY, Lifecycle.Parameters.defaults(), null);
        assertEquals(Lifecycle.Stage.DORMANT, before[user(s, "wonback")]);
        assertEquals(Lifecycle.Stage.DORMANT, before[user(s, "churned")]);
        assertEquals(Lifecycle.Stage.ACTIVE, Lifecycle.stages(s, T - 95 * DAY, Lifecycle.Parameters.defaults(),
                null)[user(s, "wonback")]);
    }
}
