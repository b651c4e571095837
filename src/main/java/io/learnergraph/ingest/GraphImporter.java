package io.learnergraph.ingest;

import io.learnergraph.config.Directories;
import io.learnergraph.config.ImportSettings;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.model.GraphChanged;
import io.learnergraph.store.CypherQuery;
import io.learnergraph.store.Neo4jStore;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports a directory of CSV files (format: {@code graph-import/README.md}) into Neo4j.
 * Every statement MERGEs on identities, so an import is idempotent and a re-run after a crash
 * converges to the graph an uninterrupted run gives. Bad rows go to {@code DIR/rejects/}.
 */
@Singleton
public class GraphImporter {

    private static final Logger LOG = LoggerFactory.getLogger(GraphImporter.class);

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

    public ImportReport importDirectory(Path directory, ImportProgress progress) {
        Path dir = Directories.readable("import directory", directory);
        long start = System.nanoTime();
        RowValidator validator = new RowValidator(tiers, loadReferences());
        BatchWriter writer = new BatchWriter(store);
        List<ImportReport.FileReport> reports = new ArrayList<>();
        try {
            for (ImportFile file : ImportFile.values()) {
                Path path = dir.resolve(file.fileName());
                if (Files.exists(path)) {
                    ImportReport.FileReport report = importFile(dir, file, path, validator, writer, progress);
                    reports.add(report);
                    progress.fileDone(report);
                }
            }
        } finally {
            if (!reports.isEmpty()) {
                events.publishEvent(new GraphChanged("import of " + dir));
            }
        }
        return new ImportReport(dir, reports, (System.nanoTime() - start) / 1e9);
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

    private ImportReport.FileReport importFile(Path dir, ImportFile file, Path path, RowValidator validator,
                                               BatchWriter writer, ImportProgress progress) {
        long start = System.nanoTime();
        long totalBytes = sizeOf(path);
        long read = 0;
        long imported = 0;
        long rejected = 0;
        String error = null;
        List<String> warnings = new ArrayList<>();
        Path rejectsPath = dir.resolve("rejects").resolve(file.fileName());
        RejectsFile rejects = null;
        try (InputStream in = Files.newInputStream(path); CsvReader csv = new CsvReader(in)) {
            CsvReader.CsvRecord headerRecord = csv.next();
            if (headerRecord == null) {
                throw new BadFile("file is empty: a header row is required ("
                        + String.join(",", file.requiredColumns()) + ", ...)");
            }
            List<String> header = headerRecord.fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            checkHeader(file, header, warnings);
            rejects = openRejects(rejectsPath, header, warnings);
            // events are keyed by time, so their order only matters per user: two writers;
            // elsewhere a later duplicate row must win, so one writer, in file order
            String partitionColumn = file == ImportFile.LEARNING ? "userId" : file == ImportFile.SOCIAL ? "fromId" : null;
            try (PipelinedWrites writes = new PipelinedWrites(writer, partitionColumn == null ? 1 : eventWriters,
                    batchSize)) {
                CsvReader.CsvRecord record;
                while ((record = csv.next()) != null) {
                    read++;
                    String problem = shapeProblem(record, header.size());
                    RowValidation result = problem != null
                            ? new RowValidation.Rejected(problem)
                            : validator.validate(file, toMap(header, record.fields()));
                    if (result instanceof RowValidation.Accepted accepted) {
                        String key = partitionColumn == null ? "" : String.valueOf(accepted.row().get(partitionColumn));
                        List<PipelinedWrites.Done> done = writes.add(key, file.statementFor(accepted.row()),
                                new BatchWriter.Pending(record.line(), accepted.row()), record.fields());
                        if (!done.isEmpty()) {
                            long[] counts = record(done, rejects);
                            imported += counts[0];
                            rejected += counts[1];
                            progress.update(file.fileName(), read, csv.bytesRead(), totalBytes, start);
                        }
                    } else {
                        rejects.write(record.line(), ((RowValidation.Rejected) result).reason(), record.fields());
                        rejected++;
                    }
                }
                long[] counts = record(writes.finish(), rejects);
                imported += counts[0];
                rejected += counts[1];
            }
            progress.update(file.fileName(), read, totalBytes, totalBytes, start);
        } catch (BadFile e) {
            error = e.getMessage();
        } catch (CharacterCodingException e) {
            error = "not valid UTF-8 after line " + (read + 1) + "; rows before it were imported";
        } catch (IOException e) {
            error = "cannot read: " + e.getMessage();
        } finally {
            if (rejects != null) {
                try {
                    rejects.close();
                } catch (IOException e) {
                    warnings.add("could not finish writing " + rejects.path() + ": " + e.getMessage());
                }
            }
        }
        if (error != null) {
            LOG.warn("{}: {}", path, error);
        }
        return new ImportReport.FileReport(file.fileName(), read, imported, rejected, (System.nanoTime() - start) / 1e9,
                error, rejects != null && rejects.used() ? rejects.path() : null, List.copyOf(warnings));
    }

    /** Writes refused rows of finished batches to the rejects file; returns {imported, refused}. */
    private static long[] record(List<PipelinedWrites.Done> done, RejectsFile rejects) throws IOException {
        long imported = 0;
        long refused = 0;
        for (PipelinedWrites.Done d : done) {
            for (BatchWriter.Refused r : d.refused()) {
                rejects.write(r.pending().source(), r.reason(), d.fields().get(r.pending().source()));
            }
            imported += d.rows() - d.refused().size();
            refused += d.refused().size();
        }
        return new long[]{imported, refused};
    }

    private static void checkHeader(ImportFile file, List<String> header, List<String> warnings) {
        Set<String> seen = new LinkedHashSet<>();
        for (String h : header) {
            if (!seen.add(h)) {
                throw new BadFile("column '" + h + "' appears twice in the header");
            }
        }
        List<String> missing = file.requiredColumns().stream().filter(c -> !seen.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new BadFile("header lacks required column(s) " + String.join(", ", missing)
                    + " (found: " + String.join(", ", header) + ")");
        }
        for (String h : header) {
            boolean known = file.requiredColumns().contains(h) || file.optionalColumns().contains(h);
            if (!known && !file.extraColumnsAsProperties()) {
                warnings.add("column '" + h + "' is not part of " + file.fileName() + " and was ignored");
            } else if (!known && ImportFile.RESERVED_PROPERTIES.contains(h)) {
                warnings.add("column '" + h + "' would overwrite a property LearnerGraph owns and was ignored");
            }
        }
    }

    private static RejectsFile openRejects(Path path, List<String> header, List<String> warnings) throws IOException {
        try {
            return new RejectsFile(path, header);
        } catch (IOException e) {
            Path fallback = Files.createTempDirectory("learnergraph-rejects").resolve(path.getFileName());
            warnings.add("cannot write " + path + " (" + e.getMessage() + "); rejects go to " + fallback);
            return new RejectsFile(fallback, header);
        }
    }

    private static String shapeProblem(CsvReader.CsvRecord record, int columns) {
        if (record.unterminatedQuote()) {
            return "unterminated quoted field";
        }
        if (record.fields().size() != columns) {
            return "expected " + columns + " fields, found " + record.fields().size();
        }
        return null;
    }

    private static Map<String, String> toMap(List<String> header, List<String> fields) {
        Map<String, String> map = new HashMap<>(header.size() * 2);
        for (int i = 0; i < header.size(); i++) {
            map.put(header.get(i), fields.get(i));
        }
        return map;
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The file as a whole cannot be imported (no header, missing columns). */
    private static final class BadFile extends RuntimeException {
        BadFile(String message) {
            super(message, null, false, false);
        }
    }
}
