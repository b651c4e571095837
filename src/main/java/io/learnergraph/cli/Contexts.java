package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.ingest.CsvProjection;
import io.learnergraph.service.SnapshotService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the application context for one-shot commands (without the HTTP server) and for the
 * benchmarks (with it, on a scratch database).
 */
final class Contexts {

    private Contexts() {
    }

    /**
     * Points the next context at a fresh embedded database in a temporary directory named by
     * {@code prefix}: Bolt on a free port, no demo load, and no write-back of scores (benchmarks
     * and evaluations measure; they write nothing analysts would read).
     */
    static Path scratchDatabase(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        System.setProperty("learnergraph.data-dir", dir.toString());
        System.setProperty("learnergraph.neo4j.bolt-port", "0");
        System.setProperty("learnergraph.demo.load-when-empty", "false");
        System.setProperty("learnergraph.analytics.write-back-on-refresh", "false");
        System.setProperty("learnergraph.churn.write-back", "false");
        return dir;
    }

    /** Starts the whole application, HTTP server included, on {@code port}. */
    static ApplicationContext withServer(int port) {
        System.setProperty("micronaut.server.port", String.valueOf(port));
        return Micronaut.build(new String[0]).mainClass(LearnerGraphCli.class).deduceEnvironment(false).banner(false)
                .start();
    }

    /** Installs a snapshot projected straight from the import CSVs under {@code dir}. */
    static CsvProjection.Loaded installFromCsv(SnapshotService snapshots, Path dir) {
        CsvProjection.Loaded[] loaded = new CsvProjection.Loaded[1];
        snapshots.install(v -> (loaded[0] = CsvProjection.load(dir, snapshots.weights(), v)).snapshot());
        return loaded[0];
    }

    static ApplicationContext withoutServer() {
        try {
            return ApplicationContext.builder().deduceEnvironment(false).start();
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null && !(t instanceof LearnerGraphException)) {
                t = t.getCause();
            }
            throw t != null ? (LearnerGraphException) t : e;
        }
    }
}
