package io.learnergraph.ingest;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code DIR/rejects/<file>}: every rejected row with its line number and reason, followed by
 * the row's own fields, so it can be fixed and imported again. Created on the first reject.
 */
final class RejectsFile implements Closeable {

    private final Path path;
    private final List<String> header;
    private BufferedWriter out;

    RejectsFile(Path path, List<String> header) throws IOException {
        this.path = path;
        this.header = header;
        Files.deleteIfExists(path); // a rerun reports its own rejects, not the last run's
    }

    Path path() {
        return path;
    }

    boolean used() {
        return out != null;
    }

    void write(long line, String reason, List<String> fields) throws IOException {
        if (out == null) {
            Files.createDirectories(path.getParent());
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write("line,reason");
            for (String h : header) {
                out.write(',');
                out.write(CsvReader.escape(h));
            }
            out.write('\n');
        }
        out.write(Long.toString(line));
        out.write(',');
        out.write(CsvReader.escape(reason));
        for (String f : fields) {
            out.write(',');
            out.write(CsvReader.escape(f));
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
