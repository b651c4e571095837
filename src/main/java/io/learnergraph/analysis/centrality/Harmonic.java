package io.learnergraph.analysis.centrality;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.CsrGraph;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import java.util.SplittableRandom;

/**
 * Harmonic centrality (Marchiori &amp; Latora 2000; Boldi &amp; Vigna 2014): the sum of 1/d(u, v)
 * over all other nodes, unnormalised as in NetworkX, on an undirected unweighted graph.
 * Exact by one BFS per node, O(nm); or estimated from {@code samples} BFS sources
 * (Eppstein &amp; Wang 2004), O(samples · m), scaling each node's sum by (n−1)/samples.
 */
public final class Harmonic {

    public record Result(double[] scores, boolean exact, int sources) implements NodeScores {
    }

    private Harmonic() {
    }

    public static Result exact(CsrGraph g) {
        int n = g.nodeCount();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return new Result(fromSources(g, all, 1.0), true, n);
    }

    public static Result sampled(CsrGraph g, int samples, long seed) {
        int n = g.nodeCount();
        if (samples >= n) {
            return exact(g);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) { // partial Fisher–Yates
            int j = i + rnd.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] sources = Arrays.copyOf(order, samples);
        return new Result(fromSources(g, sources, (double) (n - 1) / samples), false, samples);
    }

    /** Since distances are symmetric, BFS from s adds 1/d(s, v) to every v reached. */
    private static double[] fromSources(CsrGraph g, int[] sources, double scale) {
        int n = g.nodeCount();
        double[] h = new double[n];
        int[] dist = new int[n];
        int[] queue = new int[n];
        Arrays.fill(dist, -1);
        DoubleConsumer progress = Progress.current();
        for (int i = 0; i < sources.length; i++) {
            int s = sources[i];
            if ((i & 63) == 0) {
                progress.accept((double) i / sources.length);
            }
            Cancellation.check();
            int head = 0;
            int tail = 0;
            dist[s] = 0;
            queue[tail++] = s;
            while (head < tail) {
                int x = queue[head++];
                for (int a = g.start(x), e = g.end(x); a < e; a++) {
                    int y = g.target(a);
                    if (dist[y] < 0) {
                        dist[y] = dist[x] + 1;
                        h[y] += scale / dist[y];
                        queue[tail++] = y;
                    }
                }
            }
            for (int k = 0; k < tail; k++) {
                dist[queue[k]] = -1;
            }
        }
        return h;
    }
}
