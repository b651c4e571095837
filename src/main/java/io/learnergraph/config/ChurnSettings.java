package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code learnergraph.churn.*}; see config/application.yml for what each means. */
@ConfigurationProperties("learnergraph.churn")
public record ChurnSettings(int activeDays, int horizonDays, java.util.List<Double> lambdas, int folds, int maxCvSamples, long seed,
                            int syncMaxUsers, double influencerShare, int topFactors, boolean writeBack) {

    public ChurnSettings {
        lambdas = java.util.List.copyOf(lambdas == null ? java.util.List.of() : lambdas);
        if (activeDays < 1 || horizonDays < 1 || lambdas.isEmpty() || lambdas.stream().anyMatch(l -> !(l >= 0)) || folds < 2 || maxCvSamples < 100 || syncMaxUsers < 0
                || !(influencerShare > 0 && influencerShare <= 1) || topFactors < 1) {
            throw new IllegalArgumentException("learnergraph.churn: active-days, horizon-days and top-factors must be "
                    + ">= 1, lambdas non-empty and >= 0, folds >= 2, max-cv-samples >= 100, sync-max-users >= 0, influencer-share in (0, 1]");
        }
    }

    /** The penalties to choose from, as the trainer takes them. */
    public double[] lambdaGrid() {
        return lambdas.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
