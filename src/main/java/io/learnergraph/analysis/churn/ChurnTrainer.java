package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.stats.LogisticRegression;
import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

/**
 * Trains the churn model at a time asOf: features of the users active at the cutoff
 * T0 = asOf − H (nothing after T0 is read), labels from (T0, asOf]. Features are standardised;
 * the model is {@link LogisticRegression}; quality is k-fold cross-validated AUC (stratified
 * folds), the same for the model without graph features (the lift the graph gives), and a
 * calibration table of the out-of-fold probabilities. The final model is fitted on every row.
 *
 * <p>The L2 penalty is chosen from a grid by an inner 3-fold cross-validation inside each outer
 * training fold (nested, so the reported AUC is not flattered by the choice), on at most
 * {@link #TUNING_ROWS} rows. The features are strongly correlated (counts over nested windows),
 * and on the demo platforms λ = 100–300 beat λ = 1 by 0.01–0.03 AUC, so it is worth choosing.
 */
public final class ChurnTrainer {

    /** Rows the inner cross-validation that picks λ uses at most (a stratified sample beyond). */
    public static final int TUNING_ROWS = 10_000;
    private static final int INNER_FOLDS = 3;

    /**
     * @param lambdas    candidate L2 penalties on the standardised weights (one value: no tuning)
     * @param folds      k of k-fold cross-validation
     * @param maxSamples rows cross-validated at most (a stratified sample beyond); the final fit uses all
     */
    public record Parameters(double[] lambdas, int folds, long seed, int maxSamples) {
        public static final double[] LAMBDAS_DEFAULT = {1, 10, 100, 300, 1000, 3000, 10000};
        public static final int FOLDS_DEFAULT = 5;
        public static final long SEED_DEFAULT = 42;
        public static final int MAX_SAMPLES_DEFAULT = 200_000;

        public Parameters {
            if (lambdas == null || lambdas.length == 0) {
                throw new IllegalArgumentException("at least one lambda is needed");
            }
            lambdas = lambdas.clone();
            for (double lambda : lambdas) {
                if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                    throw new IllegalArgumentException("lambdas must be >= 0, was " + lambda);
                }
            }
            if (folds < 2 || folds > 20) {
                throw new IllegalArgumentException("folds must be in 2..20, was " + folds);
            }
            if (maxSamples < 100) {
                throw new IllegalArgumentException("maxSamples must be >= 100, was " + maxSamples);
            }
        }

