package io.learnergraph.service;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** What the churn risk endpoints answer, built by {@link ChurnRiskService}. */
public final class ChurnViews {

    private ChurnViews() {
    }

    @Serdeable
    public record Factor(String feature, String label, double value, double contribution) {
    }

    /**
     * @param influence PageRank relative to the average user (1 = average)
     * @param reach     distinct users who follow or interact with them
     */
    @Serdeable
    public record RiskItem(String userId, String name, String tier, int communityId, double risk, double influence,
                           int reach, List<Factor> topFactors) {
    }

    @Serdeable
    public record RiskList(String scoredAt, String modelTrainedAt, int horizonDays, long snapshotVersion,
                           int activeUsers, int matched, boolean influencersOnly, List<RiskItem> items) {
    }

    @Serdeable
    public record UserChurn(String userId, String name, boolean active, Double risk, String scoredAt, int horizonDays,
                            Map<String, Double> features, List<Factor> topFactors, SocialViews.UserProfile profile,
                            String note) {
    }
}
