package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Offline top-K evaluation against held-out later enrolments, with two baselines computed on the
 * same projection: most-popular (courses taken by most users, excluding the user's own) and
 * item-KNN (Sarwar et al. 2001; Deshpande and Karypis 2004): score(j) = Σ_{i taken} cos(i, j),
 * cos over the binary user × course "took" matrix.
 *
 * <p>Per user, with T the held-out courses and R the top K: Recall@K = |R ∩ T| / |T|,
 * Precision@K = |R ∩ T| / K, NDCG@K = DCG / IDCG with binary gains and log2(rank + 1)
 * discounts (Järvelin and Kekäläinen 2002); means over users. Coverage: distinct courses
 * recommended to anyone over the catalogue size.
 */
public final class OfflineEvaluation {

    /** A ranked list of course ids for a user. */
    public interface Ranker extends IntFunction<int[]> {
    }

    public record Metrics(String system, int users, double recall, double precision, double ndcg, double coverage) {
    }

    private OfflineEvaluation() {
    }

    /** Scores every system on the users in {@code truth} (user → held-out courses). */
    public static List<Metrics> evaluate(Map<String, Ranker> systems, Map<Integer, int[]> truth, int k, int catalogue) {
        List<Metrics> out = new ArrayList<>();
        for (Map.Entry<String, Ranker> e : systems.entrySet()) {
            out.add(evaluate(e.getKey(), e.getValue(), truth, k, catalogue));
        }
        return out;
    }

    static Metrics evaluate(String name, Ranker system, Map<Integer, int[]> truth, int k, int catalogue) {
        double[] sums = new double[3];
        boolean[] seen = new boolean[catalogue];
        List<Integer> users = new ArrayList<>(truth.keySet());
        double[][] perUser = users.parallelStream().map(u -> {
            int[] ranked = system.apply(u);
            int[] top = Arrays.copyOf(ranked, Math.min(k, ranked.length));
            synchronized (seen) {
                for (int c : top) {
                    seen[c] = true;
                }
            }
            return score(top, truth.get(u), k);
        }).toArray(double[][]::new);
        for (double[] s : perUser) {
            for (int i = 0; i < 3; i++) {
                sums[i] += s[i];
            }
        }
        int n = users.size();
        int covered = 0;
        for (boolean b : seen) {
            covered += b ? 1 : 0;
        }
        return new Metrics(name, n, n == 0 ? 0 : sums[0] / n, n == 0 ? 0 : sums[1] / n, n == 0 ? 0 : sums[2] / n,
                catalogue == 0 ? 0 : (double) covered / catalogue);
    }

    /** {recall, precision, ndcg} of one ranked list. */
    static double[] score(int[] top, int[] relevant, int k) {
        int hits = 0;
        double dcg = 0;
        for (int r = 0; r < top.length; r++) {
            if (contains(relevant, top[r])) {
                hits++;
                dcg += 1 / log2(r + 2);
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, relevant.length); r++) {
            idcg += 1 / log2(r + 2);
        }
        return new double[]{relevant.length == 0 ? 0 : (double) hits / relevant.length, (double) hits / k,
                idcg == 0 ? 0 : dcg / idcg};
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    /** Most-popular: the K most-taken courses the user has not taken. */
    public static Ranker mostPopular(RecommenderIndex index, int k) {
        int nc = index.snapshot().courses().count();
        int[] byCount = new int[nc];
        for (int c = 0; c < nc; c++) {
            byCount[c] = index.learnerCount(c);
        }
        int[] ranked = RecommenderIndex.topIndexes(byCount, nc);
        return u -> Arrays.stream(ranked).filter(c -> !index.took(u, c)).limit(k).toArray();
    }

    /**
     * Item-KNN over co-enrolment: for each course i the user took, every co-learner's other
     * courses j gain 1 / √(n_i · n_j). O(Σ_i Σ_{v ∈ learners(i)} deg(v)) per user.
     */
    public static Ranker itemKnn(RecommenderIndex index, int k) {
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        CsrGraph learners = s.learners();
        int nc = s.courses().count();
        return u -> {
            double[] score = new double[nc];
            int[] co = new int[nc];
            for (int a = learning.start(u); a < learning.end(u); a++) {
                if (!index.isTaken(learning.labels(a))) {
                    continue;
                }
                int i = learning.target(a);
                Arrays.fill(co, 0);
                for (int b = learners.start(i); b < learners.end(i); b++) {
                    int v = learners.target(b);
                    if (v == u || !index.isTaken(learners.labels(b))) {
                        continue;
                    }
                    for (int e = learning.start(v); e < learning.end(v); e++) {
                        if (index.isTaken(learning.labels(e))) {
                            co[learning.target(e)]++;
                        }
                    }
                }
                for (int j = 0; j < nc; j++) {
                    if (co[j] > 0) {
                        score[j] += co[j] / Math.sqrt((double) index.learnerCount(i) * index.learnerCount(j));
                    }
                }
            }
            return Recommender.topCandidates(score, j -> !index.took(u, j), k);
        };
    }

    /**
     * The kind of simple heuristic an analyst writes outside the product: the next topic in the
     * branch the user works in, plus what their contacts took in the last 30 days —
     * score(c) = branch(c) + contacts-30d(c) ({@link CandidateFeatures}), ties by popularity.
     * O(courses · topics per course) per user.
     */
    public static Ranker prerequisitesAndContacts(RecommenderIndex index, int k) {
        int nc = index.snapshot().courses().count();
        int branch = CandidateFeatures.NAMES.indexOf("branch");
        int contacts = CandidateFeatures.NAMES.indexOf("contacts-30d");
        int popularity = CandidateFeatures.NAMES.indexOf("popularity");
        return u -> {
            double[] score = new double[nc];
            double[] x = new double[CandidateFeatures.COUNT];
            try (CandidateFeatures f = CandidateFeatures.of(index, u)) {
                for (int c = 0; c < nc; c++) {
                    if (!index.took(u, c)) {
                        f.fill(c, 0, 0, 0, 0, x, 0);
                        score[c] = x[branch] + x[contacts] + 1e-3 * x[popularity];
                    }
                }
            }
            return Recommender.topCandidates(score, c -> !index.took(u, c), k);
        };
    }

    /** Our recommender with the given parameters as a system. */
    public static Ranker recommender(Recommender r, RecommendationParameters p) {
        return u -> r.recommend(u, p).items().stream().mapToInt(Recommendation::course).toArray();
    }

    /**
     * The recommender's list re-ranked by a per-course prior in [0, 1] (e.g. course quality):
     * the top {@code 5k} candidates rescored as {@code score · (1 − weight + weight · prior)}.
     */
    public static Ranker reranked(Recommender r, RecommendationParameters p, double[] prior, double weight) {
        RecommendationParameters wide = p.withLimit(Math.min(RecommendationParameters.MAX_LIMIT, p.limit() * 5));
        return u -> r.recommend(u, wide).items().stream()
                .sorted(java.util.Comparator.comparingDouble((Recommendation x) ->
                        -x.score() * (1 - weight + weight * prior[x.course()])))
                .limit(p.limit()).mapToInt(Recommendation::course).toArray();
    }

    /** An ordered map, for callers that build the systems. */
    public static Map<String, Ranker> systems() {
        return new LinkedHashMap<>();
    }
}
