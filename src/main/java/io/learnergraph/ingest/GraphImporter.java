package io.learnergraph.ingest;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.config.Directories;
import io.learnergraph.config.ImportSettings;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.model.GraphChanged;
import io.learnergraph.store.CypherQuery;
import io.learnergraph.store.Neo4jStore;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a directory of CSV files (format: {@code graph-import/README.md}) into Neo4j, by one of
 * two paths with the same contract (validation, rejects, idempotence, crash safety):
 * <ul>
 *   <li><b>bulk</b> ({@link BulkLoad}): an empty embedded database is built by Neo4j's offline
 *   importer;</li>
 *   <li><b>transactional</b>: every statement MERGEs on identities, in batches of one transaction
 *   each, so an import is idempotent and a re-run after a crash converges to the graph an
 *   uninterrupted run gives.</li>
 * </ul>
 * {@link Mode#AUTO} takes the bulk path exactly when the database is embedded and empty.
 */
@Singleton
public class GraphImporter {

    /** Which path to take. */
    public enum Mode {
        /** Bulk into an empty embedded database, transactional otherwise. */
        AUTO,
        /** Bulk, refused unless the database is embedded and empty. */
        BULK,
        /** Transactional, whatever the database holds. */
        TRANSACTIONAL
    }

    private final Neo4jStore store;
    private final List<String> tiers;
    private final int batchSize;
    private final int eventWriters;
    private final ApplicationEventPublisher<GraphChanged> events;

    public GraphImporter(Neo4jStore store, LearnerGraphSettings app, ImportSettings settings,
                         ApplicationEventPublisher<GraphChanged> events) {
        this.store = store;
        this.tiers = app.tiers();
        this.batchSize = settings.batchSize();
        this.eventWriters = settings.eventWriters();
        this.events = events;
    }

    /** Imports {@code directory} by the path that fits the database ({@link Mode#AUTO}). */
    public ImportReport importDirectory(Path directory, ImportProgress progress) {
        return importDirectory(directory, Mode.AUTO, progress);
    }

    public ImportReport importDirectory(Path directory, Mode mode, ImportProgress progress) {
        Path dir = Directories.readable("import directory", directory);
        long start = System.nanoTime();
        boolean anyFile = false;
        for (ImportFile file : ImportFile.values()) {
            anyFile |= Files.exists(dir.resolve(file.fileName()));
        }
        ImportReport.Mode path;
        String why;
        if (mode == Mode.TRANSACTIONAL) {
            path = ImportReport.Mode.TRANSACTIONAL;
            why = "asked for";
        } else if (!store.mode().equals("embedded")) {
            path = refuseBulk(mode, "the database is external (the offline importer writes an embedded store)");
            why = "the database is external";
        } else if (!store.isEmpty()) {
            path = refuseBulk(mode, "the database is not empty (the offline importer only builds a new store)");
            why = "the database already holds data";
        } else if (!anyFile) {
            path = ImportReport.Mode.TRANSACTIONAL;
            why = "there is nothing to import";
        } else {
            path = ImportReport.Mode.BULK;
            why = mode == Mode.BULK ? "asked for" : "the embedded database was empty";
        }
        List<ImportReport.FileReport> reports;
        try {
            if (path == ImportReport.Mode.BULK) {
                reports = new BulkLoad(store, tiers, deferred -> transactional(deferred, ImportProgress.NONE)).run(dir,
                        progress);
                // the store was replaced under any other instance reading it: they reload
                store.appendChange(new Neo4jStore.ChangeRecord("reload", null, null));
            } else {
                reports = transactional(dir, progress).files();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bulk load of " + dir + " failed: " + e.getMessage(), e);
        } finally {
            events.publishEvent(new GraphChanged("import of " + dir));
        }
        return new ImportReport(dir, reports, (System.nanoTime() - start) / 1e9, path, why);
    }

    private static ImportReport.Mode refuseBulk(Mode mode, String reason) {
        if (mode == Mode.BULK) {
            throw new LearnerGraphException.InvalidInput("--bulk", "cannot bulk-load: " + reason
                    + "; without --bulk the import takes the transactional path");
        }
        return ImportReport.Mode.TRANSACTIONAL;
    }

    private ImportReport transactional(Path dir, ImportProgress progress) {
        long start = System.nanoTime();
        RowValidator validator = new RowValidator(tiers, loadReferences());
        List<ImportReport.FileReport> reports = new ArrayList<>();
        try (TransactionalSink sink = new TransactionalSink(new BatchWriter(store), eventWriters, batchSize)) {
            for (ImportFile file : ImportFile.values()) {
                if (Files.exists(dir.resolve(file.fileName()))) {
                    reports.add(FileImport.read(dir, file, validator, sink, progress));
                }
            }
        }
        return new ImportReport(dir, reports, (System.nanoTime() - start) / 1e9, ImportReport.Mode.TRANSACTIONAL,
                "asked for");
    }

    /** Every id already in the graph, and the prerequisite edges, for reference checks. */
    private ReferenceIndex loadReferences() {
        ReferenceIndex refs = new ReferenceIndex(ids(CypherQuery.ALL_USER_IDS), ids(CypherQuery.ALL_COURSE_IDS),
                ids(CypherQuery.ALL_TOPIC_IDS));
        store.read(CypherQuery.ALL_PREREQUISITES, Map.of(), r -> {
            refs.addPrerequisite(r.get("topicId").asString(), r.get("requiresId").asString());
            return Boolean.TRUE;
        });
        return refs;
    }

    private Set<String> ids(CypherQuery query) {
        return new HashSet<>(store.read(query, Map.of(), r -> r.get("id").asString()));
    }
}
