package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.HistorySnapshot;
import io.learnergraph.analysis.graph.ProjectionWeights;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;
import io.learnergraph.analysis.recommend.RecommendationParameters.Strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Learns the blend weights from what a platform's users actually took next. On a snapshot of the
 * history before a cutoff, each sampled user's candidates are the union of every source's own
 * top list, with each source's score scaled as the blend scales it (best candidate 1); the
 * blend's score of a candidate is then Σ wᵢ·sᵢ for any weights, so one candidate generation
 * serves every weighting tried. The weights are chosen on one half of the users by Recall@K of
 * the courses they took after the cutoff (ties by NDCG@K), over a grid of the simplex of the
 * knowledge, collaborative and social weights (step {@code 1/steps}) times a few popular weights,
 * starting from the fixed blend (a grid point must beat it strictly on the fit half), and judged
 * on the other half against the fixed blend and each source alone. The fitted blend is used only
 * if it does at least as well as the fixed one on the held-out half. On the same candidates a
 * {@link LearnedRanker} is fitted over their {@link CandidateFeatures} (the sources' scores and
 * what they assume: readiness, branch, contacts' recency, popularity, tier gap); it serves only
 * if it beats, strictly, both the fixed blend and the fitted weights on the held-out half.
 *
 * <p>Cost: candidate generation is the recommender's (four single-source requests per user);
 * the search is O(grid · users · candidates) multiply-adds plus a top-K per user and weighting.
 */
public final class BlendFit {

    /** Popular weights tried with every knowledge/collaborative/social split. */
    static final double[] POPULAR = {0, 0.05, 0.2};

    /**
     * @param k                   the list length judged (Recall@K, NDCG@K)
     * @param steps               grid resolution of the simplex: weights are multiples of 1/steps
     * @param candidatesPerSource each source's own top list kept per user
     * @param includeGated        whether served lists include courses above the user's tier: when
     *                            not, such candidates are left out of every list scored, but kept
     *                            as rows the learned ranking learns from (its tier-gap feature)
     */
    public record Parameters(int k, int steps, int candidatesPerSource, boolean includeGated) {
        public static final int DEFAULT_K = 10;
        public static final int DEFAULT_STEPS = 10;
        public static final int DEFAULT_CANDIDATES = 100;

        public Parameters {
            if (k < 1 || steps < 1 || steps > 100 || candidatesPerSource < k
                    || candidatesPerSource > RecommendationParameters.MAX_LIMIT) {
                throw new IllegalArgumentException("need 1 <= k <= candidatesPerSource <= "
                        + RecommendationParameters.MAX_LIMIT + " and 1 <= steps <= 100");
            }
        }

        public Parameters(int k, int steps, int candidatesPerSource) {
            this(k, steps, candidatesPerSource, false);
        }

        public static Parameters defaults() {
            return new Parameters(DEFAULT_K, DEFAULT_STEPS, DEFAULT_CANDIDATES);
        }
    }

    /**
     * One user's candidates with their {@link CandidateFeatures} (row-major, the four sources'
     * scaled scores first), and the courses they took after the cutoff.
     */
    public record Example(int user, int[] truth, int[] candidates, double[] features) {
        public Example {
            if (features.length != candidates.length * CandidateFeatures.COUNT) {
                throw new IllegalArgumentException("one feature row per candidate");
            }
        }

        double feature(int candidate, int j) {
            return features[candidate * CandidateFeatures.COUNT + j];
        }
    }

    /** Mean Recall@K and NDCG@K of one weighting over a set of users. */
    public record Score(double recall, double ndcg) {
    }

    /**
     * @param weights    the fitted weights (sum 1)
     * @param fitted     their score on the validation users
     * @param fixed      the fixed blend's score on the validation users
     * @param bySource   each source alone, on the validation users
     * @param chosen     whether the fitted weights are to be used (they do at least as well as the fixed blend)
     * @param ranker     the learned ranking over candidate features (null when the fit half had no positive)
     * @param ranked     its score on the validation users
     * @param rankerChosen whether the ranking is to be used: it beats both the fixed blend and the
     *                   fitted weights on the validation users
     */
    public record Result(SourceWeights weights, Score fitted, Score fixed, Map<String, Score> bySource,
                         int fitUsers, int validationUsers, boolean chosen, LearnedRanker ranker, Score ranked,
                         boolean rankerChosen) {
    }

    /**
     * A fit on the platform's own history.
     *
     * @param cutoff     epoch minute: candidates from the history up to it, truth after it
     * @param end        the latest event: the truth window is (cutoff, end]
     * @param truthUsers users who took at least one course they had not taken before, in the window
     * @param result     null when no user took anything in the window
     */
    public record Fitted(int cutoff, int end, int truthUsers, Result result) {
    }

    private BlendFit() {
    }

    /**
     * Rebuilds the platform as it was {@code holdoutDays} before its latest event, builds the
     * recommender on that history ({@code indexOf}), takes as truth what each user took after it
     * for the first time, samples up to {@code maxUsers} of those users (seeded), and fits on
     * every other one, validating on the rest. Deterministic for a snapshot, weights and seed.
     */
    public static Fitted onHistory(GraphSnapshot live, int holdoutDays, ProjectionWeights weights,
                                   Function<GraphSnapshot, RecommenderIndex> indexOf, RecommendationParameters base,
                                   Parameters p, int maxUsers, long seed) {
        int end = live.activity().lastMinute();
        if (end == ActivityLog.NO_MINUTE) {
            return new Fitted(end, end, 0, null);
        }
        int cutoff = end - holdoutDays * Time.DAY;
        RecommenderIndex history = indexOf.apply(HistorySnapshot.before(live, cutoff, weights, live.version()));
        Map<Integer, int[]> truth = truthAfter(live, history, cutoff, end);
        if (truth.isEmpty()) {
            return new Fitted(cutoff, end, 0, null);
        }
        List<Integer> users = new ArrayList<>(new TreeMap<>(truth).keySet());
        Collections.shuffle(users, new java.util.Random(seed));
        List<Integer> sample = users.subList(0, Math.min(maxUsers, users.size()));
        Recommender r = new Recommender(history);
        Parameters q = new Parameters(p.k(), p.steps(), p.candidatesPerSource(), base.includeGated());
        List<Example> examples = sample.parallelStream().map(u -> example(r, u, truth.get(u), base, q)).toList();
        List<Example> fit = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            (i % 2 == 0 ? fit : validation).add(examples.get(i));
        }
        return new Fitted(cutoff, end, truth.size(), fit(fit, validation, base.weights(), q));
    }

    /**
     * What each user took in (cutoff, end] that they had not taken by the cutoff (enrolled,
     * progressed, completed, purchased or rated), by the live snapshot's log; the history's ids
     * are the live ones.
     */
    public static Map<Integer, int[]> truthAfter(GraphSnapshot live, RecommenderIndex history, int cutoff, int end) {
        ActivityLog log = live.activity();
        Map<Integer, int[]> out = new HashMap<>();
        for (int u = 0; u < log.userCount(); u++) {
            Set<Integer> took = new TreeSet<>();
            for (int e = log.firstAfter(u, cutoff); e < log.end(u) && log.minute(e) <= end; e++) {
                if (log.isLearning(e) && RecommenderIndex.TAKEN_TYPES.contains(log.typeName(log.type(e)))
                        && !history.took(u, log.other(e))) {
                    took.add(log.other(e));
                }
            }
            if (!took.isEmpty()) {
                out.put(u, took.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return out;
    }

    /**
     * One user's example: every source's own top list on the history index ({@code r}), with
     * gating and exclusions as the blend applies them, and diversity off (MMR re-orders after
     * the blend and is applied when serving).
     */
    public static Example example(Recommender r, int user, int[] truth, RecommendationParameters base, Parameters p) {
        // gated courses too: what users above their tier did not take is what teaches the tier gap
        RecommendationParameters blend = base.withStrategy(Strategy.BLEND).withDiversity(0).withExplain(false)
                .withIncludeGated(true);
        Recommender.Candidates c = r.candidates(user, blend, p.candidatesPerSource());
        return new Example(user, truth, c.courses(), c.features());
    }

    /** Chooses weights on {@code fit}, judges them on {@code validation}. */
    public static Result fit(List<Example> fit, List<Example> validation, SourceWeights fixed, Parameters p) {
        // the configured weights first: a grid point must do strictly better to replace them
        SourceWeights best = fixed;
        Score bestScore = score(fit, fixed, p);
        for (SourceWeights w : grid(p.steps())) {
            Score s = score(fit, w, p);
            if (s.recall() > bestScore.recall() + 1e-12
                    || (Math.abs(s.recall() - bestScore.recall()) <= 1e-12 && s.ndcg() > bestScore.ndcg() + 1e-12)) {
                best = w;
                bestScore = s;
            }
        }
        Score fitted = score(validation, best, p);
        Score fixedScore = score(validation, fixed, p);
        Map<String, Score> bySource = new LinkedHashMap<>();
        bySource.put("knowledge", score(validation, new SourceWeights(1, 0, 0, 0), p));
        bySource.put("collaborative", score(validation, new SourceWeights(0, 1, 0, 0), p));
        bySource.put("social", score(validation, new SourceWeights(0, 0, 1, 0), p));
        bySource.put("popular", score(validation, new SourceWeights(0, 0, 0, 1), p));
        // used when it does at least as well on users it was not fitted on, and is not the configured blend
        boolean chosen = !validation.isEmpty() && !best.equals(fixed) && fitted.recall() >= fixedScore.recall();
        // the learned ranking must beat what would serve otherwise, strictly, on users it was not fitted on
        LearnedRanker ranker = LearnedRanker.fit(fit, p.candidatesPerSource());
        Score ranked = ranker == null ? new Score(0, 0) : score(validation, ranker, p);
        double toBeat = chosen ? fitted.recall() : fixedScore.recall(); // chosen: fitted >= fixed
        boolean rankerChosen = ranker != null && !validation.isEmpty() && ranked.recall() > toBeat + 1e-12;
        return new Result(best, fitted, fixedScore, bySource, fit.size(), validation.size(), chosen, ranker, ranked,
                rankerChosen);
    }

    /** Every (knowledge, collaborative, social) on the simplex at step 1/steps, with each popular weight. */
    static List<SourceWeights> grid(int steps) {
        List<SourceWeights> out = new ArrayList<>();
        for (double popular : POPULAR) {
            for (int a = 0; a <= steps; a++) {
                for (int b = 0; a + b <= steps; b++) {
                    int c = steps - a - b;
                    double scale = 1 - popular;
                    out.add(new SourceWeights(scale * a / steps, scale * b / steps, scale * c / steps, popular));
                }
            }
        }
        return out;
    }

    /** Mean Recall@K and NDCG@K over the examples when their candidates are ranked by {@code w}. */
    public static Score score(List<Example> examples, SourceWeights w, Parameters p) {
        double[] weights = {w.knowledge(), w.collaborative(), w.social(), w.popular()};
        return score(examples, (e, i) -> weights[0] * e.feature(i, 0) + weights[1] * e.feature(i, 1)
                + weights[2] * e.feature(i, 2) + weights[3] * e.feature(i, 3), p);
    }

    /** Mean Recall@K and NDCG@K when the candidates are ranked by a learned ranking. */
    public static Score score(List<Example> examples, LearnedRanker ranker, Parameters p) {
        return score(examples, (e, i) -> ranker.score(e.features(), i * CandidateFeatures.COUNT), p);
    }

    private static final int TIER_GAP = CandidateFeatures.NAMES.indexOf("tier-gap");

    private interface CandidateScore {
        double of(Example e, int candidate);
    }

    private static Score score(List<Example> examples, CandidateScore scoring, Parameters p) {
        int k = p.k();
        if (examples.isEmpty()) {
            return new Score(0, 0);
        }
        double recall = 0;
        double ndcg = 0;
        for (Example e : examples) {
            double[] total = new double[e.candidates().length];
            for (int i = 0; i < total.length; i++) {
                // a course the list would not show scores 0, which top() leaves out
                total[i] = p.includeGated() || e.feature(i, TIER_GAP) == 0 ? scoring.of(e, i) : 0;
            }
            double[] r = OfflineEvaluation.score(top(e.candidates(), total, k), e.truth(), k);
            recall += r[0];
            ndcg += r[2];
        }
        return new Score(recall / examples.size(), ndcg / examples.size());
    }

    /**
     * The k candidates of highest positive score, ties by course index (as the recommender breaks
     * them): one pass keeping a sorted top-k by insertion, O(candidates · k).
     */
    static int[] top(int[] candidates, double[] total, int k) {
        int[] best = new int[Math.min(k, candidates.length)];
        int n = 0;
        for (int i = 0; i < candidates.length; i++) {
            if (!(total[i] > 0)) {
                continue;
            }
            int pos = n;
            while (pos > 0 && better(i, best[pos - 1], candidates, total)) {
                pos--;
            }
            if (pos >= best.length) {
                continue;
            }
            int end = Math.min(n, best.length - 1);
            System.arraycopy(best, pos, best, pos + 1, end - pos);
            best[pos] = i;
            n = Math.min(n + 1, best.length);
        }
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = candidates[best[j]];
        }
        return out;
    }

    private static boolean better(int a, int b, int[] candidates, double[] total) {
        return total[a] > total[b] || (total[a] == total[b] && candidates[a] < candidates[b]);
    }
}
