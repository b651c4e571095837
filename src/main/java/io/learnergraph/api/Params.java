package io.learnergraph.api;

import io.learnergraph.LearnerGraphException;

import java.util.Arrays;
import java.util.List;

/** Validation of query parameters shared by the controllers. */
final class Params {

    private Params() {
    }

    static int limit(Integer value, int defaultValue, int max) {
        int v = value == null ? defaultValue : value;
        if (v < 1 || v > max) {
            throw new LearnerGraphException.InvalidInput("limit", "limit must be between 1 and " + max + ", was " + v);
        }
        return v;
    }

    static int offset(Integer value) {
        int v = value == null ? 0 : value;
        if (v < 0) {
            throw new LearnerGraphException.InvalidInput("offset", "offset must be >= 0, was " + v);
        }
        return v;
    }

    /** A comma-separated list; empty when absent. */
    static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
