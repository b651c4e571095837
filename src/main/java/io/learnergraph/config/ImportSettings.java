package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code learnergraph.import.*}.
 *
 * @param batchSize    rows per write transaction
 * @param eventWriters concurrent writers for social.csv and learning.csv (rows of one user stay
 *                     on one writer, in order)
 */
@ConfigurationProperties("learnergraph.import")
public record ImportSettings(int batchSize, int eventWriters) {
    public ImportSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("learnergraph.import.batch-size must be >= 1, was " + batchSize);
        }
        if (eventWriters < 1 || eventWriters > 16) {
            throw new IllegalArgumentException("learnergraph.import.event-writers must be 1..16, was " + eventWriters);
        }
    }
}
