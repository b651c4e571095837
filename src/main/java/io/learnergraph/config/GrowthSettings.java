package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Map;

/** {@code learnergraph.growth.*}; see config/application.yml for what each means. */
@ConfigurationProperties("learnergraph.growth")
public record GrowthSettings(int windowDays, Map<String, Double> engagementWeights, double ratingPrior,
                             double completionPrior, Map<String, Double> qualityWeights, int newDays, int dormantDays,
                             int churnedDays, double dropShare, double riskThreshold, Map<String, Double> points,
                             int funnelDays, String winBackWeights) {

    public GrowthSettings {
        engagementWeights = Map.copyOf(engagementWeights == null ? Map.of() : engagementWeights);
        qualityWeights = Map.copyOf(qualityWeights == null ? Map.of() : qualityWeights);
        points = Map.copyOf(points == null ? Map.of() : points);
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
