package io.learnergraph.analysis.growth;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of a sample: count, mean and percentiles by linear interpolation between order
 * statistics (Hyndman &amp; Fan 1996, type 7, the default of R and NumPy). O(n log n).
 */
public record Distribution(int count, double mean, double median, List<Double> percentiles) {

    /** The percentiles reported, in order. */
    public static final double[] LEVELS = {10, 25, 50, 75, 90, 99};

    public static Distribution of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) {
            return new Distribution(0, 0, 0, Arrays.stream(LEVELS).mapToObj(l -> 0.0).toList());
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return new Distribution(n, sum / n, quantile(v, 0.5),
                Arrays.stream(LEVELS).mapToObj(l -> quantile(v, l / 100)).toList());
    }

    /** Type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
