package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;

/** {@code learnergraph.cypher.*}: limits of analysts' read-only Cypher; see config/application.yml. */
@ConfigurationProperties("learnergraph.cypher")
public record CypherSettings(long defaultTimeoutMs, long maxTimeoutMs, int defaultLimit, int maxLimit,
                             int maxQueryLength, List<String> allowedProcedures) {

    public CypherSettings {
        allowedProcedures = List.copyOf(allowedProcedures == null ? List.of() : allowedProcedures);
        if (defaultTimeoutMs < 1 || maxTimeoutMs < defaultTimeoutMs || defaultLimit < 1 || maxLimit < defaultLimit
                || maxQueryLength < 1) {
            throw new IllegalArgumentException("learnergraph.cypher: timeouts and limits must be >= 1 and the maximums "
                    + ">= the defaults (a timeout of 0 would mean no limit, which is not allowed)");
        }
    }
}
