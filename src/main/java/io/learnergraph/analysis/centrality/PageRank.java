package io.learnergraph.analysis.centrality;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.CsrGraph;

import java.util.function.DoubleConsumer;

/**
 * Weighted PageRank by power iteration (Page, Brin, Motwani &amp; Winograd 1999), optionally
 * personalised to a set of source nodes (Haveliwala 2002).
 *
 * <p>From node v the walker follows arc (v, u) with probability w(v,u) / W(v), W(v) being v's
 * out-weight, with probability {@code damping}; otherwise it teleports by the personalisation
 * vector (uniform, or uniform over the sources). A dangling node's rank is spread by the same
 * vector, as NetworkX and LDBC Graphalytics do, so scores always sum to 1. On an undirected graph
 * (stored as two arcs per edge) this is PageRank of the undirected graph.
 *
 * <p>Time O(iterations · (n + m)), split over the available cores (each node's new rank is pulled
 * from its in-arcs, so threads never write the same slot); memory four double arrays of n plus,
 * for a directed graph, its transpose. Stops when the L1 change of an iteration falls below
 * {@code tolerance} or after {@code maxIterations}.
 */
public final class PageRank {

    public static final double DAMPING_DEFAULT = 0.85;
    public static final int MAX_ITERATIONS_DEFAULT = 100;
    public static final double TOLERANCE_DEFAULT = 1e-10;

    /**
     * @param sources personalisation sources; empty for global PageRank
     */
    public record Parameters(double damping, int maxIterations, double tolerance, int[] sources, double[] initial) {
        public Parameters {
            if (!(damping >= 0 && damping < 1)) {
                throw new IllegalArgumentException("damping must be in [0, 1), was " + damping);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
            }
            sources = sources == null ? new int[0] : sources.clone();
        }

        public Parameters(double damping, int maxIterations, double tolerance, int[] sources) {
            this(damping, maxIterations, tolerance, sources, null);
        }

        public static Parameters defaults() {
            return new Parameters(DAMPING_DEFAULT, MAX_ITERATIONS_DEFAULT, TOLERANCE_DEFAULT, new int[0]);
        }

        public Parameters withSources(int[] s) {
            return new Parameters(damping, maxIterations, tolerance, s, initial);
        }

        public Parameters withTolerance(double t) {
            return new Parameters(damping, maxIterations, t, sources, initial);
        }

        /**
         * Starts the iteration from {@code x} (a previous snapshot's ranks over the same ids)
         * instead of the teleport vector: a warm start. The fixed point is the same; fewer
         * iterations reach the tolerance when the graph changed little. Ignored when its length
         * is not the graph's.
         */
        public Parameters withInitial(double[] x) {
            return new Parameters(damping, maxIterations, tolerance, sources, x);
        }
    }

    public record Result(double[] scores, int iterations, boolean didConverge) implements NodeScores {
    }

    private PageRank() {
    }

    public static Result compute(CsrGraph g, Parameters p) {
        int n = g.nodeCount();
        if (n == 0) {
            return new Result(new double[0], 0, true);
        }
        double[] teleport = new double[n];
        if (p.sources().length == 0) {
            java.util.Arrays.fill(teleport, 1.0 / n);
        } else {
            for (int s : p.sources()) {
                if (s < 0 || s >= n) {
                    throw new IllegalArgumentException("source " + s + " is not a node of the graph");
                }
            }
            for (int s : p.sources()) {
                teleport[s] += 1.0 / p.sources().length;
            }
        }
        double[] outWeight = new double[n];
        for (int v = 0; v < n; v++) {
            outWeight[v] = g.weightedDegree(v);
        }
        // pull over in-arcs: each node's new rank is written once, by one thread, in order
        CsrGraph in = g.isSymmetric() ? g : g.transpose();
        double[] x = teleport.clone();
        if (p.initial() != null && p.initial().length == n) {
            double sum = 0;
            for (double v : p.initial()) {
                sum += v;
            }
            if (sum > 0) {
                for (int v = 0; v < n; v++) {
                    x[v] = p.initial()[v] / sum;
                }
            }
        }
        double[] next = new double[n];
        double[] contribution = new double[n];
        double d = p.damping();
        int iteration = 0;
        boolean converged = false;
        int chunks = n < 50_000 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors()) * 4;
        DoubleConsumer progress = Progress.current();
        while (iteration < p.maxIterations() && !converged) {
            progress.accept((double) iteration / p.maxIterations()); // an upper bound on the work left
            iteration++;
            Cancellation.check();
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                if (outWeight[v] == 0) {
                    dangling += x[v];
                    contribution[v] = 0;
                } else {
                    contribution[v] = d * x[v] / outWeight[v];
                }
            }
            double base = d * dangling + (1 - d);
            double[] current = x;
            double[] target = next;
            double change = java.util.stream.IntStream.range(0, chunks).parallel().mapToDouble(c -> {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                double delta = 0;
                for (int u = from; u < to; u++) {
                    double sum = 0;
                    for (int a = in.start(u), e = in.end(u); a < e; a++) {
                        sum += contribution[in.target(a)] * in.weight(a);
                    }
                    double value = sum + base * teleport[u];
                    target[u] = value;
                    delta += Math.abs(value - current[u]);
                }
                return delta;
            }).sum();
            x = target;
            next = current;
            converged = change < p.tolerance();
        }
        return new Result(x, iteration, converged);
    }
}
