package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.stats.LogisticRegression;
import io.learnergraph.analysis.ReferenceGraphs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's parts against published answers and hand computations. */
class ChurnModelTest {

    /**
     * The Challenger O-ring data (23 launches before 1986: launch temperature °F, whether any
     * O-ring was damaged; Dalal, Fowlkes &amp; Hoadley 1989). The maximum-likelihood logistic
     * fit is the textbook logit(p) = 15.0429 − 0.2322·temperature (e.g. R's glm).
     */
    @Test
    void unpenalisedFitReproducesTheChallengerRegression() {
        double[] temp = {66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58};
        int[] damaged = {0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1};
        boolean[] y = new boolean[damaged.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = damaged[i] == 1;
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(temp, 1, y, null, 0);
        assertTrue(fit.converged());
        assertEquals(15.0429, fit.intercept(), 5e-4);
        assertEquals(-0.2322, fit.weights()[0], 5e-5);
        // at 31 °F, the morning of the accident, the fitted chance of damage is above 99.9 %
        assertTrue(fit.probability(new double[]{31}, 0) > 0.999);
    }

    /** With a penalty the optimum is where the penalised gradient vanishes: Xᵀ(p − y) + λw = 0. */
    @Test
    void penalisedFitSatisfiesItsOptimalityCondition() {
        Random rnd = new Random(5);
        int n = 500;
        int d = 4;
        double[] x = new double[n * d];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double eta = -0.5;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = rnd.nextGaussian();
                eta += (j - 1.5) * x[i * d + j];
            }
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-eta));
        }
        double lambda = 7.5;
        LogisticRegression.Fit fit = LogisticRegression.fit(x, d, y, null, lambda);
        double[] g = new double[d + 1];
        for (int i = 0; i < n; i++) {
            double r = fit.probability(x, i * d) - (y[i] ? 1 : 0);
            for (int j = 0; j < d; j++) {
                g[j] += r * x[i * d + j];
            }
            g[d] += r;
        }
        for (int j = 0; j < d; j++) {
            assertEquals(0, g[j] + lambda * fit.weights()[j], 1e-6, "coordinate " + j);
        }
        assertEquals(0, g[d], 1e-6, "intercept");
        // and the penalty shrinks: every weight is smaller in size than without it
        LogisticRegression.Fit free = LogisticRegression.fit(x, d, y, null, 0);
        for (int j = 0; j < d; j++) {
            assertTrue(Math.abs(fit.weights()[j]) < Math.abs(free.weights()[j]));
        }
    }

    @Test
    void aucIsTheShareOfCorrectlyOrderedPairsWithTiesAsHalves() {
        // positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs in order
        assertEquals(0.75, Auc.of(new double[]{0.1, 0.4, 0.35, 0.8}, new boolean[]{false, false, true, true}), 1e-12);
        assertEquals(0.5, Auc.of(new double[]{0.5, 0.5}, new boolean[]{true, false}), 1e-12);
        // 0.3+: positives {0.9, 0.5, 0.5}, negatives {0.5, 0.1}: pairs 1+1, 0.5+1, 0.5+1 → 5/6
        assertEquals(5.0 / 6, Auc.of(new double[]{0.9, 0.5, 0.5, 0.5, 0.1},
                new boolean[]{true, true, true, false, false}), 1e-12);
        assertTrue(Double.isNaN(Auc.of(new double[]{1, 2}, new boolean[]{true, true})));
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "lesmis"})
    void localClusteringMatchesNetworkx(String name) {
        double[] expected = ReferenceGraphs.values(name, "local_clustering");
        assertArrayEquals(expected, Clustering.local(ReferenceGraphs.load(name)), 1e-9);
    }

    @Test
    void foldsAreStratifiedAndSamplesKeepTheChurnShare() {
        boolean[] y = new boolean[1000];
        for (int i = 0; i < 250; i++) {
            y[i * 4] = true;
        }
        int[] all = ChurnTrainer.stratifiedSample(y, 5000, 1);
        int[] fold = ChurnTrainer.folds(y, all, 5, 1);
        int[] positives = new int[5];
        int[] sizes = new int[5];
        for (int i = 0; i < all.length; i++) {
            sizes[fold[i]]++;
            positives[fold[i]] += y[all[i]] ? 1 : 0;
        }
        assertArrayEquals(new int[]{200, 200, 200, 200, 200}, sizes);
        assertArrayEquals(new int[]{50, 50, 50, 50, 50}, positives);
        int[] sample = ChurnTrainer.stratifiedSample(y, 400, 1);
        assertEquals(400, sample.length);
        assertEquals(100, java.util.Arrays.stream(sample).filter(i -> y[i]).count());
        List<ChurnModel.CalibrationBin> bins = ChurnTrainer.calibration(new double[]{0.1, 0.2, 0.8, 0.9},
                new boolean[]{false, true, true, true}, 2);
        assertEquals(0.15, bins.get(0).meanPredicted(), 1e-12);
        assertEquals(0.5, bins.get(0).observed(), 1e-12);
        assertEquals(1.0, bins.get(1).observed(), 1e-12);
    }
}
