package io.learnergraph.cli;

import io.learnergraph.ingest.ImportReport;

import java.util.Locale;

/** The closing table of an import: rows read, imported and rejected per file. */
final class ImportSummary {

    private ImportSummary() {
    }

    static String format(ImportReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nPath: %s (%s)%n", report.mode() == ImportReport.Mode.BULK
                ? "bulk, Neo4j's offline importer" : "transactional, batches of MERGE", report.why()));
        sb.append(String.format(Locale.ROOT, "%-26s %12s %12s %10s %12s%n", "file", "read", "imported", "rejected",
                "rows/s"));
        for (ImportReport.FileReport f : report.files()) {
            sb.append(String.format(Locale.ROOT, "%-26s %12d %12d %10d %12.0f%n", f.file(), f.read(), f.imported(),
                    f.rejected(), f.rowsPerSecond()));
            if (f.error() != null) {
                sb.append("  ERROR ").append(f.file()).append(": ").append(f.error()).append('\n');
            }
            for (String w : f.warnings()) {
                sb.append("  warning: ").append(w).append('\n');
            }
            if (f.rejectsFile() != null) {
                sb.append("  rejected rows and reasons: ").append(f.rejectsFile()).append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "%-26s %12d %12d %10d %12.0f%n", "total", report.totalRead(),
                report.totalImported(), report.totalRejected(),
                report.seconds() > 0 ? report.totalRead() / report.seconds() : 0));
        sb.append(String.format(Locale.ROOT, "%s in %.1f s%n", report.complete() ? "Import complete"
                : "Import finished with errors", report.seconds()));
        return sb.toString();
    }
}
