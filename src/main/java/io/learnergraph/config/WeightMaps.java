package io.learnergraph.config;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps of named weights in the configuration ({@code learnergraph.weights.social.*},
 * {@code growth.points.*}, ...). A key the product does not know is a typo that would otherwise
 * weigh nothing, silently: it stops the start, naming the key and the allowed ones.
 */
final class WeightMaps {

    private WeightMaps() {
    }

    /**
     * An unmodifiable copy of {@code values} (null is empty) whose every key is in {@code allowed}
     * and every value finite and {@code >= 0}.
     *
     * @param property the map's full name, for the message
     */
    static Map<String, Double> checked(String property, Map<String, Double> values, Collection<String> allowed) {
        if (values == null) {
            return Map.of();
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new IllegalArgumentException(property + "." + e.getKey() + " is not a known key; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
            Double v = e.getValue();
            if (v == null || !(v >= 0) || v.isInfinite()) {
                throw new IllegalArgumentException(property + "." + e.getKey() + " must be a number >= 0, was " + v);
            }
        }
        return Map.copyOf(new TreeMap<>(values));
    }
}
