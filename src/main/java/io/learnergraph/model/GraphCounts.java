package io.learnergraph.model;

import java.util.Map;

/** Node counts per label and relationship counts per type, from the store's count store. */
public record GraphCounts(Map<String, Long> nodes, Map<String, Long> relationships) {
}
