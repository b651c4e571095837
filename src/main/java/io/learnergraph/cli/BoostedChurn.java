package io.learnergraph.cli;

import io.learnergraph.analysis.churn.Auc;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The stronger learner issue #17 asks to try against the logistic churn model: gradient-boosted
 * trees (Friedman 2001) by XGBoost (Chen and Guestrin 2016), over the same feature matrix.
 * Evaluation only: it is compared in nested cross-validation and against planted departures, and
 * enters the product only if it wins by a clear margin. Depth-3 trees, learning rate 0.1, row
 * and column subsampling 0.8, the number of rounds chosen by inner 3-fold cross-validation among
 * {@link #ROUNDS}; seeded, two threads.
 */
final class BoostedChurn {

    static final int[] ROUNDS = {50, 150, 400};
    private static final int INNER_FOLDS = 3;

    private BoostedChurn() {
    }

    /** Trains on (x, y) with the number of rounds chosen by inner cross-validation; scores {@code test}. */
    static double[] fitAndScore(double[] x, int d, boolean[] y, double[] test, long seed) {
        int rounds = chooseRounds(x, d, y, allRows(y.length), seed);
        return train(x, d, y, allRows(y.length), rounds, seed, test);
    }

    /**
     * Out-of-fold AUC of the trees in {@code folds}-fold cross-validation, the rounds chosen inside
     * each training fold (nested): comparable to {@code ChurnTrainer.crossValidatedAuc}.
     */
    static double nestedAuc(double[] x, int d, boolean[] y, int folds, long seed) {
        int[] fold = folds(y.length, folds, seed);
        double[] oof = new double[y.length];
        for (int f = 0; f < folds; f++) {
            int[] trainRows = rows(fold, f, false);
            int[] testRows = rows(fold, f, true);
            int rounds = chooseRounds(x, d, y, trainRows, seed + f);
            double[] p = train(x, d, y, trainRows, rounds, seed, select(x, d, testRows));
            for (int i = 0; i < testRows.length; i++) {
                oof[testRows[i]] = p[i];
            }
        }
        return Auc.of(oof, y);
    }

    private static int chooseRounds(double[] x, int d, boolean[] y, int[] among, long seed) {
        int[] fold = folds(among.length, INNER_FOLDS, seed ^ 0x5DEECE66DL);
        int best = ROUNDS[0];
        double bestAuc = -1;
        for (int rounds : ROUNDS) {
            double[] oof = new double[among.length];
            boolean[] ys = new boolean[among.length];
            for (int f = 0; f < INNER_FOLDS; f++) {
                int[] tr = map(among, rows(fold, f, false));
                int[] te = map(among, rows(fold, f, true));
                double[] p = train(x, d, y, tr, rounds, seed, select(x, d, te));
                int k = 0;
                for (int i = 0; i < fold.length; i++) {
                    if (fold[i] == f) {
                        oof[i] = p[k++];
                    }
                }
            }
            for (int i = 0; i < among.length; i++) {
                ys[i] = y[among[i]];
            }
            double auc = Auc.of(oof, ys);
            if (auc > bestAuc) {
                bestAuc = auc;
                best = rounds;
            }
        }
        return best;
    }

    private static double[] train(double[] x, int d, boolean[] y, int[] rows, int rounds, long seed, double[] test) {
        try {
            float[] data = new float[rows.length * d];
            float[] labels = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < d; j++) {
                    data[i * d + j] = (float) x[rows[i] * d + j];
                }
                labels[i] = y[rows[i]] ? 1 : 0;
            }
            DMatrix train = new DMatrix(data, rows.length, d, Float.NaN);
            train.setLabel(labels);
            float[] t = new float[test.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) test[i];
            }
            DMatrix scored = new DMatrix(t, test.length / d, d, Float.NaN);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "binary:logistic");
            params.put("max_depth", 3);
            params.put("eta", 0.1);
            params.put("subsample", 0.8);
            params.put("colsample_bytree", 0.8);
            params.put("nthread", 2);
            params.put("seed", (int) seed);
            params.put("verbosity", 0);
            Booster booster = XGBoost.train(train, params, rounds, new HashMap<>(), null, null);
            float[][] p = booster.predict(scored);
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][0];
            }
            booster.dispose();
            train.dispose();
            scored.dispose();
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] folds(int n, int k, long seed) {
        int[] order = allRows(n);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % k;
        }
        return fold;
    }

    private static int[] rows(int[] fold, int f, boolean in) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == in).toArray();
    }

    private static int[] map(int[] among, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = among[positions[i]];
        }
        return out;
    }

    private static double[] select(double[] x, int d, int[] rows) {
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * d, out, i * d, d);
        }
        return out;
    }
}
