package io.learnergraph.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one CSV file of an import: its header, every row's shape and validation, the rejects
 * file and the progress display. Accepted rows go to a {@link Sink}: transactions (the
 * incremental path) or the offline importer (the bulk path). Both paths share this loop, so a
 * row is accepted or rejected, reported and counted the same way whichever path writes it.
 */
final class FileImport {

    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);

    /** A row the database refused after it was accepted, rejected with the database's reason. */
    record Refusal(long line, List<String> fields, String reason) {
    }

    /** Where accepted rows go. */
    interface Sink {
        /** The file's header (lower-cased), before its first row. */
        default void begin(ImportFile file, List<String> header) {
        }

        /**
         * Takes one accepted row of {@code file}; returns rows that earlier writes refused
         * (normally none).
         */
        List<Refusal> accept(ImportFile file, long line, List<String> fields, Map<String, Object> row)
                throws IOException;

        /** The file has ended: writes what is pending, returns the last refusals. */
        List<Refusal> finish(ImportFile file) throws IOException;
    }

    private FileImport() {
    }

    static ImportReport.FileReport read(Path dir, ImportFile file, RowValidator validator, Sink sink,
                                        ImportProgress progress) {
        Path path = dir.resolve(file.fileName());
        long start = System.nanoTime();
        long totalBytes = sizeOf(path);
        long read = 0;
        long refused = 0;
        long rejected = 0;
        String error = null;
        List<String> warnings = new ArrayList<>();
        Path rejectsPath = dir.resolve("rejects").resolve(file.fileName());
        RejectsFile rejects = null;
        boolean aborted = false;
        try (InputStream in = Files.newInputStream(path); CsvReader csv = new CsvReader(in)) {
            CsvReader.CsvRecord headerRecord = csv.next();
            if (headerRecord == null) {
                throw new BadFile("file is empty: a header row is required ("
                        + String.join(",", file.requiredColumns()) + ", ...)");
            }
            List<String> header = headerRecord.fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            checkHeader(file, header, warnings);
            rejects = openRejects(rejectsPath, header, warnings);
            sink.begin(file, header);
            CsvReader.CsvRecord record;
            while ((record = csv.next()) != null) {
                read++;
                String problem = shapeProblem(record, header.size());
                RowValidation result = problem != null
                        ? new RowValidation.Rejected(problem)
                        : validator.validate(file, toMap(header, record.fields()));
                if (result instanceof RowValidation.Accepted accepted) {
                    List<Refusal> r = sink.accept(file, record.line(), record.fields(), accepted.row());
                    if (!r.isEmpty()) {
                        refused += write(r, rejects);
                    }
                } else {
                    rejects.write(record.line(), ((RowValidation.Rejected) result).reason(), record.fields());
                    rejected++;
                }
                if ((read & 1023) == 0) {
                    progress.update(file.fileName(), read, csv.bytesRead(), totalBytes, start);
                }
            }
            progress.update(file.fileName(), read, totalBytes, totalBytes, start);
        } catch (BadFile e) {
            error = e.getMessage();
        } catch (CharacterCodingException e) {
            error = "not valid UTF-8 after line " + (read + 1) + "; rows before it were imported";
        } catch (IOException e) {
            error = "cannot read: " + e.getMessage();
        } catch (RuntimeException e) {
            aborted = true; // the database went away: nothing more can be written
            throw e;
        } finally {
            if (rejects != null) {
                if (!aborted) {
                    // what was accepted is written, also when the file broke off
                    try {
                        refused += write(sink.finish(file), rejects);
                    } catch (IOException e) {
                        error = error != null ? error : "cannot write: " + e.getMessage();
                    }
                }
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
        rejected += refused;
        ImportReport.FileReport report = new ImportReport.FileReport(file.fileName(), read, read - rejected, rejected,
                (System.nanoTime() - start) / 1e9, error, rejects != null && rejects.used() ? rejects.path() : null,
                List.copyOf(warnings));
        progress.fileDone(report);
        return report;
    }

    private static long write(List<Refusal> refusals, RejectsFile rejects) throws IOException {
        for (Refusal r : refusals) {
            rejects.write(r.line(), r.reason(), r.fields());
        }
        return refusals.size();
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
