package io.learnergraph.analysis.centrality;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.CsrGraph;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import java.util.SplittableRandom;

/**
 * Betweenness centrality of an undirected, unweighted graph, normalised as NetworkX does for
 * undirected graphs: the share of shortest paths between pairs of other nodes that pass through
 * a node, divided by (n-1)(n-2)/2 pairs.
 *
 * <ul>
 *   <li>{@link #exact}: Brandes (2001), O(nm) time, O(n + m) memory.</li>
 *   <li>{@link #sampled}: Riondato &amp; Kornaropoulos (2016): samples
 *   r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ shortest paths uniformly (c = 0.5, VD an upper
 *   bound on the vertex diameter), so that with probability at least 1 − δ every node's
 *   estimate is within ε of its betweenness normalised by n(n−1) (within ε·n/(n−2) on this
 *   scale). O(r · (n + m)) time in the worst case, much less in practice as each BFS stops at its
 *   target.</li>
 * </ul>
 */
public final class Betweenness {

    /** Universal constant of the Riondato–Kornaropoulos bound (their c ≈ 0.5). */
    static final double C = 0.5;

    public record Result(double[] scores, boolean exact, int samples, double epsilon, double delta) implements NodeScores {
    }

    private Betweenness() {
    }

    public static Result exact(CsrGraph g) {
        int n = g.nodeCount();
        int[] all = new int[n];
        for (int s = 0; s < n; s++) {
            all[s] = s;
        }
        double[] cb = fromSources(g, all);
        double scale = n > 2 ? 1.0 / ((double) (n - 1) * (n - 2)) : 0;
        for (int v = 0; v < n; v++) {
            cb[v] *= scale;
        }
        return new Result(cb, true, n, 0, 0);
    }

    /**
     * Brandes' accumulation from {@code k} random sources, scaled by n/k (Brandes &amp; Pich
     * 2007): unbiased, no uniform error bound; O(k · m). The peers' "betweenness from k sampled
     * sources" that the benchmark in src/site/markdown/performance.md compares against.
     */
    public static Result sourceSampled(CsrGraph g, int k, long seed) {
        int n = g.nodeCount();
        if (k >= n) {
            return exact(g);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] cb = fromSources(g, Arrays.copyOf(order, k));
        double scale = n > 2 ? (double) n / k / ((double) (n - 1) * (n - 2)) : 0;
        for (int v = 0; v < n; v++) {
            cb[v] *= scale;
        }
        return new Result(cb, false, k, Double.NaN, Double.NaN);
    }

