package io.learnergraph.service;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.store.WriteBackStore;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleConsumer;

/**
 * Writes {@code communityId} (default Leiden), {@code pagerank}, {@code betweenness},
 * {@code eigenvector}, {@code harmonic} and {@code coreness} onto every :User, so analysts can
 * use them in Cypher. Runs after each new snapshot when configured, and on demand.
 */
@Context
public class WriteBackService {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBackService.class);

    /** What one write-back did. */
    public record Report(long version, long users, double computeSeconds, double writeSeconds) {
    }

    private final AnalyticsService analytics;
    private final WriteBackStore store;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "write-back");
        t.setDaemon(true);
        return t;
    });

    public WriteBackService(AnalyticsService analytics, WriteBackStore store, SnapshotService snapshots) {
        this.analytics = analytics;
        this.store = store;
        if (analytics.settings().writeBackOnRefresh()) {
            snapshots.onNewSnapshot(s -> background.submit(() -> {
                if (snapshots.current().version() != s.version()) {
                    return; // a newer snapshot came meanwhile: its own task writes (no backlog)
                }
                try {
                    writeBack(s, p -> { });
                } catch (RuntimeException e) {
                    LOG.warn("write-back of snapshot v{} failed: {}", s.version(), e.getMessage());
                }
            }));
        }
    }

    public Report writeBack() {
        return writeBack(analytics.snapshot(), p -> { });
    }

    /**
     * Computes what is not cached yet for snapshot {@code s}, then writes; reports progress
     * through {@code progress}. Every score comes from {@code s}, and so do the store ids they
     * are written to.
     */
    public Report writeBack(GraphSnapshot s, DoubleConsumer progress) {
        long start = System.nanoTime();
        progress.accept(0.05);
        double[] pagerank = analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores();
        progress.accept(0.15);
        int[] community = analytics.defaultCommunities(s).result().partition().community();
        progress.accept(0.35);
        double[] betweenness = analytics.centrality(s, CentralityMeasure.BETWEENNESS, new int[0]).scores();
        progress.accept(0.55);
        double[] eigenvector = analytics.centrality(s, CentralityMeasure.EIGENVECTOR, new int[0]).scores();
        progress.accept(0.6);
        double[] harmonic = analytics.centrality(s, CentralityMeasure.HARMONIC, new int[0]).scores();
        progress.accept(0.75);
        double[] coreness = analytics.centrality(s, CentralityMeasure.CORENESS, new int[0]).scores();
        progress.accept(0.8);
        long computed = System.nanoTime();
        List<WriteBackStore.UserScores> rows = new ArrayList<>(s.users().count());
        for (int u = 0; u < s.users().count(); u++) {
            rows.add(new WriteBackStore.UserScores(s.users().storeIds()[u], community[u], pagerank[u], betweenness[u],
                    eigenvector[u], harmonic[u], (int) coreness[u]));
        }
        long written = store.writeUserScores(rows);
        Report report = new Report(s.version(), written, (computed - start) / 1e9, (System.nanoTime() - computed) / 1e9);
        LOG.info("Wrote scores of {} users (snapshot v{}): computed in {} s, written in {} s", written, s.version(),
                String.format("%.2f", report.computeSeconds()), String.format("%.2f", report.writeSeconds()));
        return report;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
