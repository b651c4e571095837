package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The influence measures the API offers. */
public enum CentralityMeasure {
    PAGERANK, PERSONALIZED_PAGERANK, BETWEENNESS, EIGENVECTOR, HARMONIC, DEGREE, CORENESS;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CentralityMeasure parse(String value) {
        return Arrays.stream(values()).filter(a -> a.key().equals(value)).findFirst()
                .orElseThrow(() -> new LearnerGraphException.InvalidInput("measure", "unknown measure '" + value
                        + "' (allowed: " + Arrays.stream(values()).map(CentralityMeasure::key)
                        .collect(Collectors.joining(", ")) + ")"));
    }
}
