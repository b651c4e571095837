package io.learnergraph.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did, per file.
 *
 * @param files   one entry per file found, in the order applied
 * @param seconds wall time of the whole import
 */
public record ImportReport(Path directory, List<FileReport> files, double seconds) {

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
