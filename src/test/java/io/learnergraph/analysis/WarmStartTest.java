package io.learnergraph.analysis;

import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.CommunityResult;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.graph.CsrGraph;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Warm starts after a few edges change: PageRank from the previous ranks reaches the same fixed
 * point in fewer iterations; Leiden from the previous partition, re-examining only the changed
 * edges' endpoints first, stays within 0.005 of a cold run's modularity.
 */
class WarmStartTest {

    /** 20 planted groups of 50 nodes, dense inside, sparse across, plus {@code extra} random edges. */
    private static CsrGraph planted(long seed, int extra, boolean[] touched) {
        Random r = new Random(seed);
        int n = 1000;
        CsrGraph.Builder b = CsrGraph.builder(n, 20_000);
        Random base = new Random(1);
        for (int i = 0; i < 8000; i++) {
            int u = base.nextInt(n);
            int v = base.nextDouble() < 0.9 ? (u / 50) * 50 + base.nextInt(50) : base.nextInt(n);
            if (u != v) {
                b.add(u, v, 1);
            }
        }
        for (int i = 0; i < extra; i++) {
            int u = r.nextInt(n);
            int v = r.nextDouble() < 0.5 ? (u / 50) * 50 + r.nextInt(50) : r.nextInt(n);
            if (u != v) {
                b.add(u, v, 1);
                if (touched != null) {
                    touched[u] = true;
                    touched[v] = true;
                }
            }
        }
        return b.build().undirected();
    }

    @Test
    void pageRankFromThePreviousRanksReachesTheSameRanksSooner() {
        CsrGraph before = planted(3, 0, null);
        CsrGraph after = planted(3, 80, null); // 1 % more edges
        PageRank.Result old = PageRank.compute(before, PageRank.Parameters.defaults());
        PageRank.Result cold = PageRank.compute(after, PageRank.Parameters.defaults());
        PageRank.Result warm = PageRank.compute(after, PageRank.Parameters.defaults().withInitial(old.scores()));
        double l1 = 0;
        for (int v = 0; v < cold.scores().length; v++) {
            l1 += Math.abs(cold.scores()[v] - warm.scores()[v]);
        }
        assertTrue(l1 < 1e-9, "the same fixed point: L1 " + l1);
        assertTrue(warm.iterations() < cold.iterations(), warm.iterations() + " vs " + cold.iterations());
    }

    @Test
    void leidenFromThePreviousPartitionStaysWithinFiveThousandthsOfACold() {
        ModularityParameters p = ModularityParameters.defaults();
        CommunityResult old = Leiden.compute(planted(5, 0, null), p);
        boolean[] touched = new boolean[1000];
        CsrGraph after = planted(5, 80, touched);
        CommunityResult cold = Leiden.compute(after, p);
        CommunityResult warm = Leiden.compute(after, p, old.partition().community(), touched);
        assertTrue(Math.abs(cold.modularity() - warm.modularity()) < 0.005,
                "cold " + cold.modularity() + ", warm " + warm.modularity());
        assertTrue(warm.modularity() > 0.5, "the planted groups are found: " + warm.modularity());
        // nothing changed: the warm run keeps the partition's quality
        CommunityResult same = Leiden.compute(planted(5, 0, null), p, old.partition().community(), new boolean[1000]);
        assertTrue(same.modularity() >= old.modularity() - 1e-12);
        assertEquals(1000, same.partition().community().length);
    }
}
