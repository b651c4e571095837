package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How to reach Neo4j ({@code learnergraph.neo4j.*}). An empty {@code uri} means embedded.
 */
@ConfigurationProperties("learnergraph.neo4j")
public record Neo4jSettings(String uri, String username, String password, String database,
                            int boltPort, String pageCache) {

    public boolean embedded() {
        return uri == null || uri.isBlank();
    }
}
