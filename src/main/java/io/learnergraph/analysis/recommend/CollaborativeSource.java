package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.SplittableRandom;

/**
 * Collaborative candidates by three-step random walks user → course → co-learner → course on the
 * weighted user–course graph.
 *
 * <p>P3α (Cooper, Lee, Radke, Mestre 2014, "Random walks in recommender systems: exact
 * computation and simulations"): with transition probabilities p(x→y) = (w_xy / Σ_z w_xz)^α, the
 * score of course j is Σ_{i,v} p(u→i) · p(i→v) · p(v→j), v ≠ u. RP3β (Paudel, Christoffel,
 * Newell, Bernstein 2017, "Updatable, accurate, diverse, and scalable recommendations for
 * interactive applications") divides it by popularity(j)^β, popularity being the number of
 * users who took j, so that long-tail courses are not drowned out.
 *
 * <p>Exact when the work Σ_{i ∈ N(u)} Σ_{v ∈ N(i)} deg(v) (precomputed per course) is within
 * the budget: O(that work). Above it, from the index's per-course neighbour lists (the
 * item-item form of P3, sparsified): O(deg(u) · k). Without those lists, estimated Pixie-style
 * (Eksombatchai et al. 2018): walks of three steps that restart at the user, each step picking
 * a neighbour uniformly and weighting the visit by deg · p (importance sampling), an unbiased
 * estimate in O(walks) whatever the degrees. The explanation is the strongest single path
 * (i, v) seen for the course.
 */
final class CollaborativeSource extends ReusableSource {

    private static final ThreadLocal<CollaborativeSource> REUSED = new ThreadLocal<>();

    private int user;
    private final int[] viaCourse;
    private final int[] viaUser;
    private final double[] best;
    private final int[] coLearners;
    private String method = "exact";

    private CollaborativeSource(RecommenderIndex index) {
        super(index);
        int nc = scores.length;
        viaCourse = new int[nc];
        viaUser = new int[nc];
        best = new double[nc];
        coLearners = new int[nc];
    }

    static CollaborativeSource compute(RecommenderIndex index, int user, RecommendationParameters p) {
        return new CollaborativeSource(index).run(user, p);
    }

    /** This thread's instance for the index, cleaned of its previous request: no per-request allocation. */
    static CollaborativeSource reused(RecommenderIndex index) {
        return reuse(REUSED, index, CollaborativeSource::new);
    }

    static void detachReused() {
        detach(REUSED);
    }

    CollaborativeSource run(int forUser, RecommendationParameters p) {
        clearTouched();
        this.user = forUser;
        this.method = "exact";
        CollaborativeSource c = this;
        int user = forUser;
        CsrGraph learning = index.snapshot().learning();
        long work = 0;
        for (int a = learning.start(user); a < learning.end(user); a++) {
            work += index.twoHopWork[learning.target(a)];
        }
        if (work <= p.exactWorkBudget()) {
            c.exact();
        } else if (index.hasItemNeighbours()) {
            c.method = "item-neighbours";
            c.viaNeighbours();
        } else {
            c.method = "walks";
            c.walks(p.walks(), p.seed() ^ user * 0x9E3779B97F4A7C15L);
        }
        c.dampPopularity(p.beta());
        return c;
    }

    @Override
    protected void clearCourse(int j) {
        viaCourse[j] = 0;
        viaUser[j] = 0;
        best[j] = 0;
        coLearners[j] = 0;
    }

    /** How the scores were computed: "exact" or "walks". */
    String method() {
        return method;
    }

    /** Direct sum over all three-step paths. */
    void exact() {
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        CsrGraph learners = s.learners();
        float[] forward = index.forwardProbability;
        float[] backward = index.backwardProbability;
        for (int a = learning.start(user); a < learning.end(user); a++) {
            int i = learning.target(a);
            double p1 = forward[a];
            for (int b = learners.start(i); b < learners.end(i); b++) {
                int v = learners.target(b);
                if (v == user) {
                    continue;
                }
                double p12 = p1 * backward[b];
                for (int e = learning.start(v); e < learning.end(v); e++) {
                    int j = learning.target(e);
                    double x = p12 * forward[e];
                    scores[j] += x;
                    courses.add(j);
                    coLearners[j]++;
                    if (x > best[j]) {
                        best[j] = x;
                        viaCourse[j] = a;
                        viaUser[j] = e;
                    }
                }
            }
        }
    }

