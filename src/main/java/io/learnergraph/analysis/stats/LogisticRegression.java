package io.learnergraph.analysis.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares; McCullagh &amp; Nelder 1989, ch. 4): minimises
 * {@code −Σ log L(yᵢ | σ(b + w·xᵢ)) + λ/2 ‖w‖²} (the intercept b is not penalised). Each
 * iteration builds the (d+1)² Hessian in O(n d²) and solves it with Commons Math's Cholesky
 * decomposition (QR if the data make it singular); with a few dozen features Newton converges
 * in under ten steps where Commons Math's first-order optimisers would take hundreds of O(n d)
 * passes, which is why this is written here rather than assembled from them.
 */
public final class LogisticRegression {

    public static final double TOLERANCE = 1e-8;
    public static final int MAX_ITERATIONS = 50;

    /** @param weights one per column; {@code intercept} b */
    public record Fit(double[] weights, double intercept, int iterations, boolean converged) {
        public double probability(double[] x, int offset) {
            return sigmoid(intercept + dot(weights, x, offset));
        }
    }

    private LogisticRegression() {
    }

    /**
     * @param x      row-major n × d
     * @param rows   the rows to fit on (indexes into x), or null for all
     * @param lambda L2 penalty, ≥ 0 (0 = maximum likelihood; needs data that are not separable)
     */
    public static Fit fit(double[] x, int d, boolean[] y, int[] rows, double lambda) {
        return fit(x, d, y, rows, lambda, null);
    }

    /**
     * As above, starting from {@code start} (weights then intercept, e.g. the fit at a neighbouring
     * penalty): a warm start takes a few Newton steps where a cold one takes ten.
     */
    public static Fit fit(double[] x, int d, boolean[] y, int[] rows, double lambda, Fit start) {
        if (lambda < 0 || Double.isNaN(lambda)) {
            throw new IllegalArgumentException("lambda must be >= 0, was " + lambda);
        }
        int n = rows == null ? y.length : rows.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows to fit");
        }
        int p = d + 1; // the intercept is column d
        double[] beta = new double[p];
        int positives = 0;
        for (int k = 0; k < n; k++) {
            positives += y[rows == null ? k : rows[k]] ? 1 : 0;
        }
        // start at the base rate: one Newton step less, and exact when no feature helps
        double rate = Math.min(1 - 1e-9, Math.max(1e-9, (double) positives / n));
        beta[d] = Math.log(rate / (1 - rate));
        if (start != null && start.weights().length == d) {
            System.arraycopy(start.weights(), 0, beta, 0, d);
            beta[d] = start.intercept();
        }
        double[] hessian = new double[p * p];
        double[] gradient = new double[p];
        double[] row = new double[p];
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            java.util.Arrays.fill(hessian, 0);
            java.util.Arrays.fill(gradient, 0);
            for (int k = 0; k < n; k++) {
                int i = rows == null ? k : rows[k];
                System.arraycopy(x, i * d, row, 0, d);
                row[d] = 1;
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    eta += beta[j] * row[j];
                }
                double mu = sigmoid(eta);
                double w = Math.max(mu * (1 - mu), 1e-12);
                double r = mu - (y[i] ? 1 : 0);
                for (int a = 0; a < p; a++) {
                    double ra = row[a];
                    gradient[a] += r * ra;
                    double wa = w * ra;
                    int base = a * p;
                    for (int b = 0; b <= a; b++) {
                        hessian[base + b] += wa * row[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                gradient[a] += lambda * beta[a];
                hessian[a * p + a] += lambda;
            }
            double[][] h = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b <= a; b++) {
                    h[a][b] = h[b][a] = hessian[a * p + b];
                }
            }
            RealVector step = solve(h, gradient);
            // damped Newton: halve the step until the penalised loss does not rise, since a full
            // step can overshoot far from the optimum (rare, nearly separating features)
            double before = loss(x, d, y, rows, beta, lambda);
            double[] trial = new double[p];
            double scale = 1;
            double change = 0;
            for (int halvings = 0; halvings < 40; halvings++, scale /= 2) {
                change = 0;
                for (int j = 0; j < p; j++) {
                    double s = scale * step.getEntry(j);
                    trial[j] = beta[j] - s;
                    change = Math.max(change, Math.abs(s));
                }
                if (loss(x, d, y, rows, trial, lambda) <= before + 1e-12 * Math.abs(before)) {
                    break;
                }
            }
            System.arraycopy(trial, 0, beta, 0, p);
            if (change < TOLERANCE) {
                return new Fit(java.util.Arrays.copyOf(beta, d), beta[d], it, true);
            }
        }
        return new Fit(java.util.Arrays.copyOf(beta, d), beta[d], MAX_ITERATIONS, false);
    }

    /** The penalised negative log-likelihood at beta (intercept last). */
    static double loss(double[] x, int d, boolean[] y, int[] rows, double[] beta, double lambda) {
        int n = rows == null ? y.length : rows.length;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            int i = rows == null ? k : rows[k];
            double eta = beta[d];
            for (int j = 0; j < d; j++) {
                eta += beta[j] * x[i * d + j];
            }
            // log(1 + e^eta) − y·eta, computed without overflow
            sum += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - (y[i] ? eta : 0);
        }
        double penalty = 0;
        for (int j = 0; j < d; j++) {
            penalty += beta[j] * beta[j];
        }
        return sum + lambda / 2 * penalty;
    }

    private static RealVector solve(double[][] h, double[] g) {
        Array2DRowRealMatrix m = new Array2DRowRealMatrix(h, false);
        ArrayRealVector v = new ArrayRealVector(g, false);
        try {
            return new CholeskyDecomposition(m, 1e-12, 1e-14).getSolver().solve(v);
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            // a constant column without penalty: the least-squares step still moves the rest
            return new QRDecomposition(m, 1e-12).getSolver().solve(v);
        }
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    static double dot(double[] w, double[] x, int offset) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * x[offset + j];
        }
        return s;
    }
}
