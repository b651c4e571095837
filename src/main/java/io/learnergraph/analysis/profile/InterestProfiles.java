package io.learnergraph.analysis.profile;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What each user learns about, and interest groups of users who learn about the same things.
 *
 * <p>A user's profile is TF-IDF over topics with each user a document, the same formula as the
 * community profiles: tf = the user's learning weight reaching the topic through course
 * coverage, normalised to sum 1; idf = ln((1 + N) / (1 + df)) + 1 over the N users with any
 * learning (smoothed, as in scikit-learn); the vector is then scaled to unit length, so that
 * Euclidean k-means groups users by the direction of their interests (cosine).
 *
 * <p>Interest groups: k-means++ (Arthur and Vassilvitskii 2007; Commons Math
 * {@code KMeansPlusPlusClusterer}) on a uniform sample of at most {@code sample} users with
 * learning (dense vectors: sample × topics doubles, the sample capped at 50M / topics), then every user is assigned to the nearest
 * centroid using only their non-zero topics: O(sample · topics · k · iterations) to fit and
 * O(nnz · k) to assign. Users without learning have no group (-1).
 */
public final class InterestProfiles {

    public record Parameters(int groups, int sample, int maxIterations, long seed) {
        public Parameters {
            if (groups < 1 || sample < 1 || maxIterations < 1) {
                throw new IllegalArgumentException("groups, sample and maxIterations must be >= 1");
            }
        }
    }

    public record TopicWeight(int topic, double weight) {
    }

    /**
     * @param group     each user's interest group, or -1 without learning
     * @param centroids per group, the mean unit TF-IDF vector of its sample members
     * @param sizes     users per group
     */
    public record Result(double[] idf, int[] group, double[][] centroids, int[] sizes) {
        public int groupCount() {
            return centroids.length;
        }
    }

    private InterestProfiles() {
    }

