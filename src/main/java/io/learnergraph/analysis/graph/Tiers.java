package io.learnergraph.analysis.graph;

import java.util.List;

/**
 * The configured membership tiers, lowest first, and the rank of a tier name among them: the one
 * place a tier is turned into a number. A user or course without a tier, or with one the
 * configuration does not list, ranks lowest (0): it is open to everyone and opens nothing.
 */
public record Tiers(List<String> names) {

    public Tiers {
        names = List.copyOf(names);
    }

    /** 0 for the lowest tier (and for null or an unlisted name), names().size() - 1 for the highest. */
    public int rank(String tier) {
        return tier == null ? 0 : Math.max(0, names.indexOf(tier));
    }
}
