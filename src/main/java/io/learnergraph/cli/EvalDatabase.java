package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportReport;
import io.learnergraph.service.SnapshotService;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A fresh embedded database for one evaluation: imports a directory through the real importer,
 * loads the projection, runs the evaluation, and deletes the database unless the user named it.
 */
final class EvalDatabase {

    private EvalDatabase() {
    }

    /** A work directory: {@code dataDir} when given (it must be empty), else a temporary one. */
    static Path workDir(Path dataDir) throws IOException {
        if (dataDir == null) {
            return Files.createTempDirectory("learnergraph-eval");
        }
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> s = Files.list(dataDir)) {
                if (s.findAny().isPresent()) {
                    throw new LearnerGraphException.InvalidInput("--data-dir", "--data-dir must be empty: " + dataDir);
                }
            }
        }
        return dataDir;
    }

    /** Imports {@code importDir} into {@code work/db}, refreshes the snapshot and runs {@code evaluation}. */
    static <T> T run(Path importDir, Path work, Function<ApplicationContext, T> evaluation) {
        System.setProperty("learnergraph.data-dir", work.resolve("db").toString());
        System.setProperty("learnergraph.neo4j.bolt-port", "0");
        System.setProperty("learnergraph.analytics.write-back-on-refresh", "false");
        System.setProperty("learnergraph.churn.write-back", "false");
        // the evaluation fits on demand (fitNow), once
        System.setProperty("learnergraph.recommendations.fit.in-background", "false");
        try (ApplicationContext context = Contexts.withoutServer()) {
            ImportReport report = context.getBean(GraphImporter.class).importDirectory(importDir,
                    new TerminalProgress(System.err));
            System.out.print(ImportSummary.format(report));
            context.getBean(SnapshotService.class).refresh();
            return evaluation.apply(context);
        }
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