    /**
     * Brandes' dependency accumulation from each source, the sources split over the available
     * cores (each worker with its own O(n) arrays), summed at the end.
     */
    private static double[] fromSources(CsrGraph g, int[] sources) {
        // split when the total work (sources × arcs) is worth a thread, not by the number of sources
        long work = (long) sources.length * Math.max(1, g.arcCount());
        int workers = work < 5_000_000L ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), sources.length);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Progress.Counter done = new Progress.Counter(Progress.current(), sources.length);
        if (workers == 1) {
            return accumulate(g, sources, 0, sources.length, stop, done);
        }
        int chunk = (sources.length + workers - 1) / workers;
        java.util.List<java.util.concurrent.CompletableFuture<double[]>> parts = new java.util.ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int from = w * chunk;
            int to = Math.min(sources.length, from + chunk);
            parts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> accumulate(g, sources, from, to, stop, done)));
        }
        double[] cb = new double[g.nodeCount()];
        for (var part : parts) {
            double[] p = awaitOrStop(part, stop);
            for (int v = 0; v < cb.length; v++) {
                cb[v] += p[v];
            }
        }
        return cb;
    }

    /** Waits for a worker; if this thread is interrupted meanwhile, tells every worker to stop. */
    private static double[] awaitOrStop(java.util.concurrent.CompletableFuture<double[]> part,
                                        java.util.concurrent.atomic.AtomicBoolean stop) {
        while (true) {
            try {
                return part.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (Thread.currentThread().isInterrupted()) {
                    stop.set(true);
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("cancelled");
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
    }

    private static double[] accumulate(CsrGraph g, int[] sources, int fromIndex, int toIndex,
                                       java.util.concurrent.atomic.AtomicBoolean stop, Progress.Counter done) {
        int n = g.nodeCount();
        double[] cb = new double[n];
        int[] stack = new int[n];
        int[] queue = new int[n];
        int[] dist = new int[n];
        double[] sigma = new double[n];
        double[] delta = new double[n];
        Arrays.fill(dist, -1);
        int reported = fromIndex;
        for (int si = fromIndex; si < toIndex; si++) {
            int s = sources[si];
            if ((si & 63) == 0) {
                if (si > reported) {
                    done.add(si - reported);
                    reported = si;
                }
                if (stop.get()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                Cancellation.check();
            }
            int top = 0;
            int head = 0;
            int tail = 0;
            dist[s] = 0;
            sigma[s] = 1;
            queue[tail++] = s;
            while (head < tail) {
                int v = queue[head++];
                stack[top++] = v;
                for (int a = g.start(v), e = g.end(v); a < e; a++) {
                    int w = g.target(a);
                    if (dist[w] < 0) {
                        dist[w] = dist[v] + 1;
                        queue[tail++] = w;
                    }
                    if (dist[w] == dist[v] + 1) {
                        sigma[w] += sigma[v];
                    }
                }
            }
            while (top > 0) {
                int w = stack[--top];
                for (int a = g.start(w), e = g.end(w); a < e; a++) {
                    int v = g.target(a);
                    if (dist[v] == dist[w] - 1) {
                        delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                    }
                }
                if (w != s) {
                    cb[w] += delta[w];
                }
            }
            for (int i = 0; i < tail; i++) { // reset only what this BFS touched
                int v = queue[i];
                dist[v] = -1;
                sigma[v] = 0;
                delta[v] = 0;
            }
        }
        done.add(toIndex - reported);
        return cb;
    }

    /** Sample size for error {@code epsilon} with probability 1 − {@code delta}. */
    public static int sampleSize(int vertexDiameter, double epsilon, double delta) {
        if (!(epsilon > 0 && epsilon < 1) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("epsilon and delta must be in (0, 1), were " + epsilon + ", " + delta);
        }
        int log = vertexDiameter > 2 ? 31 - Integer.numberOfLeadingZeros(vertexDiameter - 2) : 0;
        return (int) Math.ceil(C / (epsilon * epsilon) * (log + 1 + Math.log(1 / delta)));
    }

    public static Result sampled(CsrGraph g, double epsilon, double delta, long seed) {
        int n = g.nodeCount();
        if (n < 3) {
            return new Result(new double[n], false, 0, epsilon, delta);
        }
        int r = sampleSize(vertexDiameterBound(g), epsilon, delta);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = new double[n];
        int[] dist = new int[n];
        double[] sigma = new double[n];
        int[] queue = new int[n];
        Arrays.fill(dist, -1);
        DoubleConsumer progress = Progress.current();
        for (int i = 0; i < r; i++) {
            if ((i & 1023) == 0) {
                progress.accept((double) i / r);
                Cancellation.check();
            }
            int u = rnd.nextInt(n);
            int v = rnd.nextInt(n - 1);
            if (v >= u) {
                v++;
            }
            // BFS from u until v's level is complete
            int head = 0;
            int tail = 0;
            dist[u] = 0;
            sigma[u] = 1;
            queue[tail++] = u;
            int stopLevel = Integer.MAX_VALUE;
            while (head < tail) {
                int x = queue[head++];
                if (dist[x] >= stopLevel) {
                    break;
                }
                for (int a = g.start(x), e = g.end(x); a < e; a++) {
                    int y = g.target(a);
                    if (dist[y] < 0) {
                        dist[y] = dist[x] + 1;
                        queue[tail++] = y;
                        if (y == v) {
                            stopLevel = dist[y];
                        }
                    }
                    if (dist[y] == dist[x] + 1) {
                        sigma[y] += sigma[x];
                    }
                }
            }
            if (dist[v] > 0) {
                // walk back from v, choosing each predecessor with probability sigma[p] / sigma[w]
                int w = v;
                while (w != u) {
                    double pick = rnd.nextDouble() * sigma[w];
                    int chosen = -1;
                    for (int a = g.start(w), e = g.end(w); a < e; a++) {
                        int p = g.target(a);
                        if (dist[p] >= 0 && dist[p] == dist[w] - 1) {
                            chosen = p;
                            pick -= sigma[p];
                            if (pick < 0) {
                                break;
                            }
                        }
                    }
                    w = chosen;
                    if (w != u) {
                        b[w] += 1.0;
                    }
                }
            }
            for (int k = 0; k < tail; k++) {
                dist[queue[k]] = -1;
                sigma[queue[k]] = 0;
            }
        }
        // estimates are on the n(n-1) scale; rescale to NetworkX's (n-1)(n-2)
        double scale = (double) n / (n - 2) / r;
        for (int x = 0; x < n; x++) {
            b[x] *= scale;
        }
        return new Result(b, false, r, epsilon * n / (n - 2), delta);
    }

    /**
     * An upper bound on the number of nodes on any shortest path: per component, BFS from one
     * node, and the two largest distances plus one (twice the eccentricity bounds the diameter).
     */
    static int vertexDiameterBound(CsrGraph g) {
        int n = g.nodeCount();
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        int[] queue = new int[n];
        int best = 1;
        for (int s = 0; s < n; s++) {
            if (dist[s] >= 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            dist[s] = 0;
            queue[tail++] = s;
            int first = 0;
            int second = 0;
            while (head < tail) {
                int x = queue[head++];
                int d = dist[x];
                if (d > first) {
                    second = first;
                    first = d;
                } else if (d > second) {
                    second = d;
                }
                for (int a = g.start(x), e = g.end(x); a < e; a++) {
                    int y = g.target(a);
                    if (dist[y] < 0) {
                        dist[y] = d + 1;
                        queue[tail++] = y;
                    }
                }
            }
            best = Math.max(best, first + Math.max(second, first) + 1);
        }
        return best;
    }
}
