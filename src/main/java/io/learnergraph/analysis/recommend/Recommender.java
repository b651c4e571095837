package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Course candidates for one user from four sources over the in-memory projection, blended,
 * gated by membership tier and diversified:
 * <ul>
 *   <li>{@link KnowledgeSource}: course → topic → prerequisite → course paths;</li>
 *   <li>{@link CollaborativeSource}: P3α / RP3β over the user–course graph (Cooper et al. 2014;
 *   Paudel et al. 2017), exact or by random walks (Eksombatchai et al. 2018);</li>
 *   <li>{@link SocialSource}: what the people the user interacts with, their community's
 *   influencers and the community took recently;</li>
 *   <li>popular courses of the user's tier, which fill lists for users with little history.</li>
 * </ul>
 * Each source's scores are scaled so its best candidate has 1, then summed with the blend
 * weights. Courses the user took are excluded; courses above the user's tier are dropped or
 * flagged. The list is re-ranked by maximal marginal relevance (Carbonell and Goldstein 1998)
 * with topic cosine as similarity, so one topic does not fill it. Cost: the sources' own
 * (neighbourhood-sized) work plus O(pool · limit · topics per course) for MMR.
 */
public final class Recommender {

    private final RecommenderIndex index;

    public Recommender(RecommenderIndex index) {
        this.index = index;
    }

    public RecommenderIndex index() {
        return index;
    }

    /** Scores of one source over all courses, with an explanation for any course it scored. */
    interface SourceResult {
        /** Dense over courses; only {@link #candidates()} may be non-zero. */
        double[] scores();

        /** The courses this source scored. */
        Touched candidates();

        Reason explain(int course);
    }

    public Recommendations recommend(int user, RecommendationParameters p) {
        return recommend(user, p, UserDelta.NONE);
    }

