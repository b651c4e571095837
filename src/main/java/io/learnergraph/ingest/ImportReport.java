package io.learnergraph.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did, per file.
 *
 * @param files   one entry per file found, in the order applied
 * @param seconds wall time of the whole import
 * @param mode    how it was written: {@link Mode#BULK} or {@link Mode#TRANSACTIONAL}
 * @param why     why that path was taken, for the command's output
 */
public record ImportReport(Path directory, List<FileReport> files, double seconds, Mode mode, String why) {

    /** The two write paths of an import (graph-import/README.md). */
    public enum Mode {
        /** Neo4j's offline importer builds the store of an empty embedded database. */
        BULK,
        /** Batches of MERGE statements in transactions, into any database. */
        TRANSACTIONAL
    }

    /**
     * @param error       why the file could not be (fully) read, or null
     * @param rejectsFile where rejected rows were written, or null when none were
     */
    public record FileReport(String file, long read, long imported, long rejected, double seconds,
                             String error, Path rejectsFile, List<String> warnings) {

        public double rowsPerSecond() {
            return seconds > 0 ? read / seconds : 0;
        }
    }

    /** True when every file present was read to its end (rejected rows do not count against it). */
    public boolean complete() {
        return files.stream().allMatch(f -> f.error() == null);
    }

    public long totalRead() {
        return files.stream().mapToLong(FileReport::read).sum();
    }

    public long totalImported() {
        return files.stream().mapToLong(FileReport::imported).sum();
    }

    public long totalRejected() {
        return files.stream().mapToLong(FileReport::rejected).sum();
    }
}
