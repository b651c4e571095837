package io.learnergraph.ingest;

import io.learnergraph.LearnerGraphException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits an import directory at a point in time for offline evaluation: every file is copied
 * with only the rows before the cutoff (events by {@code at}, courses by {@code published_at};
 * users, topics and the catalogue's edges as they are), and the enrolments at or after the
 * cutoff are returned as the held-out truth. Rows whose time does not parse are copied, so the
 * import rejects them with its usual message.
 */
public final class CutoffSplit {

    /** A later enrolment: what the evaluation scores recommendations against. */
    public record HeldOut(String userId, String courseId, Instant at) {
    }

    public record Result(Path before, List<HeldOut> heldOut, long rowsKept, long rowsAfter) {
    }

    private static final Map<String, String> TIME_COLUMN = Map.of("follows.csv", "at", "social.csv", "at",
            "learning.csv", "at", "memberships.csv", "at", "courses.csv", "published_at");

    private CutoffSplit() {
    }

    public static Result split(Path dir, Instant cutoff, Path out) {
        if (!Files.isDirectory(dir)) {
            throw new LearnerGraphException.InvalidInput("DIR", "not a directory: " + dir);
        }
        List<HeldOut> heldOut = new ArrayList<>();
        long kept = 0;
        long after = 0;
        try {
            Files.createDirectories(out);
            for (ImportFile f : ImportFile.values()) {
                Path source = dir.resolve(f.fileName());
                if (!Files.exists(source)) {
                    continue;
                }
                String timeColumn = TIME_COLUMN.get(f.fileName());
                if (timeColumn == null) {
                    Files.copy(source, out.resolve(f.fileName()));
                    continue;
                }
                long[] counts = copyBefore(source, out.resolve(f.fileName()), timeColumn, cutoff,
                        f == ImportFile.LEARNING ? heldOut : null);
                kept += counts[0];
                after += counts[1];
            }
        } catch (IOException e) {
            throw new UncheckedIOException("splitting " + dir + " at " + cutoff + ": " + e.getMessage(), e);
        }
        return new Result(out, heldOut, kept, after);
    }

    private static long[] copyBefore(Path source, Path target, String timeColumn, Instant cutoff, List<HeldOut> heldOut)
            throws IOException {
        long kept = 0;
        long after = 0;
        try (InputStream in = Files.newInputStream(source); CsvReader reader = new CsvReader(in);
             BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            CsvReader.CsvRecord header = reader.next();
            if (header == null) {
                return new long[]{0, 0};
            }
            List<String> columns = header.fields().stream().map(String::strip).toList();
            write(w, header.fields());
            int at = columns.indexOf(timeColumn);
            int user = columns.indexOf("user_id");
            int course = columns.indexOf("course_id");
            int type = columns.indexOf("type");
            for (CsvReader.CsvRecord r = reader.next(); r != null; r = reader.next()) {
                List<String> fields = r.fields();
                Optional<ZonedDateTime> time = at >= 0 && at < fields.size()
                        ? RowValidator.parseTime(fields.get(at).strip()) : Optional.empty();
                if (time.isPresent() && !time.get().toInstant().isBefore(cutoff)) {
                    after++;
                    if (heldOut != null && type < fields.size() && user < fields.size() && course < fields.size()
                            && fields.get(type).strip().equals("enroll")) {
                        heldOut.add(new HeldOut(fields.get(user).strip(), fields.get(course).strip(),
                                time.get().toInstant()));
                    }
                    continue;
                }
                write(w, fields);
                kept++;
            }
        }
        return new long[]{kept, after};
    }

    private static void write(BufferedWriter w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(CsvReader.escape(fields.get(i)));
        }
        w.write('\n');
    }
}
