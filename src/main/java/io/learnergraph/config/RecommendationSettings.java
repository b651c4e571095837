package io.learnergraph.config;

import io.learnergraph.analysis.recommend.RecommendationParameters;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Map;

/** {@code learnergraph.recommendations.*}; see config/application.yml for what each means. */
@ConfigurationProperties("learnergraph.recommendations")
public record RecommendationSettings(Map<String, Double> weights, double alpha, double beta, double diversity,
                                     double halfLifeDays, double windowDays, long exactWorkBudget, int itemNeighbours, int walks,
                                     long seed, int defaultLimit, double upgradeThreshold, int upgradeCandidates,
                                     int batchMaxUsers) {

    public RecommendationSettings {
        weights = WeightMaps.checked("learnergraph.recommendations.weights", weights,
                RecommendationParameters.SourceWeights.NAMES);
        if (!(alpha > 0) || !(upgradeThreshold > 0 && upgradeThreshold <= 1) || upgradeCandidates < 1
                || batchMaxUsers < 1 || defaultLimit < 1 || itemNeighbours < 0) {
            throw new IllegalArgumentException("learnergraph.recommendations: alpha must be > 0, upgrade-threshold in "
                    + "(0, 1], upgrade-candidates, batch-max-users and default-limit >= 1, item-neighbours >= 0");
        }
    }
}
