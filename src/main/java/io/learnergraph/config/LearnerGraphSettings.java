package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * Application-wide settings ({@code learnergraph.*} in {@code config/application.yml}).
 *
 * @param dataDir where embedded Neo4j, generated demo data and keys live
 * @param tiers   membership tiers, lowest first
 */
@ConfigurationProperties("learnergraph")
public record LearnerGraphSettings(Path dataDir, List<String> tiers) {

    public LearnerGraphSettings {
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException("learnergraph.tiers must list at least one tier");
        }
        tiers = List.copyOf(tiers);
        // Neo4j refuses a path that is not normalised, and "./data" is the default
        if (dataDir == null) {
            throw new IllegalArgumentException("learnergraph.data-dir must be set");
        }
        dataDir = Directories.absolute(dataDir);
    }
}
