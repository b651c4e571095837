package io.learnergraph.config;

import io.learnergraph.model.LearningType;
import io.learnergraph.model.SocialType;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;
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

    /** {@code follow} and every social interaction type, by its configuration key. */
    public static final List<String> SOCIAL_KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of("follow"),
            java.util.Arrays.stream(SocialType.values()).map(SocialType::key)).toList();
    /** Every learning event type, by its configuration key. */
    public static final List<String> LEARNING_KEYS = java.util.Arrays.stream(LearningType.values())
            .map(LearningType::key).toList();

    public WeightSettings {
        social = WeightMaps.checked("learnergraph.weights.social", social, SOCIAL_KEYS);
        learning = WeightMaps.checked("learnergraph.weights.learning", learning, LEARNING_KEYS);
        if (halfLifeDays < 0) {
            throw new IllegalArgumentException("learnergraph.weights.half-life-days must be >= 0, was " + halfLifeDays);
        }
    }
}
