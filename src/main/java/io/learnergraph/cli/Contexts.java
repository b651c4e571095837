package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.ingest.CsvProjection;
import io.learnergraph.service.SnapshotService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

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
        return withServer();
    }

    /**
     * Starts the whole application and its HTTP server. Unlike {@code Micronaut.start()}, a failure
     * (a bad setting, an unusable data directory, a locked store) reaches the command line as the
     * exception that names it, to be printed as one line, instead of a logged stack trace.
     */
    static ApplicationContext withServer() {
        ApplicationContext context = Micronaut.build(new String[0]).mainClass(LearnerGraphCli.class)
                .deduceEnvironment(false).banner(false).build();
        try {
            context.start();
            context.getBean(EmbeddedServer.class).start();
            return context;
        } catch (RuntimeException e) {
            try {
                context.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw expected(e);
        }
    }

    /** Installs a snapshot projected straight from the import CSVs under {@code dir}. */
    static CsvProjection.Loaded installFromCsv(SnapshotService snapshots, Path dir) {
        CsvProjection.Loaded[] loaded = new CsvProjection.Loaded[1];
        snapshots.install(v -> (loaded[0] = CsvProjection.load(dir, snapshots.weights(), v)).snapshot());
        return loaded[0];
    }

    /** Starts the application without its HTTP server and without loading a demo into an empty database. */
    static ApplicationContext withoutServer() {
        System.setProperty("learnergraph.demo.load-when-empty", "false");
        try {
            return ApplicationContext.builder().deduceEnvironment(false).start();
        } catch (RuntimeException e) {
            throw expected(e);
        }
    }

    /**
     * The error a start-up failure is about: a {@link LearnerGraphException} anywhere in the
     * chain, else a rejected setting (our settings records and Micronaut's binding throw
     * {@code IllegalArgumentException} or {@code ConfigurationException} naming the key), else the
     * failure itself (a bug, which keeps its trace).
     */
    static RuntimeException expected(RuntimeException e) {
        Throwable setting = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LearnerGraphException lg) {
                return lg;
            }
            if (t instanceof IllegalArgumentException || t instanceof ConfigurationException) {
                setting = t; // keep the innermost: Micronaut wraps it with the bean path
            }
        }
        return setting != null ? new LearnerGraphException.InvalidInput("configuration", "invalid configuration: "
                + setting.getMessage(), setting) : e;
    }
}