    public static Result compute(GraphSnapshot s, Parameters p) {
        int n = s.users().count();
        int nt = s.topics().count();
        double[] idf = idf(s);
        int[] group = new int[n];
        Arrays.fill(group, -1);
        int[] learners = java.util.stream.IntStream.range(0, n).filter(u -> s.learning().degree(u) > 0).toArray();
        if (learners.length == 0 || nt == 0) {
            return new Result(idf, group, new double[0][], new int[0]);
        }
        // a uniform sample (Fisher-Yates prefix), seeded: the same snapshot gives the same groups
        int[] pool = learners.clone();
        SplittableRandom rnd = new SplittableRandom(p.seed());
        // dense sample vectors: at most ~50M doubles (400 MB) whatever the number of topics
        int memoryCap = (int) Math.max(1000, 50_000_000L / nt);
        int m = Math.min(Math.min(p.sample(), memoryCap), pool.length);
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        List<DoublePoint> points = new ArrayList<>(m);
        double[] tf = new double[nt];
        java.util.Set<List<Double>> seen = new java.util.HashSet<>();
        for (int i = 0; i < m; i++) {
            double[] v = vector(s, pool[i], idf, tf);
            points.add(new DoublePoint(v));
            if (seen.size() <= p.groups()) {
                seen.add(Arrays.stream(v).boxed().toList());
            }
        }
        // never more groups than distinct interest vectors: k-means++ cannot seed more centres
        int k = Math.min(p.groups(), seen.size());
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(p.seed());
        KMeansPlusPlusClusterer<DoublePoint> kmeans = new KMeansPlusPlusClusterer<>(k, p.maxIterations(),
                new EuclideanDistance(), random, KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_VARIANCE);
        List<CentroidCluster<DoublePoint>> clusters = kmeans.cluster(points);
        double[][] centroids = new double[clusters.size()][];
        double[] norm2 = new double[clusters.size()];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = clusters.get(c).getCenter().getPoint();
            for (double x : centroids[c]) {
                norm2[c] += x * x;
            }
        }
        int[] sizes = new int[centroids.length];
        for (int i = 0; i < learners.length; i++) {
            if ((i & 0xffff) == 0) {
                Cancellation.check();
            }
            int u = learners[i];
            group[u] = nearest(sparse(s, u, idf, tf), centroids, norm2);
            sizes[group[u]]++;
        }
        return new Result(idf, group, centroids, sizes);
    }

    /** The user's top topics by TF-IDF weight (of the unit vector), strongest first. */
    public static List<TopicWeight> topTopics(GraphSnapshot s, Result r, int user, int limit) {
        double[] v = vector(s, user, r.idf(), new double[s.topics().count()]);
        return top(v, limit);
    }

    /** A group's top topics by centroid weight. */
    public static List<TopicWeight> groupTopics(Result r, int group, int limit) {
        return top(r.centroids()[group], limit);
    }

    private static List<TopicWeight> top(double[] v, int limit) {
        return java.util.stream.IntStream.range(0, v.length).filter(t -> v[t] > 0).boxed()
                .sorted((a, b) -> v[a] != v[b] ? Double.compare(v[b], v[a]) : Integer.compare(a, b))
                .limit(limit).map(t -> new TopicWeight(t, v[t])).toList();
    }

    static double[] idf(GraphSnapshot s) {
        int nt = s.topics().count();
        int[] df = new int[nt];
        int documents = 0;
        double[] tf = new double[nt];
        for (int u = 0; u < s.users().count(); u++) {
            if (s.learning().degree(u) == 0) {
                continue;
            }
            documents++;
            int[] touched = touchedTopics(s, u, tf);
            for (int t : touched) {
                df[t]++;
                tf[t] = 0;
            }
        }
        double[] idf = new double[nt];
        for (int t = 0; t < nt; t++) {
            idf[t] = Math.log((1.0 + documents) / (1.0 + df[t])) + 1;
        }
        return idf;
    }

    /** The user's unit TF-IDF vector, dense (tf is scratch, returned zeroed). */
    static double[] vector(GraphSnapshot s, int u, double[] idf, double[] tf) {
        double[] v = new double[idf.length];
        int[] touched = touchedTopics(s, u, tf);
        double total = 0;
        for (int t : touched) {
            total += tf[t];
        }
        double norm = 0;
        for (int t : touched) {
            v[t] = total > 0 ? tf[t] / total * idf[t] : 0;
            norm += v[t] * v[t];
            tf[t] = 0;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int t : touched) {
                v[t] /= norm;
            }
        }
        return v;
    }

    /** (topics, weights) of the unit vector: only the non-zero entries. */
    private static double[][] sparse(GraphSnapshot s, int u, double[] idf, double[] tf) {
        double[] v = vector(s, u, idf, tf);
        int[] touched = java.util.stream.IntStream.range(0, v.length).filter(t -> v[t] != 0).toArray();
        double[][] out = new double[2][touched.length];
        for (int i = 0; i < touched.length; i++) {
            out[0][i] = touched[i];
            out[1][i] = v[touched[i]];
        }
        return out;
    }

    /** argmin_c |x − c|² = |x|² − 2 x·c + |c|², with x sparse (|x|² is the same for every c). */
    private static int nearest(double[][] x, double[][] centroids, double[] norm2) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double dot = 0;
            for (int i = 0; i < x[0].length; i++) {
                dot += x[1][i] * centroids[c][(int) x[0][i]];
            }
            double d = norm2[c] - 2 * dot;
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Accumulates the user's learning weight per topic into tf; returns the topics touched. */
    private static int[] touchedTopics(GraphSnapshot s, int u, double[] tf) {
        CsrGraph learning = s.learning();
        CsrGraph coverage = s.coverage();
        int[] touched = new int[8];
        int k = 0;
        for (int a = learning.start(u); a < learning.end(u); a++) {
            int course = learning.target(a);
            double w = learning.weight(a);
            for (int b = coverage.start(course); b < coverage.end(course); b++) {
                int t = coverage.target(b);
                double x = w * coverage.weight(b);
                if (x <= 0) {
                    continue;
                }
                if (tf[t] == 0) {
                    if (k == touched.length) {
                        touched = Arrays.copyOf(touched, k * 2);
                    }
                    touched[k++] = t;
                }
                tf[t] += x;
            }
        }
        return Arrays.copyOf(touched, k);
    }
}
