package io.learnergraph.model;

/** Published after anything changed the graph (an import, events, a deletion). */
public record GraphChanged(String reason) {
}
