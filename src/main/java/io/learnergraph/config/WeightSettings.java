package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Map;

/**
 * {@code learnergraph.weights.*}: tie strength per interaction type and the optional decay.
 *
 * @param social       weight per social interaction type (and {@code follow})
 * @param learning     weight per learning event type
 * @param halfLifeDays an interaction loses half its weight every this many days; 0 disables decay
 */
@ConfigurationProperties("learnergraph.weights")
public record WeightSettings(Map<String, Double> social, Map<String, Double> learning, double halfLifeDays) {

    public WeightSettings {
        social = Map.copyOf(social == null ? Map.of() : social);
        learning = Map.copyOf(learning == null ? Map.of() : learning);
        if (halfLifeDays < 0) {
            throw new IllegalArgumentException("learnergraph.weights.half-life-days must be >= 0, was " + halfLifeDays);
        }
    }
}
