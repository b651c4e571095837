package io.learnergraph.analysis.community;

/**
 * A clustering and how it was reached.
 *
 * @param modularity  weighted modularity at the resolution used (Newman 2006)
 * @param iterations  levels (Louvain, Leiden) or sweeps (label propagation) performed
 * @param didConverge false when an iteration limit stopped the algorithm early
 */
public record CommunityResult(Partition partition, double modularity, int iterations, boolean didConverge) {
}
