package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionBuilder;
import io.learnergraph.analysis.graph.ProjectionWeights;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.ingest.CsvProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Churn features and labels on a history whose every value is known, and the leakage guarantee. */
class ChurnFeaturesTest {

    static final List<String> TIERS = List.of("free", "basic", "premium");
    static final int DAY = 1440;
    /** The cutoff: 2026-06-01T00:00Z in epoch minutes; the history is placed relative to it. */
    static final int T = (int) (LocalDate.of(2026, 6, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) / 60);
    static final ProjectionWeights WEIGHTS = new ProjectionWeights(Map.of("FOLLOWS", 1.0, "LIKED", 1.0,
            "COMMENTED", 1.0, "VIEWED", 1.0, "ENROLLED", 1.0, "COMPLETED", 1.0), 0);

    /**
     * Users a, b, c, d (creator of c1), e; courses c1 (topics t1, t2) and c2 (t2, t3).
     * a: viewed c1 2 days before T (600 s); progressed (1,800 s), completed and rated c1 10 days
     * before; enrolled in c2 45 days before; commented on b 40 days before; free → basic 80 days
     * before, back to free 20 days before. a follows b, c, d; b follows a and c; c liked a 5 days
     * before T; b liked e 50 days before (so b went quiet); d commented on e 35 days before (quiet).
     */
    static ProjectionBuilder history(Consumer<ProjectionBuilder> more) {
        ProjectionBuilder b = new ProjectionBuilder(WEIGHTS);
        String[] users = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < users.length; i++) {
            b.addUser(i + 1, users[i], users[i].toUpperCase(), "free", T - 100L * DAY);
        }
        for (int t = 1; t <= 3; t++) {
            b.addTopic(100 + t, "t" + t, "T" + t);
        }
        b.addCourse(201, "c1", "C1", "free", 4);
        b.addCourse(202, "c2", "C2", "free", 4);
        b.addCoverage(201, 101, 1);
        b.addCoverage(201, 102, 1);
        b.addCoverage(202, 102, 1);
        b.addCoverage(202, 103, 1);
        b.addLearning(1, 201, "VIEWED", T - 2 * DAY, 600);
        b.addLearning(1, 201, "PROGRESSED", T - 10 * DAY, 1800);
        b.addLearning(1, 201, "COMPLETED", T - 10 * DAY);
        b.addLearning(1, 201, "RATED", T - 10 * DAY, 5);
        b.addLearning(1, 202, "ENROLLED", T - 45 * DAY);
        b.addSocial(1, 2, "COMMENTED", T - 40 * DAY);
        b.addMembership(1, "basic", T - 80 * DAY);
        b.addMembership(1, "free", T - 20 * DAY);
        b.addSocial(1, 2, "FOLLOWS", T - 99 * DAY);
        b.addSocial(1, 3, "FOLLOWS", T - 99 * DAY);
        b.addSocial(1, 4, "FOLLOWS", T - 99 * DAY);
        b.addSocial(2, 1, "FOLLOWS", T - 99 * DAY);
        b.addSocial(2, 3, "FOLLOWS", T - 99 * DAY);
        b.addSocial(3, 1, "LIKED", T - 5 * DAY);
        b.addSocial(2, 5, "LIKED", T - 50 * DAY);
        b.addSocial(4, 5, "COMMENTED", T - 35 * DAY);
        // after the cutoff: a comes back, c does not
        b.addLearning(1, 202, "PROGRESSED", T + 10L * DAY, 900);
        more.accept(b);
        return b;
    }

    @Test
    void everyFeatureOfTheHandBuiltUserHasItsHandComputedValue() {
        GraphSnapshot s = history(b -> { }).build(1);
        ChurnDefinition def = ChurnDefinition.defaults();
        ChurnFeatures.Matrix m = ChurnFeatures.extract(s, T, def, TIERS);
        // active at T: a (2 days ago) and c (5 days ago); b, d went quiet, e never did anything
        assertArrayEquals(new int[]{0, 2}, m.users());
        assertArrayEquals(new boolean[]{false, true}, ChurnFeatures.churned(s.activity(), m.users(), T, def));
        int a = m.rowOf(0);
        Map<ChurnFeature, Double> expected = new java.util.EnumMap<>(ChurnFeature.class);
        expected.put(ChurnFeature.RECENCY_DAYS, 2.0);
        // active on 4 distinct days of the last 90 (2, 10, 40 and 45 days ago): usual gap 22.5 days
        expected.put(ChurnFeature.OVERDUE, Math.log((2 + 1) / (22.5 + 1)));
        expected.put(ChurnFeature.EVENTS_7D, Math.log1p(1));
        expected.put(ChurnFeature.EVENTS_30D, Math.log1p(4));
        expected.put(ChurnFeature.EVENTS_90D, Math.log1p(6));
        expected.put(ChurnFeature.LEARNING_HOURS_7D, Math.log1p(600 / 3600.0));
        expected.put(ChurnFeature.LEARNING_HOURS_30D, Math.log1p(2400 / 3600.0));
        expected.put(ChurnFeature.LEARNING_HOURS_90D, Math.log1p(2400 / 3600.0));
        expected.put(ChurnFeature.ACTIVE_DAYS_30D, 2.0);
        expected.put(ChurnFeature.ACTIVITY_TREND, Math.log(5.0 / 3)); // 4 events in the last 30 days, 2 before
        expected.put(ChurnFeature.COMPLETIONS_90D, Math.log1p(1));
        expected.put(ChurnFeature.RATINGS_90D, Math.log1p(1));
        expected.put(ChurnFeature.TENURE_DAYS, Math.log1p(100));
        expected.put(ChurnFeature.TIER_RANK, 0.0);
        expected.put(ChurnFeature.DOWNGRADES_90D, 1.0);
        expected.put(ChurnFeature.UPGRADES_90D, 1.0);
        expected.put(ChurnFeature.TOPIC_BREADTH, Math.log1p(3));
        expected.put(ChurnFeature.FOLLOWING, Math.log1p(3));
        expected.put(ChurnFeature.FOLLOWERS, Math.log1p(1));
        expected.put(ChurnFeature.INTERACTIONS_GIVEN, Math.log1p(1));
        expected.put(ChurnFeature.INTERACTIONS_RECEIVED, Math.log1p(1));
        expected.put(ChurnFeature.RECIPROCITY, 2.0 / 3); // b and c reach back, d does not
        expected.put(ChurnFeature.CLUSTERING, 1.0 / 3);  // of b, c, d only b–c are linked
        expected.put(ChurnFeature.CORENESS, Math.log1p(2));
        expected.put(ChurnFeature.FOLLOWED_QUIET_SHARE, 2.0 / 3); // b and d of b, c, d
        expected.put(ChurnFeature.FOLLOWED_QUIET_14D_SHARE, 2.0 / 3); // b (50 days) and d (35 days)
        expected.put(ChurnFeature.FOLLOWED_IDLE_DAYS, (50 + 5 + 35) / 3.0);
        expected.put(ChurnFeature.FOLLOWED_CREATORS_QUIET_SHARE, 1.0); // d
        expected.put(ChurnFeature.PARTNERS_QUIET_SHARE, 0.5);        // b of b and c
        // their network (b, c, d): 1 event in the last 30 days (c), 2 in the 30 before (b, d)
        expected.put(ChurnFeature.EGO_ACTIVITY_TREND, Math.log(2.0 / 3));
        expected.forEach((f, v) -> assertEquals(v, m.get(a, f), 1e-12, f.key()));
        double quietShare = m.get(a, ChurnFeature.COMMUNITY_QUIET_SHARE);
        assertTrue(quietShare >= 0 && quietShare <= 1);
        assertTrue(m.get(a, ChurnFeature.COMMUNITY_SIZE) >= Math.log1p(1));
    }

    @Test
    void eventsAfterTheCutoffDoNotChangeAnyFeature() {
        GraphSnapshot clean = history(b -> { }).build(1);
        Random rnd = new Random(11);
        String[] social = {"FOLLOWS", "LIKED", "COMMENTED"};
        String[] learning = {"VIEWED", "ENROLLED", "COMPLETED", "RATED", "PROGRESSED"};
        GraphSnapshot noisy = history(b -> {
            for (int i = 0; i < 500; i++) {
                long at = T + 1 + rnd.nextInt(200 * DAY); // strictly after the cutoff
                int u = 1 + rnd.nextInt(5);
                int v = 1 + rnd.nextInt(5);
                if (rnd.nextBoolean() && u != v) {
                    b.addSocial(u, v, social[rnd.nextInt(social.length)], at);
                } else {
                    b.addLearning(u, 201 + rnd.nextInt(2), learning[rnd.nextInt(learning.length)], at,
                            rnd.nextInt(4000));
                }
                if (i % 50 == 0) {
                    b.addMembership(u, TIERS.get(rnd.nextInt(3)), at);
                }
            }
        }).build(2);
        for (ChurnDefinition def : List.of(ChurnDefinition.defaults(), new ChurnDefinition(60, 14))) {
            ChurnFeatures.Matrix before = ChurnFeatures.extract(clean, T, def, TIERS);
            ChurnFeatures.Matrix after = ChurnFeatures.extract(noisy, T, def, TIERS);
            assertArrayEquals(before.users(), after.users());
            assertArrayEquals(before.x(), after.x(), 0.0);
        }
        // while the labels, which look past the cutoff, may change: they are not features
    }

    @Test
    void trainingWithoutBothOutcomesSaysWhatIsMissing() {
        GraphSnapshot s = history(b -> { }).build(1);
        ChurnTrainer.NotEnoughData e = assertThrows(ChurnTrainer.NotEnoughData.class, () -> ChurnTrainer.train(s,
                T + 30 * DAY, ChurnDefinition.defaults(), TIERS, ChurnTrainer.Parameters.defaults(), Instant.now(),
                p -> { }));
        assertTrue(e.getMessage().contains("2 users were active, 1 of them churned"), e.getMessage());
    }

    /**
     * On the demo platform churn is planted: a falling motivation and followed users who left
     * raise the hazard. The model must find it out of fold, and the graph features must add to it.
     */
    @Test
    void theModelFindsThePlantedChurnOnTheDemoPlatform(@TempDir Path dir) throws Exception {
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(2500, 4), List.of("free", "basic", "premium", "vip"))
                .writeTo(dir);
        GraphSnapshot s = CsvProjection.load(dir, WEIGHTS, 1).snapshot();
        int asOf = (int) (LocalDate.of(2026, 10, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) / 60);
        ChurnTrainer.Trained t = ChurnTrainer.train(s, asOf, ChurnDefinition.defaults(),
                List.of("free", "basic", "premium", "vip"), ChurnTrainer.Parameters.defaults(), Instant.now(), p -> { });
        ChurnModel.Metrics m = t.model().metrics();
        System.out.printf("demo 2,500 users: AUC %.3f, without graph %.3f, %d of %d churned, brier %.4f%n", m.auc(),
                m.aucWithoutGraphFeatures(), m.positives(), m.population(), m.brier());
        assertTrue(m.auc() > 0.85, "AUC " + m.auc());
        // the planted contagion is weak next to motivation (see README): a small but real lift
        assertTrue(m.auc() > m.aucWithoutGraphFeatures() + 0.005, m.auc() + " vs " + m.aucWithoutGraphFeatures());
        // the penalty was chosen from the grid, and the correlated features wanted a strong one
        assertTrue(t.model().lambda() >= 10, "lambda " + t.model().lambda());
        // calibrated: the out-of-fold mean probability is near the churn rate, bins rise
        double meanPredicted = m.calibration().stream().mapToDouble(b -> b.meanPredicted() * b.count()).sum()
                / m.samples();
        assertEquals((double) m.positives() / m.population(), meanPredicted, 0.02);
        assertTrue(m.calibration().get(9).observed() > m.calibration().get(0).observed());
        // the weight on "followed users went quiet" is positive: departures drag followers along
        assertTrue(t.model().weights()[ChurnFeature.FOLLOWED_QUIET_14D_SHARE.ordinal()] > 0);
    }
}
