package io.learnergraph.analysis.stats;

/**
 * Column means and standard deviations of a row-major matrix, for z-scores: a constant column
 * gets deviation 1 (its z-score is 0 everywhere, so a penalised model gives it no weight).
 * O(rows · columns).
 *
 * @param mean one per column
 * @param sd   one per column, > 0
 */
public record Standardisation(double[] mean, double[] sd) {

    public static Standardisation of(double[] x, int d) {
        int n = x.length / d;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[r * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, n);
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double dev = x[r * d + j] - mean[j];
                sd[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(sd[j] / Math.max(1, n));
            sd[j] = s > 1e-9 ? s : 1;
        }
        return new Standardisation(mean, sd);
    }

    /** The z-scores of {@code x} (row-major, these columns), columns not {@code use}d set to 0 (null: all used). */
    public double[] apply(double[] x, boolean[] use) {
        int d = mean.length;
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int j = i % d;
            z[i] = use == null || use[j] ? (x[i] - mean[j]) / sd[j] : 0;
        }
        return z;
    }
}
