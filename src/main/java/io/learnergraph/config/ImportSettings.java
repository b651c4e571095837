package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code learnergraph.import.*}: rows per write transaction. */
@ConfigurationProperties("learnergraph.import")
public record ImportSettings(int batchSize) {
    public ImportSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("learnergraph.import.batch-size must be >= 1, was " + batchSize);
        }
    }
}
