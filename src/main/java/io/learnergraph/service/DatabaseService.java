package io.learnergraph.service;

import io.learnergraph.model.GraphCounts;
import io.learnergraph.store.Neo4jStore;
import io.learnergraph.store.StatsStore;
import jakarta.inject.Singleton;

/** The database as the health check and the statistics see it. */
@Singleton
public class DatabaseService {

    /** @param boltPort the embedded database's Bolt port; null when the database is external */
    public record Status(boolean reachable, String mode, Integer boltPort) {
    }

    private final Neo4jStore store;
    private final StatsStore stats;

    public DatabaseService(Neo4jStore store, StatsStore stats) {
        this.store = store;
        this.stats = stats;
    }

    public Status status() {
        int bolt = store.embeddedBoltPort();
        return new Status(store.reachable(), store.mode(), bolt >= 0 ? bolt : null);
    }

    public GraphCounts counts() {
        return stats.counts();
    }
}
