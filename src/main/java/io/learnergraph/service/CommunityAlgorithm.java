package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The clustering algorithms the API offers. */
public enum CommunityAlgorithm {
    LEIDEN, LOUVAIN, LABEL_PROPAGATION, WCC;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CommunityAlgorithm parse(String value) {
        return Arrays.stream(values()).filter(a -> a.key().equals(value)).findFirst()
                .orElseThrow(() -> new LearnerGraphException.InvalidInput("algorithm", "unknown algorithm '" + value
                        + "' (allowed: " + Arrays.stream(values()).map(CommunityAlgorithm::key)
                        .collect(Collectors.joining(", ")) + ")"));
    }
}
