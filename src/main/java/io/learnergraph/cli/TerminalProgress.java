package io.learnergraph.cli;

import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;

import java.io.PrintStream;
import java.util.Locale;

/** One self-overwriting progress line per file, only when attached to a terminal. */
final class TerminalProgress implements ImportProgress {

    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private long lastDraw;

    TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(String file, long rows, long bytesRead, long totalBytes, long startNanos) {
        long now = System.nanoTime();
        if (!terminal || now - lastDraw < 250_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : 0;
        double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
        out.printf(Locale.ROOT, "\r%-24s %,12d rows %,10.0f rows/s %5.1f%%  ETA %5.0fs ", file, rows, rows / seconds,
                fraction * 100, eta);
    }

    @Override
    public void stage(String what, int percent) {
        if (terminal) {
            out.printf(Locale.ROOT, "\r%-24s %3d%%%s", what, percent, " ".repeat(50));
        }
    }

    @Override
    public void fileDone(ImportReport.FileReport report) {
        if (terminal) {
            out.print("\r" + " ".repeat(90) + "\r");
        }
    }
}
