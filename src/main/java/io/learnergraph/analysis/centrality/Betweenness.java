package io.learnergraph.analysis.centrality;

import io.learnergraph.analysis.graph.CsrGraph;

import java.util.Arrays;
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

    public record Result(double[] scores, boolean exact, int samples, double epsilon, double delta) {
    }

    private Betweenness() {
    }

    public static Result exact(CsrGraph g) {
        int n = g.nodeCount();
        double[] cb = new double[n];
        int[] stack = new int[n];
        int[] queue = new int[n];
        int[] dist = new int[n];
        double[] sigma = new double[n];
        double[] delta = new double[n];
        for (int s = 0; s < n; s++) {
            Arrays.fill(dist, -1);
            Arrays.fill(sigma, 0);
            Arrays.fill(delta, 0);
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
        }
        double scale = n > 2 ? 1.0 / ((double) (n - 1) * (n - 2)) : 0;
        for (int v = 0; v < n; v++) {
            cb[v] *= scale;
        }
        return new Result(cb, true, n, 0, 0);
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
        for (int i = 0; i < r; i++) {
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
