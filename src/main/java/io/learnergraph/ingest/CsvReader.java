package io.learnergraph.ingest;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma separated, fields optionally in double quotes, {@code ""}
 * for a quote inside quotes, line breaks allowed inside quotes, CRLF or LF, an optional UTF-8
 * byte order mark. Input that is not UTF-8 is an error, never silently replaced.
 */
public final class CsvReader implements Closeable {

    /** One record and the physical line it starts on (1-based, the header is line 1). */
    public record CsvRecord(long line, List<String> fields, boolean unterminatedQuote) {
    }

    private final Reader in;
    private final CountingInputStream counter;
    /** Our own buffer: {@code BufferedReader.read()} takes a lock per character. */
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private boolean first = true;

    public CsvReader(InputStream raw) {
        this.counter = new CountingInputStream(raw);
        this.in = new InputStreamReader(counter, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Bytes consumed from the underlying stream so far (read-ahead included). */
    public long bytesRead() {
        return counter.count;
    }

    /** The next record, or {@code null} at the end of input. Blank lines are skipped. */
    public CsvRecord next() throws IOException {
        while (true) {
            int c = read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = read();
                }
            }
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            return readRecord(c);
        }
    }

    private CsvRecord readRecord(int c) throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder(32);
        boolean inQuotes = false;
        boolean quotedField = false;
        while (true) {
            if (c == -1) {
                fields.add(field.toString());
                return new CsvRecord(start, fields, inQuotes);
            }
            if (inQuotes) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(quotedField ? field.toString() : field.toString().strip());
                field.setLength(0);
                quotedField = false;
            } else if (c == '\n') {
                line++;
                fields.add(quotedField ? field.toString() : field.toString().strip());
                return new CsvRecord(start, fields, false);
            } else if (c == '\r') {
                // part of CRLF; a lone CR inside an unquoted field is dropped as well
            } else if (c == '"' && field.length() == 0 && !quotedField) {
                inQuotes = true;
                quotedField = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (position < limit) {
            return buffer[position++];
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return -1;
        }
        position = 1;
        limit = n;
        return buffer[0];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Quotes a value for writing back out (rejects files), only when it needs it. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
