package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code learnergraph.analytics.*}; see config/application.yml for what each means. */
@ConfigurationProperties("learnergraph.analytics")
public record AnalyticsSettings(int smallCommunityFloor, int inactiveDays, int exactMaxUsers,
                                double betweennessEpsilon, double betweennessDelta, int harmonicSamples,
                                boolean writeBackOnRefresh, int interestGroups, int interestSample) {

    public AnalyticsSettings {
        if (smallCommunityFloor < 1 || inactiveDays < 1 || exactMaxUsers < 0 || harmonicSamples < 1
                || interestGroups < 1 || interestSample < 1) {
            throw new IllegalArgumentException("learnergraph.analytics: floor, inactive-days and harmonic-samples "
                    + "must be >= 1, exact-max-users >= 0, interest-groups and interest-sample >= 1");
        }
    }
}
