package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code learnergraph.churn.*}; see config/application.yml for what each means. */
@ConfigurationProperties("learnergraph.churn")
public record ChurnSettings(int activeDays, int horizonDays, double lambda, int folds, int maxCvSamples, long seed,
                            int syncMaxUsers, double influencerShare, int topFactors, boolean writeBack) {

    public ChurnSettings {
        if (activeDays < 1 || horizonDays < 1 || !(lambda >= 0) || folds < 2 || maxCvSamples < 100 || syncMaxUsers < 0
                || !(influencerShare > 0 && influencerShare <= 1) || topFactors < 1) {
            throw new IllegalArgumentException("learnergraph.churn: active-days, horizon-days and top-factors must be "
                    + ">= 1, lambda >= 0, folds >= 2, max-cv-samples >= 100, sync-max-users >= 0, influencer-share in (0, 1]");
        }
    }
}
