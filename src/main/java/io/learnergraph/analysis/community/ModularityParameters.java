package io.learnergraph.analysis.community;

/**
 * Parameters of Louvain and Leiden.
 *
 * @param resolution γ of the modularity objective; larger gives more, smaller communities
 * @param maxLevels  aggregation levels per run
 * @param iterations Leiden runs, each starting from the previous partition (ignored by Louvain)
 * @param seed       the same seed gives the same partition
 */
public record ModularityParameters(double resolution, int maxLevels, int iterations, long seed) {

    public static final double RESOLUTION_DEFAULT = 1.0;
    public static final int MAX_LEVELS_DEFAULT = 20;
    /**
     * Three Leiden runs (NetworKit's default; igraph's is 2): on a 183k-edge power-law graph the
     * third run lifts modularity from 0.2946 to 0.2969 for 30% more time, past igraph's and
     * NetworKit's; more runs keep adding ~0.001 each (src/site/markdown/performance.md).
     */
    public static final int ITERATIONS_DEFAULT = 3;
    public static final long SEED_DEFAULT = 42;

    public ModularityParameters {
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("resolution must be > 0, was " + resolution);
        }
        if (maxLevels < 1 || iterations < 1) {
            throw new IllegalArgumentException("maxLevels and iterations must be >= 1");
        }
    }

    public static ModularityParameters defaults() {
        return new ModularityParameters(RESOLUTION_DEFAULT, MAX_LEVELS_DEFAULT, ITERATIONS_DEFAULT, SEED_DEFAULT);
    }

    public ModularityParameters withResolution(double r) {
        return new ModularityParameters(r, maxLevels, iterations, seed);
    }

    public ModularityParameters withSeed(long s) {
        return new ModularityParameters(resolution, maxLevels, iterations, s);
    }
}
