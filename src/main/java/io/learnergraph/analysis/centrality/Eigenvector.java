package io.learnergraph.analysis.centrality;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.CsrGraph;

import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * Eigenvector centrality (Bonacich 1972) by power iteration on A + I, as NetworkX does (the
 * shift makes the iteration converge on bipartite graphs too), normalised to unit Euclidean
 * length. Weighted when the graph's weights are not all 1. O(iterations · m).
 */
public final class Eigenvector {

    public static final int MAX_ITERATIONS_DEFAULT = 1000;
    public static final double TOLERANCE_DEFAULT = 1e-9;

    /**
     * @param maxIterations power iterations at most
     * @param tolerance     stop when the L1 change per node falls below this
     */
    public record Parameters(int maxIterations, double tolerance) {
        public Parameters {
            if (maxIterations < 1 || !(tolerance > 0)) {
                throw new IllegalArgumentException("maxIterations must be >= 1 and tolerance > 0, were "
                        + maxIterations + ", " + tolerance);
            }
        }

        public static Parameters defaults() {
            return new Parameters(MAX_ITERATIONS_DEFAULT, TOLERANCE_DEFAULT);
        }
    }

    public record Result(double[] scores, int iterations, boolean didConverge) implements NodeScores {
    }

    private Eigenvector() {
    }

    public static Result compute(CsrGraph g, Parameters p) {
        int maxIterations = p.maxIterations();
        double tolerance = p.tolerance();
        int n = g.nodeCount();
        double[] x = new double[n];
        Arrays.fill(x, n == 0 ? 0 : 1.0 / n);
        double[] next = new double[n];
        int it = 0;
        boolean converged = n == 0;
        DoubleConsumer progress = Progress.current();
        while (!converged && it < maxIterations) {
            progress.accept((double) it / maxIterations);
            it++;
            Cancellation.check();
            System.arraycopy(x, 0, next, 0, n);
            for (int v = 0; v < n; v++) {
                double xv = x[v];
                for (int a = g.start(v), e = g.end(v); a < e; a++) {
                    next[g.target(a)] += xv * g.weight(a);
                }
            }
            double norm = 0;
            for (double d : next) {
                norm += d * d;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                norm = 1;
            }
            double change = 0;
            for (int v = 0; v < n; v++) {
                next[v] /= norm;
                change += Math.abs(next[v] - x[v]);
            }
            double[] t = x;
            x = next;
            next = t;
            converged = change < n * tolerance;
        }
        return new Result(x, it, converged);
    }
}
