package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.stats.LogisticRegression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learned ranking of a user's candidates: a logistic model of "took it next" over the
 * {@link CandidateFeatures} of each candidate (the four sources' scaled scores and what they
 * assume about learning), standardised by the training rows' mean and deviation. Pointwise
 * learning to rank (Liu 2009, ch. 2): the candidates of many users are rows, those the user took
 * in the held-out window the positives; candidates are ranked by the predicted probability.
 * Fitting is L2-regularised Newton ({@link LogisticRegression}), O(rows · d²) per iteration.
 *
 * @param perSource the candidates each source contributes per user, as in training
 */
public record LearnedRanker(double[] mean, double[] scale, double[] weights, double intercept, int perSource) {

    /** Ridge penalty on the standardised weights: enough to keep collinear features finite. */
    static final double LAMBDA = 1.0;

    public LearnedRanker {
        int d = CandidateFeatures.COUNT;
        if (mean.length != d || scale.length != d || weights.length != d) {
            throw new IllegalArgumentException("a ranker needs " + d + " means, scales and weights");
        }
        if (perSource < 1 || perSource > RecommendationParameters.MAX_LIMIT) {
            throw new IllegalArgumentException("perSource must be in 1.." + RecommendationParameters.MAX_LIMIT);
        }
    }

    /** Log-odds are kept within ±30, so a probability is never exactly 0 or 1 (its logit stays finite). */
    static final double MAX_LOG_ODDS = 30;

    /** The probability the user takes the candidate whose features start at {@code x[offset]}. */
    public double score(double[] x, int offset) {
        return LogisticRegression.sigmoid(logOdds(x, offset));
    }

    /** The model's log-odds for the candidate, within ±{@value #MAX_LOG_ODDS}. */
    public double logOdds(double[] x, int offset) {
        double eta = intercept;
        for (int j = 0; j < weights.length; j++) {
            eta += weights[j] * (x[offset + j] - mean[j]) / scale[j];
        }
        return Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, eta));
    }

    /** The weights by feature name (log-odds per standard deviation), for the model's answer. */
    public Map<String, Double> weightsByName() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < weights.length; j++) {
            out.put(CandidateFeatures.NAMES.get(j), weights[j]);
        }
        return out;
    }

    /** Fits on the candidates of {@code examples}; null when they hold no positive or no negative. */
    public static LearnedRanker fit(List<BlendFit.Example> examples, int perSource) {
        int d = CandidateFeatures.COUNT;
        int n = 0;
        for (BlendFit.Example e : examples) {
            n += e.candidates().length;
        }
        double[] x = new double[n * d];
        boolean[] y = new boolean[n];
        int row = 0;
        int positives = 0;
        for (BlendFit.Example e : examples) {
            for (int i = 0; i < e.candidates().length; i++) {
                System.arraycopy(e.features(), i * d, x, row * d, d);
                y[row] = contains(e.truth(), e.candidates()[i]);
                positives += y[row] ? 1 : 0;
                row++;
            }
        }
        if (positives == 0 || positives == n) {
            return null;
        }
        // a constant feature gets deviation 1 and, through the penalty, weight 0
        io.learnergraph.analysis.stats.Standardisation z = io.learnergraph.analysis.stats.Standardisation.of(x, d);
        LogisticRegression.Fit f = LogisticRegression.fit(z.apply(x, null), d, y, null, LAMBDA);
        return new LearnedRanker(z.mean(), z.sd(), f.weights(), f.intercept(), perSource);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
