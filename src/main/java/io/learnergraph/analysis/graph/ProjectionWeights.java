package io.learnergraph.analysis.graph;

import java.util.Map;

/**
 * Tie strength per relationship type (FOLLOWS, COMMENTED, ..., VIEWED, ENROLLED, ...), and the
 * half-life after which an interaction counts half (0: no decay).
 */
public record ProjectionWeights(Map<String, Double> byRelationshipType, double halfLifeDays) {

    public ProjectionWeights {
        byRelationshipType = Map.copyOf(byRelationshipType);
        if (halfLifeDays < 0) {
            throw new IllegalArgumentException("halfLifeDays must be >= 0, was " + halfLifeDays);
        }
    }

    /** The weight of one event of this type at {@code atMinute}, seen from {@code nowMinute}. */
    public double weight(String type, long atMinute, long nowMinute) {
        double w = byRelationshipType.getOrDefault(type, 0.0);
        if (halfLifeDays > 0 && atMinute != GraphSnapshot.NO_TIME && nowMinute > atMinute) {
            w *= Math.pow(0.5, (nowMinute - atMinute) / (halfLifeDays * 1440.0));
        }
        return w;
    }
}
