package io.learnergraph.analysis;

import io.learnergraph.analysis.centrality.Betweenness;
import io.learnergraph.analysis.centrality.Coreness;
import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.churn.Clustering;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.PowerLawGraphs;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.alg.scoring.ClusteringCoefficient;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JGraphT as an independent oracle for our CSR algorithms, on random graphs: two implementations
 * written apart agree on every node. Ours stay for the social graph (flat int arrays, 8 bytes an
 * arc, against JGraphT's objects per vertex and edge: at a million users the difference is
 * gigabytes and the speed of a cache-friendly loop); JGraphT holds the small knowledge graph.
 */
class JGraphTOracleTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void pageRankAgreesWithJGraphTOnRandomDirectedGraphsWithDanglingNodes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 300;
        CsrGraph.Builder b = CsrGraph.builder(n, 2000);
        Graph<Integer, DefaultEdge> oracle = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int v = 0; v < n; v++) {
            oracle.addVertex(v);
        }
        for (int i = 0; i < 1500; i++) {
            int from = r.nextInt(n - 20); // the last 20 nodes have no out-arcs: dangling
            int to = r.nextInt(n);
            if (from != to && !oracle.containsEdge(from, to)) {
                oracle.addEdge(from, to);
                b.add(from, to, 1.0);
            }
        }
        CsrGraph g = b.build();
        double[] ours = PageRank.compute(g, PageRank.Parameters.defaults()).scores();
        Map<Integer, Double> theirs = new org.jgrapht.alg.scoring.PageRank<>(oracle, 0.85, 1000, 1e-12)
                .getScores();
        for (int v = 0; v < n; v++) {
            assertEquals(theirs.get(v), ours[v], 1e-8, "node " + v);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void betweennessCorenessAndClusteringAgreeWithJGraphTOnPowerLawGraphs(long seed) {
        CsrGraph g = PowerLawGraphs.barabasiAlbert(250, 3, seed);
        int n = g.nodeCount();
        Graph<Integer, DefaultEdge> oracle = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < n; v++) {
            oracle.addVertex(v);
        }
        for (int v = 0; v < n; v++) {
            for (int a = g.start(v); a < g.end(v); a++) {
                if (g.target(a) != v) {
                    oracle.addEdge(v, g.target(a));
                }
            }
        }

        double[] betweenness = Betweenness.exact(g).scores();
        // JGraphT counts each unordered pair once; ours is normalised by the (n-1)(n-2)/2 pairs
        Map<Integer, Double> theirBetweenness = new BetweennessCentrality<>(oracle, false).getScores();
        double pairs = (n - 1) * (n - 2) / 2.0;
        int[] coreness = Coreness.compute(g).core();
        Map<Integer, Integer> theirCoreness = new org.jgrapht.alg.scoring.Coreness<>(oracle).getScores();
        double[] clustering = Clustering.local(g);
        Map<Integer, Double> theirClustering = new ClusteringCoefficient<>(oracle).getScores();
        for (int v = 0; v < n; v++) {
            assertEquals(theirBetweenness.get(v) / pairs, betweenness[v], 1e-9, "betweenness of " + v);
            assertEquals(theirCoreness.get(v).intValue(), coreness[v], "coreness of " + v);
            assertEquals(theirClustering.get(v), clustering[v], 1e-12, "clustering of " + v);
        }
    }
}
