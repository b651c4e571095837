package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
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
        // a benchmark times its own work: a fit starting by itself would share the two cores
        System.setProperty("learnergraph.recommendations.fit.in-background", "false");
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

    /** A platform loaded as a deployment loads it, and each step's time. */
    record Loaded(GraphSnapshot snapshot, ImportReport report, double projectionSeconds) {
    }

    /**
     * Imports {@code dir} through the product's import (bulk into the scratch database) and
     * builds the projection from the store, as a server does; prints each step's time.
     */
    static Loaded importAndProject(ApplicationContext context, Path dir) {
        ImportReport report = context.getBean(GraphImporter.class).importDirectory(dir, ImportProgress.NONE);
        if (!report.complete()) {
            throw new IllegalArgumentException("the import of " + dir + " did not complete: " + report);
        }
        long t0 = System.nanoTime();
        GraphSnapshot s = context.getBean(SnapshotService.class).refresh();
        double projection = (System.nanoTime() - t0) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "import (%s path): %,d rows in %.1f s; projection from the store: "
                        + "%,d users, %,d courses, %,d events in %.1f s%n",
                report.mode().name().toLowerCase(java.util.Locale.ROOT), report.totalImported(), report.seconds(),
                s.users().count(), s.courses().count(), s.activity().eventCount(), projection);
        return new Loaded(s, report, projection);
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