    /**
     * Recommendations for {@code user} as of the index's snapshot plus what the user did since
     * ({@code delta}): courses taken since are left out, ties formed since lend social proof.
     */
    public Recommendations recommend(int user, RecommendationParameters p, UserDelta delta) {
        GraphSnapshot s = index.snapshot();
        LearnedRanker ranker = p.strategy() == RecommendationParameters.Strategy.BLEND ? p.ranker() : null;
        Sources run = sources(user, p, delta, ranker != null);
        SourceResult[] sources = run.results();
        double[] max = run.max();
        boolean anyTaken = run.anyTaken();
        SourceWeights w = run.weights();
        double[] weights = {w.knowledge(), w.collaborative(), w.social(), w.popular()};
        int userTier = index.userTierRank(user);

        // candidates: the union of what the sources scored, minus what the user took
        Blend blend = Blend.reused(s.courses().count());
        if (ranker != null) {
            // the learned ranking scores each source's strongest candidates, as it was trained on
            int[] union = union(user, p, delta, run, ranker.perSource());
            double[] x = new double[CandidateFeatures.COUNT];
            try (CandidateFeatures f = CandidateFeatures.of(index, user)) {
                for (int c : union) {
                    features(f, c, run, x, 0);
                    blend.add(c, ranker.score(x, 0));
                }
            }
        } else {
            for (int i = 0; i < 4; i++) {
                if (max[i] <= 0) {
                    continue;
                }
                double[] raw = sources[i].scores();
                Touched scored = sources[i].candidates();
                for (int k = 0; k < scored.size(); k++) {
                    int c = scored.get(k);
                    if (raw[c] > 0 && !index.took(user, c) && !delta.took(c)) {
                        blend.add(c, weights[i] * raw[c] / max[i]);
                    }
                }
            }
        }
        int poolSize = Math.max(p.limit() * 4, p.limit() + 20);
        int[] pool = topCandidates(blend.total, blend.courses, c -> p.includeGated()
                || index.courseTierRank(c) <= userTier, poolSize);
        double[] relevance = new double[pool.length];
        for (int i = 0; i < pool.length; i++) {
            relevance[i] = blend.total[pool[i]];
        }
        if (ranker != null && pool.length > 0) {
            // MMR trades relevance against topic similarity, both on a 0..1 scale; a probability
            // falls off exponentially in the model's log-odds, so MMR weighs the log-odds instead,
            // from the pool's weakest (0) to its best (1), as it weighs a weighted sum
            double low = logit(relevance[pool.length - 1]);
            for (int i = 0; i < pool.length; i++) {
                relevance[i] = logit(relevance[i]) - low + 1e-9;
            }
        }
        int[] order = p.diversity() > 0 ? mmr(pool, relevance, p.limit(), p.diversity()) : Arrays.copyOf(pool,
                Math.min(pool.length, p.limit()));

        List<Recommendation> items = new ArrayList<>(order.length);
        for (int c : order) {
            int tier = index.courseTierRank(c);
            String upgrade = tier > userTier ? index.tierNames[tier] : null;
            double[] part = new double[4];
            List<Reason> reasons = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                if (max[i] > 0 && sources[i].scores()[c] > 0) {
                    part[i] = sources[i].scores()[c] / max[i];
                    if (p.explain()) {
                        reasons.add(sources[i].explain(c));
                    }
                }
            }
            items.add(new Recommendation(c, blend.total[c], part[0], part[1], part[2], part[3], upgrade, reasons));
        }
        blend.clear();
        detachSources();
        CollaborativeSource collaborative = (CollaborativeSource) sources[1];
        return new Recommendations(user, items, !anyTaken, collaborative == null ? "none" : collaborative.method());
    }

    private static void detachSources() {
        // the per-thread instances must not keep a replaced snapshot alive
        KnowledgeSource.detachReused();
        CollaborativeSource.detachReused();
        SocialSource.detachReused();
        PopularSource.detachReused();
    }

    /** The sources a request runs, and each one's best score among courses the user has not taken. */
    private record Sources(SourceResult[] results, double[] max, boolean anyTaken, SourceWeights weights) {
    }

    private Sources sources(int user, RecommendationParameters p, UserDelta delta, boolean all) {
        GraphSnapshot s = index.snapshot();
        if (user < 0 || user >= s.users().count()) {
            throw new IllegalArgumentException("no user " + user);
        }
        CsrGraph learning = s.learning();
        boolean anyTaken = false;
        for (int a = learning.start(user); a < learning.end(user) && !anyTaken; a++) {
            anyTaken = index.isTaken(learning.labels(a));
        }
        anyTaken |= delta.taken().length > 0;
        SourceWeights w = switch (p.strategy()) {
            case BLEND -> p.weights();
            case KNOWLEDGE -> new SourceWeights(1, 0, 0, 0);
            case COLLABORATIVE -> new SourceWeights(0, 1, 0, 0);
            case SOCIAL -> new SourceWeights(0, 0, 1, 0);
            case POPULAR -> new SourceWeights(0, 0, 0, 1);
        };
        // per-thread sources, cleaned of their previous request in time proportional to it
        SourceResult knowledge = (all || w.knowledge() > 0) && anyTaken ? KnowledgeSource.reused(index).run(user) : null;
        CollaborativeSource collaborative = (all || w.collaborative() > 0) && anyTaken
                ? CollaborativeSource.reused(index).run(user, p) : null;
        SourceResult social = all || w.social() > 0 ? SocialSource.reused(index).run(user, p, delta) : null;
        SourceResult popular = all || w.popular() > 0 ? PopularSource.reused(index).run(user, p.includeGated()) : null;
        SourceResult[] sources = {knowledge, collaborative, social, popular};
        double[] max = new double[4];
        for (int i = 0; i < 4; i++) {
            if (sources[i] == null) {
                continue;
            }
            double[] raw = sources[i].scores();
            Touched scored = sources[i].candidates();
            for (int k = 0; k < scored.size(); k++) {
                int c = scored.get(k);
                if (raw[c] > max[i] && !index.took(user, c) && !delta.took(c)) {
                    max[i] = raw[c];
                }
            }
        }
        return new Sources(sources, max, anyTaken, w);
    }

    /**
     * The union of each source's {@code perSource} best courses the user has not taken and may
     * see (the tier filter applied first, as a single-source request applies it), in the order
     * the sources list them.
     */
    private int[] union(int user, RecommendationParameters p, UserDelta delta, Sources run, int perSource) {
        int userTier = index.userTierRank(user);
        java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < 4; i++) {
            SourceResult r = run.results()[i];
            if (r == null || run.max()[i] <= 0) {
                continue;
            }
            for (int c : topCandidates(r.scores(), r.candidates(), c -> !index.took(user, c) && !delta.took(c)
                    && (p.includeGated() || index.courseTierRank(c) <= userTier), perSource)) {
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void features(CandidateFeatures f, int c, Sources run, double[] x, int offset) {
        f.fill(c, part(run, 0, c), part(run, 1, c), part(run, 2, c), part(run, 3, c), x, offset);
    }

    private static double part(Sources run, int i, int c) {
        SourceResult r = run.results()[i];
        return r != null && run.max()[i] > 0 ? r.scores()[c] / run.max()[i] : 0;
    }

    /**
     * A user's candidates for learning a ranking: each source's {@code perSource} best (as a
     * learned ranking serves them) with their {@link CandidateFeatures}, row-major.
     */
    public record Candidates(int[] courses, double[] features) {
    }

    public Candidates candidates(int user, RecommendationParameters p, int perSource) {
        try {
            Sources run = sources(user, p, UserDelta.NONE, true);
            int[] union = union(user, p, UserDelta.NONE, run, perSource);
            double[] x = new double[union.length * CandidateFeatures.COUNT];
            try (CandidateFeatures f = CandidateFeatures.of(index, user)) {
                for (int i = 0; i < union.length; i++) {
                    features(f, union[i], run, x, i * CandidateFeatures.COUNT);
                }
            }
            return new Candidates(union, x);
        } finally {
            detachSources();
        }
    }

    /** Blended scores over the candidates of one request, reused per thread. */
    private static final class Blend {
        private static final ThreadLocal<Blend> REUSED = new ThreadLocal<>();
        final double[] total;
        final Touched courses;

        private Blend(int n) {
            total = new double[n];
            courses = new Touched(n);
        }

        static Blend reused(int n) {
            Blend b = REUSED.get();
            if (b == null || b.total.length != n) {
                b = new Blend(n);
                REUSED.set(b);
            }
            return b;
        }

        void add(int c, double x) {
            total[c] += x;
            courses.add(c);
        }

        void clear() {
            for (int k = 0; k < courses.size(); k++) {
                total[courses.get(k)] = 0;
            }
            courses.clear();
        }
    }

    /** Up to {@code k} courses with positive score that pass the filter, best first (ties by index). */
    static int[] topCandidates(double[] score, java.util.function.IntPredicate keep, int k) {
        int n = 0;
        int[] candidates = new int[score.length];
        for (int c = 0; c < score.length; c++) {
            if (score[c] > 0 && keep.test(c)) {
                candidates[n++] = c;
            }
        }
        return top(score, candidates, n, k);
    }

    /** The same over the given candidates only: O(candidates · log candidates). */
    static int[] topCandidates(double[] score, Touched among, java.util.function.IntPredicate keep, int k) {
        int n = 0;
        int[] candidates = new int[among.size()];
        for (int i = 0; i < among.size(); i++) {
            int c = among.get(i);
            if (score[c] > 0 && keep.test(c)) {
                candidates[n++] = c;
            }
        }
        return top(score, candidates, n, k);
    }

    private static int[] top(double[] score, int[] candidates, int n, int k) {
        // sort (score, index) packed in longs: float bits of scores >= 0 order like the values,
        // subtracted from the largest int so that ascending keys mean descending scores
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits((float) score[candidates[i]]);
            keys[i] = ((long) (Integer.MAX_VALUE - bits) << 32) | candidates[i];
        }
        Arrays.sort(keys);
        int m = Math.min(k, n);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = (int) (keys[i] & 0xffffffffL);
        }
        return out;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /**
     * Maximal marginal relevance: repeatedly picks the candidate maximising
     * (1 − λ)·relevance − λ·(max topic cosine to the picked ones), relevance scaled to the best.
     */
    int[] mmr(int[] pool, double[] relevance, int limit, double lambda) {
        int m = Math.min(limit, pool.length);
        if (pool.length == 0) {
            return pool;
        }
        double best = relevance[0];
        double[] maxSim = new double[pool.length];
        boolean[] used = new boolean[pool.length];
        int[] out = new int[m];
        for (int k = 0; k < m; k++) {
            int pick = -1;
            double pickValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < pool.length; i++) {
                if (used[i]) {
                    continue;
                }
                double v = (1 - lambda) * relevance[i] / best - lambda * maxSim[i];
                if (v > pickValue) {
                    pickValue = v;
                    pick = i;
                }
            }
            if (pick < 0) { // no comparable candidate left (cannot happen with finite relevance)
                return Arrays.copyOf(out, k);
            }
            used[pick] = true;
            out[k] = pool[pick];
            for (int i = 0; i < pool.length; i++) {
                if (!used[i]) {
                    maxSim[i] = Math.max(maxSim[i], index.topicCosine(pool[i], pool[pick]));
                }
            }
        }
        return out;
    }
}
