package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.stats.LogisticRegression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A trained churn model: logistic regression over standardised {@link ChurnFeature}s, with how
 * it was trained and how well it did out of fold.
 *
 * @param asOfMinute   the training time: features at {@code asOf − horizon}, labels up to asOf
 * @param means        per feature, for standardising (z = (x − mean) / sd)
 * @param sds          per feature; 1 where the feature was constant
 * @param weights      per feature, on the standardised scale (comparable across features)
 * @param metrics      out-of-fold quality
 */
public record ChurnModel(ChurnDefinition definition, int asOfMinute, ChurnFeature[] features, double[] means,
                         double[] sds, double[] weights, double intercept, double lambda, Metrics metrics,
                         Instant trainedAt) {

    /**
     * @param auc                     k-fold cross-validated AUC of this model
     * @param aucWithoutGraphFeatures the same, fitted without the graph features
     * @param samples                 rows cross-validated (a stratified sample when the population is larger)
     * @param population              users active at the cutoff (the final fit uses all of them)
     * @param positives               of the population, how many churned within the horizon
     * @param brier                   mean squared error of the out-of-fold probabilities
     * @param calibration             out-of-fold probabilities in ten equal-count bins against the observed rate
     */
    public record Metrics(double auc, double aucWithoutGraphFeatures, int folds, int samples, int population,
                          int positives, double brier, List<CalibrationBin> calibration, int iterations) {
    }

    public record CalibrationBin(double meanPredicted, double observed, int count) {
    }

    /** One feature's push on one user's score: weight × standardised value, in log-odds. */
    public record Factor(ChurnFeature feature, double value, double contribution) {
    }

    public int cutoffMinute() {
        return asOfMinute - definition.horizonMinutes();
    }

    /** The probability of churning within the horizon for row {@code row} of a matrix of the same features. */
    public double risk(ChurnFeatures.Matrix m, int row) {
        double eta = intercept;
        int o = row * m.columns();
        for (int j = 0; j < weights.length; j++) {
            eta += weights[j] * (m.x()[o + j] - means[j]) / sds[j];
        }
        return LogisticRegression.sigmoid(eta);
    }

    /** The {@code limit} features that push this user's risk up the most (largest contribution first). */
    public List<Factor> topFactors(ChurnFeatures.Matrix m, int row, int limit) {
        List<Factor> all = new ArrayList<>(weights.length);
        int o = row * m.columns();
        for (int j = 0; j < weights.length; j++) {
            double v = m.x()[o + j];
            all.add(new Factor(features[j], v, weights[j] * (v - means[j]) / sds[j]));
        }
        all.sort(Comparator.comparingDouble(Factor::contribution).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }
}
