package io.learnergraph.config;

import io.learnergraph.analysis.growth.Leaderboard;
import io.learnergraph.analysis.recommend.RecommendationParameters;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/** {@code learnergraph.growth.*}; see config/application.yml for what each means. */
@ConfigurationProperties("learnergraph.growth")
public record GrowthSettings(int windowDays, Map<String, Double> engagementWeights, double ratingPrior,
                             double completionPrior, Map<String, Double> qualityWeights, int newDays, int dormantDays,
                             int churnedDays, double dropShare, double riskThreshold, Map<String, Double> points,
                             int funnelDays, Map<String, Double> winBackWeights) {

    /** The terms of the engagement score, by configuration key. */
    public static final List<String> ENGAGEMENT_KEYS = List.of("visits", "learning", "completions", "ratings", "given",
            "received");
    /** The terms of course quality, by configuration key. */
    public static final List<String> QUALITY_KEYS = List.of("rating", "completion", "creator");

    public GrowthSettings {
        engagementWeights = WeightMaps.checked("learnergraph.growth.engagement-weights", engagementWeights,
                ENGAGEMENT_KEYS);
        qualityWeights = WeightMaps.checked("learnergraph.growth.quality-weights", qualityWeights, QUALITY_KEYS);
        points = WeightMaps.checked("learnergraph.growth.points", points,
                java.util.Arrays.stream(Leaderboard.Kind.values()).map(Leaderboard.Kind::key).toList());
        winBackWeights = WeightMaps.checked("learnergraph.growth.win-back-weights", winBackWeights,
                RecommendationParameters.SourceWeights.NAMES);
        if (winBackWeights.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("learnergraph.growth.win-back-weights: at least one source weight must "
                    + "be > 0");
        }
        if (windowDays < 1 || funnelDays < 1 || !(ratingPrior >= 0) || !(completionPrior >= 0)) {
            throw new IllegalArgumentException("learnergraph.growth: window-days and funnel-days must be >= 1, "
                    + "rating-prior and completion-prior >= 0");
        }
    }

    public double engagementWeight(String key) {
        return engagementWeights.getOrDefault(key, 0.0);
    }

    public double qualityWeight(String key) {
        return qualityWeights.getOrDefault(key, 0.0);
    }
}
