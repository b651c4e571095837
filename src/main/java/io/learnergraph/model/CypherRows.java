package io.learnergraph.model;

import java.util.List;

/** What a read-only Cypher run returns; values are JSON-ready. */
public record CypherRows(List<String> columns, List<List<Object>> rows, boolean truncated, long elapsedMs) {
}
