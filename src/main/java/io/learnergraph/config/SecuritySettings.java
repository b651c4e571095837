package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Map;

/**
 * {@code learnergraph.security.*}: API keys per role, each a comma-separated list
 * ({@code LEARNERGRAPH_SECURITY_KEYS_SERVICE=k1,k2} in the environment).
 */
@ConfigurationProperties("learnergraph.security")
public record SecuritySettings(boolean enabled, Map<String, String> keys) {

    public SecuritySettings {
        keys = Map.copyOf(keys == null ? Map.of() : keys);
    }
}
