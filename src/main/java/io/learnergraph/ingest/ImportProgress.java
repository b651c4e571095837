package io.learnergraph.ingest;

/** Receives progress while an import runs (the command line draws it on a terminal). */
public interface ImportProgress {

    ImportProgress NONE = new ImportProgress() {
    };

    /** Called about once per batch. */
    default void update(String file, long rows, long bytesRead, long totalBytes, long startNanos) {
    }

    default void fileDone(ImportReport.FileReport report) {
    }

    /** Work after the files were read (the bulk path's importer finishing the store), in percent. */
    default void stage(String what, int percent) {
    }
}
