package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;
import io.learnergraph.analysis.recommend.RecommendationParameters.Strategy;

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
        double[] scores();

        Reason explain(int course);
    }

    public Recommendations recommend(int user, RecommendationParameters p) {
        GraphSnapshot s = index.snapshot();
        if (user < 0 || user >= s.users().count()) {
            throw new IllegalArgumentException("no user " + user);
        }
        int nc = s.courses().count();
        boolean[] taken = new boolean[nc];
        CsrGraph learning = s.learning();
        boolean anyTaken = false;
        for (int a = learning.start(user); a < learning.end(user); a++) {
            if (index.isTaken(learning.labels(a))) {
                taken[learning.target(a)] = true;
                anyTaken = true;
            }
        }
        SourceWeights w = switch (p.strategy()) {
            case BLEND -> p.weights();
            case KNOWLEDGE -> new SourceWeights(1, 0, 0, 0);
            case COLLABORATIVE -> new SourceWeights(0, 1, 0, 0);
            case SOCIAL -> new SourceWeights(0, 0, 1, 0);
            case POPULAR -> new SourceWeights(0, 0, 0, 1);
        };
        SourceResult knowledge = w.knowledge() > 0 && anyTaken ? KnowledgeSource.compute(index, user) : null;
        CollaborativeSource collaborative = w.collaborative() > 0 && anyTaken
                ? CollaborativeSource.compute(index, user, p) : null;
        SourceResult social = w.social() > 0 ? SocialSource.compute(index, user, p) : null;
        SourceResult popular = w.popular() > 0 ? PopularSource.compute(index, user, p.includeGated()) : null;
        SourceResult[] sources = {knowledge, collaborative, social, popular};
        double[] weights = {w.knowledge(), w.collaborative(), w.social(), w.popular()};

        double[][] scaled = new double[4][];
        double[] total = new double[nc];
        for (int i = 0; i < 4; i++) {
            if (sources[i] == null) {
                continue;
            }
            double[] raw = sources[i].scores();
            double max = 0;
            for (int c = 0; c < nc; c++) {
                if (!taken[c]) {
                    max = Math.max(max, raw[c]);
                }
            }
            if (max <= 0) {
                continue;
            }
            scaled[i] = new double[nc];
            for (int c = 0; c < nc; c++) {
                if (raw[c] > 0 && !taken[c]) {
                    scaled[i][c] = raw[c] / max;
                    total[c] += weights[i] * scaled[i][c];
                }
            }
        }
        int userTier = index.userTierRank(user);
        int poolSize = Math.min(nc, Math.max(p.limit() * 4, p.limit() + 20));
        int[] pool = topCandidates(total, c -> p.includeGated() || index.courseTierRank(c) <= userTier, poolSize);
        int[] order = p.diversity() > 0 ? mmr(pool, total, p.limit(), p.diversity()) : Arrays.copyOf(pool,
                Math.min(pool.length, p.limit()));

        List<Recommendation> items = new ArrayList<>(order.length);
        for (int c : order) {
            int tier = index.courseTierRank(c);
            String upgrade = tier > userTier ? index.tierNames[tier] : null;
            List<Reason> reasons = new ArrayList<>();
            if (p.explain()) {
                for (int i = 0; i < 4; i++) {
                    if (scaled[i] != null && scaled[i][c] > 0) {
                        reasons.add(sources[i].explain(c));
                    }
                }
            }
            items.add(new Recommendation(c, total[c], value(scaled[0], c), value(scaled[1], c), value(scaled[2], c),
                    value(scaled[3], c), upgrade, reasons));
        }
        return new Recommendations(user, items, !anyTaken, collaborative == null ? "none" : collaborative.method());
    }

    private static double value(double[] a, int c) {
        return a == null ? 0 : a[c];
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

    /**
     * Maximal marginal relevance: repeatedly picks the candidate maximising
     * (1 − λ)·relevance − λ·(max topic cosine to the picked ones), relevance scaled to the best.
     */
    int[] mmr(int[] pool, double[] relevance, int limit, double lambda) {
        int m = Math.min(limit, pool.length);
        if (pool.length == 0) {
            return pool;
        }
        double best = relevance[pool[0]];
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
                double v = (1 - lambda) * relevance[pool[i]] / best - lambda * maxSim[i];
                if (v > pickValue) {
                    pickValue = v;
                    pick = i;
                }
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
