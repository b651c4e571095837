package io.learnergraph.analysis.recommend;

import java.util.Map;

import java.util.List;

import java.util.Locale;

/**
 * What one recommendation request asks for. Defaults live in the application configuration;
 * {@link #defaults()} mirrors them for tests and benchmarks.
 *
 * @param limit           items to return, 1..200
 * @param strategy        one source alone, or the blend of all
 * @param includeGated    keep courses above the user's tier, flagged with the tier they need
 * @param explain         attach reasons with their graph paths
 * @param weights         blend weights of the sources
 * @param beta            RP3β popularity damping: collaborative scores are divided by popularity^β
 * @param diversity       MMR trade-off: 0 ranks by relevance only, 1 by novelty only
 * @param halfLifeDays    social signals lose half their weight every this many days
 * @param windowDays      a community's "trending" courses are those taken in this window
 * @param exactWorkBudget above this many arc visits, P3 is estimated by random walks instead
 * @param walks           random walks per estimate
 * @param seed            walk seed (with the user id, so answers are repeatable)
 * @param ranker          a learned ranking that replaces the weighted sum of the blend (null: the
 *                        weights); only the blend uses it, and explicit weights clear it
 */
public record RecommendationParameters(int limit, Strategy strategy, boolean includeGated, boolean explain,
                                       SourceWeights weights, double beta, double diversity, double halfLifeDays,
                                       double windowDays, long exactWorkBudget, int walks, long seed,
                                       LearnedRanker ranker) {

    /** Parameters with the weighted blend (no learned ranking). */
    public RecommendationParameters(int limit, Strategy strategy, boolean includeGated, boolean explain,
                                    SourceWeights weights, double beta, double diversity, double halfLifeDays,
                                    double windowDays, long exactWorkBudget, int walks, long seed) {
        this(limit, strategy, includeGated, explain, weights, beta, diversity, halfLifeDays, windowDays,
                exactWorkBudget, walks, seed, null);
    }

    public static final int MAX_LIMIT = 200;

    public enum Strategy {
        BLEND, KNOWLEDGE, COLLABORATIVE, SOCIAL, POPULAR;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Blend weights; the popular source fills lists for users with little history. */
    public record SourceWeights(double knowledge, double collaborative, double social, double popular) {

        /** The sources by name, as configuration and requests name them. */
        public static final List<String> NAMES = List.of("knowledge", "collaborative", "social", "popular");

        /** Weights by source name; a source not named weighs 0. */
        public static SourceWeights of(Map<String, Double> byName) {
            return new SourceWeights(byName.getOrDefault("knowledge", 0.0), byName.getOrDefault("collaborative", 0.0),
                    byName.getOrDefault("social", 0.0), byName.getOrDefault("popular", 0.0));
        }

        public SourceWeights {
            for (double w : new double[]{knowledge, collaborative, social, popular}) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("source weights must be finite and >= 0");
                }
            }
        }
    }

    public RecommendationParameters {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (!(beta >= 0 && beta <= 2)) {
            throw new IllegalArgumentException("beta must be in 0..2, was " + beta);
        }
        if (!(diversity >= 0 && diversity <= 1)) {
            throw new IllegalArgumentException("diversity must be in 0..1, was " + diversity);
        }
        if (!(halfLifeDays > 0) || !(windowDays > 0) || exactWorkBudget < 0 || walks < 1) {
            throw new IllegalArgumentException("halfLifeDays and windowDays must be > 0, walks >= 1");
        }
    }

    public static RecommendationParameters defaults() {
        return new RecommendationParameters(10, Strategy.BLEND, false, true, new SourceWeights(0.4, 0.4, 0.2, 0.05),
                0.5, 0.3, 30, 90, 100_000, 20_000, 42);
    }

    public RecommendationParameters withLimit(int l) {
        return new RecommendationParameters(l, strategy, includeGated, explain, weights, beta, diversity,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, ranker);
    }

    public RecommendationParameters withStrategy(Strategy s) {
        return new RecommendationParameters(limit, s, includeGated, explain, weights, beta, diversity,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, ranker);
    }

    public RecommendationParameters withIncludeGated(boolean g) {
        return new RecommendationParameters(limit, strategy, g, explain, weights, beta, diversity,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, ranker);
    }

    public RecommendationParameters withExplain(boolean e) {
        return new RecommendationParameters(limit, strategy, includeGated, e, weights, beta, diversity,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, ranker);
    }

    /** These weights for the blend; a learned ranking, if any, no longer applies. */
    public RecommendationParameters withWeights(SourceWeights w) {
        return new RecommendationParameters(limit, strategy, includeGated, explain, w, beta, diversity,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, null);
    }

    public RecommendationParameters withRanker(LearnedRanker r) {
        return new RecommendationParameters(limit, strategy, includeGated, explain, weights, beta, diversity,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, r);
    }

    public RecommendationParameters withBeta(double b) {
        return new RecommendationParameters(limit, strategy, includeGated, explain, weights, b, diversity,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, ranker);
    }

    public RecommendationParameters withDiversity(double d) {
        return new RecommendationParameters(limit, strategy, includeGated, explain, weights, beta, d,
                halfLifeDays, windowDays, exactWorkBudget, walks, seed, ranker);
    }

    public RecommendationParameters withExactWorkBudget(long budget) {
        return new RecommendationParameters(limit, strategy, includeGated, explain, weights, beta, diversity,
                halfLifeDays, windowDays, budget, walks, seed, ranker);
    }

    public RecommendationParameters withWalks(int w) {
        return new RecommendationParameters(limit, strategy, includeGated, explain, weights, beta, diversity,
                halfLifeDays, windowDays, exactWorkBudget, w, seed, ranker);
    }
}
