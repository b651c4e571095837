package io.learnergraph.analysis.recommend;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** P3α / RP3β against a direct matrix computation on a random user–course graph. */
class CollaborativeSourceTest {

    private static final int USERS = 30;
    private static final int COURSES = 15;
    private static final List<String> TYPES = List.of("VIEWED", "ENROLLED", "COMPLETED");
    private static final double ALPHA = 0.8;
    private static final double BETA = 0.5;

    private final double[][] w = new double[USERS][COURSES];
    private final boolean[][] took = new boolean[USERS][COURSES];
    private final io.learnergraph.analysis.graph.GraphSnapshot snapshot;
    private final RecommenderIndex index;
    private final RecommenderIndex walkIndex;

    CollaborativeSourceTest() {
        TinyPlatform p = new TinyPlatform();
        for (int u = 0; u < USERS; u++) {
            p.user("u" + u, "free");
        }
        for (int c = 0; c < COURSES; c++) {
            p.course("c" + c, "free", "t" + c);
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int u = 0; u < USERS; u++) {
            for (int e = 0; e < 8; e++) {
                int c = rnd.nextInt(COURSES);
                String type = TYPES.get(rnd.nextInt(TYPES.size()));
                p.learn("u" + u, "c" + c, type, e);
                w[u][c] += TinyPlatform.WEIGHTS.byRelationshipType().get(type);
                took[u][c] |= !type.equals("VIEWED");
            }
        }
        snapshot = p.snapshot();
        index = RecommenderIndex.build(snapshot, ALPHA, TinyPlatform.TIERS, new int[0], new double[0]);
        walkIndex = RecommenderIndex.build(snapshot, ALPHA, TinyPlatform.TIERS, new int[0], new double[0], 0);
    }

    /** P_UI (row-normalised, ^α), P_IU (column-normalised, ^α), v = u excluded, then ÷ pop^β. */
    private double[] matrixScores(int u) {
        RealMatrix pui = new Array2DRowRealMatrix(USERS, COURSES);
        RealMatrix piu = new Array2DRowRealMatrix(COURSES, USERS);
        for (int v = 0; v < USERS; v++) {
            double row = 0;
            for (int c = 0; c < COURSES; c++) {
                row += w[v][c];
            }
            for (int c = 0; c < COURSES; c++) {
                pui.setEntry(v, c, row == 0 ? 0 : Math.pow(w[v][c] / row, ALPHA));
            }
        }
        for (int c = 0; c < COURSES; c++) {
            double col = 0;
            for (int v = 0; v < USERS; v++) {
                col += w[v][c];
            }
            for (int v = 0; v < USERS; v++) {
                piu.setEntry(c, v, col == 0 ? 0 : Math.pow(w[v][c] / col, ALPHA));
            }
        }
        RealVector toUsers = piu.preMultiply(pui.getRowVector(u));
        toUsers.setEntry(u, 0);
        RealVector scores = pui.preMultiply(toUsers);
        double[] out = new double[COURSES];
        for (int c = 0; c < COURSES; c++) {
            int pop = 0;
            for (int v = 0; v < USERS; v++) {
                pop += took[v][c] ? 1 : 0;
            }
            out[c] = scores.getEntry(c) / Math.pow(Math.max(1, pop), BETA);
        }
        return out;
    }

    private int userIndex(int u) {
        return index.snapshot().users().indexOf("u" + u).orElseThrow();
    }

    private int courseIndex(int c) {
        return index.snapshot().courses().indexOf("c" + c).orElseThrow();
    }

    @Test
    void exactScoresEqualTheMatrixProduct() {
        RecommendationParameters p = RecommendationParameters.defaults().withBeta(BETA);
        for (int u = 0; u < USERS; u++) {
            CollaborativeSource source = CollaborativeSource.compute(index, userIndex(u), p);
            assertEquals("exact", source.method());
            double[] expected = matrixScores(u);
            for (int c = 0; c < COURSES; c++) {
                assertEquals(expected[c], source.scores()[courseIndex(c)], 1e-6 * (1 + expected[c]),
                        "user u" + u + ", course c" + c);
            }
        }
    }

    @Test
    void walksEstimateTheSameScoresWhenTheBudgetIsExceeded() {
        RecommendationParameters p = RecommendationParameters.defaults().withBeta(BETA).withExactWorkBudget(0)
                .withWalks(400_000);
        double worst = 0;
        for (int u = 0; u < 5; u++) {
            CollaborativeSource source = CollaborativeSource.compute(walkIndex, userIndex(u), p);
            assertEquals("walks", source.method());
            double[] expected = matrixScores(u);
            double l1 = 0;
            double norm = 0;
            for (int c = 0; c < COURSES; c++) {
                l1 += Math.abs(expected[c] - source.scores()[courseIndex(c)]);
                norm += expected[c];
            }
            worst = Math.max(worst, l1 / norm);
        }
        assertTrue(worst < 0.03, "relative L1 error of the walk estimate: " + worst);
    }

    @Test
    void itemNeighbourListsGiveTheExactScoresOfEveryCourseNotTaken() {
        RecommendationParameters p = RecommendationParameters.defaults().withBeta(BETA).withExactWorkBudget(0);
        for (int u = 0; u < USERS; u++) {
            CollaborativeSource source = CollaborativeSource.compute(index, userIndex(u), p);
            assertEquals("item-neighbours", source.method());
            double[] expected = matrixScores(u);
            for (int c = 0; c < COURSES; c++) {
                if (w[u][c] == 0) { // the user's own return path reaches only courses the user has
                    assertEquals(expected[c], source.scores()[courseIndex(c)], 1e-6 * (1 + expected[c]),
                            "user u" + u + ", course c" + c);
                }
            }
        }
    }

    @Test
    void sparsifiedNeighbourListsKeepTheStrongest() {
        RecommenderIndex two = RecommenderIndex.build(snapshot, ALPHA, TinyPlatform.TIERS, new int[0], new double[0], 2);
        for (int c = 0; c < COURSES; c++) {
            assertTrue(two.neighbours[c].length <= 2);
            int[] full = index.neighbours[c];
            for (int x = 0; x < two.neighbours[c].length; x++) {
                assertEquals(full[x], two.neighbours[c][x], "the same order: the longer list starts with the shorter");
            }
        }
    }
}
