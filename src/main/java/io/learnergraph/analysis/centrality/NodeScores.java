package io.learnergraph.analysis.centrality;

/**
 * What every centrality result offers: one score per node, indexed by dense node id. The service
 * maps a measure to the algorithm that computes it through this, whatever else the result says
 * (iterations and convergence, sampling bounds, integer core numbers).
 */
public interface NodeScores {

    double[] scores();
}