        public static Parameters defaults() {
            return new Parameters(LAMBDAS_DEFAULT, FOLDS_DEFAULT, SEED_DEFAULT, MAX_SAMPLES_DEFAULT);
        }
    }

    /** Training data that cannot give a model (too few users, or only one outcome). */
    public static final class NotEnoughData extends IllegalArgumentException {
        public NotEnoughData(String message) {
            super(message);
        }
    }

    /** The model, and the matrix and labels it was trained on (for evaluation). */
    public record Trained(ChurnModel model, ChurnFeatures.Matrix matrix, boolean[] labels) {
    }

    private ChurnTrainer() {
    }

    public static Trained train(GraphSnapshot s, int asOfMinute, ChurnDefinition def, List<String> tierOrder,
                                Parameters p, Instant now, DoubleConsumer progress) {
        int cutoff = asOfMinute - def.horizonMinutes();
        ChurnFeatures.Matrix m = ChurnFeatures.extract(s, cutoff, def, tierOrder);
        progress.accept(0.4);
        boolean[] y = ChurnFeatures.churned(s.activity(), m.users(), cutoff, def);
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        int negatives = y.length - positives;
        if (positives < p.folds() || negatives < p.folds()) {
            throw new NotEnoughData("at the cutoff " + ChurnFeatures.describe(cutoff) + " (asOf minus " + def.horizonDays()
                    + " days) " + y.length + " users were active, " + positives + " of them churned and " + negatives
                    + " stayed; training needs at least " + p.folds() + " of each: choose another asOf");
        }
        int d = m.columns();
        double[] means = new double[d];
        double[] sds = new double[d];
        double[] z = standardise(m, means, sds);
        int[] sample = stratifiedSample(y, p.maxSamples(), p.seed());
        int[] fold = folds(y, sample, p.folds(), p.seed());
        boolean[] all = new boolean[d];
        Arrays.fill(all, true);
        boolean[] noGraph = new boolean[d];
        for (ChurnFeature f : m.features()) {
            noGraph[f.ordinal()] = !f.isGraph();
        }
        double[][] oof = new double[2][];
        IntStream.range(0, 2).parallel().forEach(k -> oof[k] = outOfFold(z, d, y, sample, fold, p,
                k == 0 ? all : noGraph));
        progress.accept(0.8);
        boolean[] ys = new boolean[sample.length];
        for (int i = 0; i < sample.length; i++) {
            ys[i] = y[sample[i]];
        }
        Tuned tuned = selectLambda(z, d, y, sample, p.lambdas(), p.seed());
        double lambda = tuned.lambda();
        LogisticRegression.Fit fit = LogisticRegression.fit(z, d, y, null, lambda, tuned.start());
        progress.accept(0.95);
        double brier = 0;
        for (int i = 0; i < sample.length; i++) {
            double e = oof[0][i] - (ys[i] ? 1 : 0);
            brier += e * e;
        }
        ChurnModel.Metrics metrics = new ChurnModel.Metrics(Auc.of(oof[0], ys), Auc.of(oof[1], ys), p.folds(),
                sample.length, y.length, positives, brier / sample.length, calibration(oof[0], ys, 10),
                fit.iterations());
        ChurnModel model = new ChurnModel(def, asOfMinute, m.features(), means, sds, fit.weights(), fit.intercept(),
                lambda, metrics, now);
        return new Trained(model, m, y);
    }

    /**
     * Cross-validated AUC of the model restricted to the {@code use}d columns, on the same folds as
     * training: what evaluation uses to see which features carry the lift.
     */
    public static double crossValidatedAuc(ChurnFeatures.Matrix m, boolean[] y, boolean[] use, Parameters p) {
        int d = m.columns();
        double[] z = standardise(m, new double[d], new double[d]);
        int[] sample = stratifiedSample(y, p.maxSamples(), p.seed());
        int[] fold = folds(y, sample, p.folds(), p.seed());
        double[] oof = outOfFold(z, d, y, sample, fold, p, use);
        boolean[] ys = new boolean[sample.length];
        for (int i = 0; i < sample.length; i++) {
            ys[i] = y[sample[i]];
        }
        return Auc.of(oof, ys);
    }

    /** Out-of-fold probabilities of {@code sample}'s rows, fitting on the columns in {@code use}. */
    private static double[] outOfFold(double[] z, int d, boolean[] y, int[] sample, int[] fold, Parameters p,
                                      boolean[] use) {
        int[] cols = IntStream.range(0, d).filter(j -> use[j]).toArray();
        int dc = cols.length;
        double[] zc = new double[sample.length * dc];
        boolean[] yc = new boolean[sample.length];
        for (int i = 0; i < sample.length; i++) {
            int r = sample[i];
            for (int j = 0; j < dc; j++) {
                zc[i * dc + j] = z[r * d + cols[j]];
            }
            yc[i] = y[r];
        }
        double[] oof = new double[sample.length];
        for (int k = 0; k < p.folds(); k++) {
            Cancellation.check();
            int kk = k;
            int[] train = IntStream.range(0, sample.length).filter(i -> fold[i] != kk).toArray();
            Tuned tuned = selectLambda(zc, dc, yc, train, p.lambdas(), p.seed() + k);
            LogisticRegression.Fit fit = LogisticRegression.fit(zc, dc, yc, train, tuned.lambda(), tuned.start());
            for (int i = 0; i < sample.length; i++) {
                if (fold[i] == k) {
                    oof[i] = fit.probability(zc, i * dc);
                }
            }
        }
        return oof;
    }

    /**
     * The penalty of {@code grid} with the best inner cross-validated AUC on {@code rows} (a
     * stratified sample of at most {@link #TUNING_ROWS}); ties go to the larger penalty.
     */
    static Tuned selectLambda(double[] z, int d, boolean[] y, int[] rows, double[] grid, long seed) {
        if (grid.length == 1) {
            return new Tuned(grid[0], null);
        }
        boolean[] yr = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            yr[i] = y[rows[i]];
        }
        int[] pick = stratifiedSample(yr, TUNING_ROWS, seed);
        int[] sub = new int[pick.length];
        boolean[] ys = new boolean[pick.length];
        for (int i = 0; i < pick.length; i++) {
            sub[i] = rows[pick[i]];
            ys[i] = y[sub[i]];
        }
        int[] fold = folds(y, sub, INNER_FOLDS, seed);
        // largest penalty first: it converges fastest, and each fit warm-starts the next one
        double[] lambdas = Arrays.stream(grid).boxed().sorted(java.util.Comparator.reverseOrder())
                .mapToDouble(Double::doubleValue).toArray();
        double[][] oof = new double[lambdas.length][sub.length];
        LogisticRegression.Fit[] lastFold = new LogisticRegression.Fit[lambdas.length];
        for (int k = 0; k < INNER_FOLDS; k++) {
            int kk = k;
            int[] train = IntStream.range(0, sub.length).filter(i -> fold[i] != kk).map(i -> sub[i]).toArray();
            LogisticRegression.Fit previous = null;
            for (int l = 0; l < lambdas.length; l++) {
                LogisticRegression.Fit fit = LogisticRegression.fit(z, d, y, train, lambdas[l], previous);
                previous = fit;
                lastFold[l] = fit;
                for (int i = 0; i < sub.length; i++) {
                    if (fold[i] == k) {
                        oof[l][i] = fit.probability(z, sub[i] * d);
                    }
                }
            }
        }
        int best = 0;
        double bestAuc = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < lambdas.length; l++) {
            double auc = Auc.of(oof[l], ys);
            if (auc > bestAuc) { // strictly better: ties keep the larger penalty
                bestAuc = auc;
                best = l;
            }
        }
        return new Tuned(lambdas[best], lastFold[best]);
    }

    /** The chosen penalty, and a fit at it on part of the data: a warm start for the full fit. */
    record Tuned(double lambda, LogisticRegression.Fit start) {
    }

    private static double[] standardise(ChurnFeatures.Matrix m, double[] means, double[] sds) {
        int n = m.rows();
        int d = m.columns();
        double[] x = m.x();
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[i * d + j];
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double e = x[i * d + j] - mean;
                ss += e * e;
            }
            double sd = Math.sqrt(ss / n);
            means[j] = mean;
            sds[j] = sd > 1e-12 ? sd : 1; // a constant feature standardises to 0
        }
        double[] z = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i * d + j] = (x[i * d + j] - means[j]) / sds[j];
            }
        }
        return z;
    }

    /** All rows, or a sample of {@code max} keeping the positive share. Sorted row indexes. */
    static int[] stratifiedSample(boolean[] y, int max, long seed) {
        if (y.length <= max) {
            return IntStream.range(0, y.length).toArray();
        }
        Random rnd = new Random(seed);
        int[] pos = IntStream.range(0, y.length).filter(i -> y[i]).toArray();
        int[] neg = IntStream.range(0, y.length).filter(i -> !y[i]).toArray();
        int takePos = (int) Math.max(1, Math.round((double) max * pos.length / y.length));
        int[] out = new int[takePos + (max - takePos)];
        System.arraycopy(shuffledPrefix(pos, takePos, rnd), 0, out, 0, takePos);
        System.arraycopy(shuffledPrefix(neg, max - takePos, rnd), 0, out, takePos, max - takePos);
        Arrays.sort(out);
        return out;
    }

    private static int[] shuffledPrefix(int[] a, int k, Random rnd) {
        int[] c = a.clone();
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(c.length - i);
            int t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return Arrays.copyOf(c, k);
    }

    /** Fold of each sampled row: positives and negatives dealt round-robin after a shuffle (stratified). */
    static int[] folds(boolean[] y, int[] sample, int k, long seed) {
        Random rnd = new Random(seed + 1);
        int[] fold = new int[sample.length];
        for (boolean cls : new boolean[]{true, false}) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < sample.length; i++) {
                if (y[sample[i]] == cls) {
                    idx.add(i);
                }
            }
            java.util.Collections.shuffle(idx, rnd);
            for (int r = 0; r < idx.size(); r++) {
                fold[idx.get(r)] = r % k;
            }
        }
        return fold;
    }

    static List<ChurnModel.CalibrationBin> calibration(double[] predicted, boolean[] y, int bins) {
        Integer[] order = new Integer[predicted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(predicted[a], predicted[b]));
        List<ChurnModel.CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * order.length / bins);
            int to = (int) ((long) (b + 1) * order.length / bins);
            if (to == from) {
                continue;
            }
            double sp = 0;
            int pos = 0;
            for (int i = from; i < to; i++) {
                sp += predicted[order[i]];
                pos += y[order[i]] ? 1 : 0;
            }
            out.add(new ChurnModel.CalibrationBin(sp / (to - from), (double) pos / (to - from), to - from));
        }
        return out;
    }
}