    /**
     * Σ_i p(u→i) · P(i → j) over the precomputed neighbours: equal to the exact sum except for the
     * user's own two-step return (which only reaches courses the user took, never candidates)
     * and for neighbours cut off by the sparsification.
     */
    void viaNeighbours() {
        CsrGraph learning = index.snapshot().learning();
        float[] forward = index.forwardProbability;
        for (int a = learning.start(user); a < learning.end(user); a++) {
            int i = learning.target(a);
            double p1 = forward[a];
            int[] nb = index.neighbours[i];
            float[] mass = index.neighbourMass[i];
            for (int x = 0; x < nb.length; x++) {
                int j = nb[x];
                double s = p1 * mass[x];
                scores[j] += s;
                courses.add(j);
                coLearners[j]++;
                if (s > best[j]) {
                    best[j] = s;
                    viaCourse[j] = a;
                    viaUser[j] = -1 - index.neighbourVia[i][x]; // a user, not an arc: see explain
                }
            }
        }
    }

    /** Monte-Carlo estimate of the same sum with uniform steps and importance weights. */
    void walks(int walks, long seed) {
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        CsrGraph learners = s.learners();
        float[] forward = index.forwardProbability;
        float[] backward = index.backwardProbability;
        SplittableRandom rnd = new SplittableRandom(seed);
        int du = learning.degree(user);
        if (du == 0) {
            return;
        }
        double perWalk = 1.0 / walks;
        for (int w = 0; w < walks; w++) {
            int a = learning.start(user) + rnd.nextInt(du);
            int i = learning.target(a);
            int di = learners.degree(i);
            int b = learners.start(i) + rnd.nextInt(di); // di >= 1: the user is a learner of i
            int v = learners.target(b);
            int dv = learning.degree(v);
            if (v == user || dv == 0) {
                continue; // contributes 0, as the exact sum skips v = u
            }
            int e = learning.start(v) + rnd.nextInt(dv);
            int j = learning.target(e);
            double path = (double) forward[a] * backward[b] * forward[e];
            scores[j] += perWalk * du * di * dv * path;
            courses.add(j);
            coLearners[j]++;
            if (path > best[j]) {
                best[j] = path;
                viaCourse[j] = a;
                viaUser[j] = e;
            }
        }
    }

    private void dampPopularity(double beta) {
        if (beta == 0) {
            return;
        }
        for (int i = 0; i < courses.size(); i++) {
            int j = courses.get(i);
            if (scores[j] > 0) {
                scores[j] /= Math.pow(Math.max(1, index.learnerCount(j)), beta);
            }
        }
    }

    @Override
    public Reason explain(int course) {
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        int a = viaCourse[course];
        int i = learning.target(a);
        int e;
        int v;
        if (viaUser[course] < 0) { // from the neighbour lists: the strongest co-learner of (i, course)
            v = -1 - viaUser[course];
            e = learning.findArc(v, course);
        } else {
            e = viaUser[course];
            v = learningSource(e);
        }
        String relU = index.learningRelationship(learning, a);
        int b = learning.findArc(v, i);
        String relV = index.learningRelationship(learning, b);
        String relJ = index.learningRelationship(learning, e);
        Paths path = Paths.from(s).user(user).out(relU).course(i).in(relV).user(v).out(relJ).course(course);
        String text = Paths.userName(s, v) + ", who also " + Paths.verb3(relV) + " " + Paths.title(s, i)
                + ", " + Paths.verb3(relJ) + " " + Paths.title(s, course)
                + (coLearners[course] > 1 && method.equals("exact") ? " (" + coLearners[course]
                + " co-learner paths lead here)" : "");
        return new Reason("collaborative", text, path.steps());
    }

    /** The user an arc of the learning graph starts from: binary search over the row offsets. */
    private int learningSource(int arc) {
        CsrGraph learning = index.snapshot().learning();
        int lo = 0;
        int hi = learning.nodeCount() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (learning.start(mid) <= arc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

}
