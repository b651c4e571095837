package io.learnergraph.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {

    private static List<CsvReader.CsvRecord> read(byte[] bytes) throws IOException {
        List<CsvReader.CsvRecord> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes))) {
            for (CsvReader.CsvRecord rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec);
            }
        }
        return out;
    }

    private static List<CsvReader.CsvRecord> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rfc4180QuotingWithLineNumbersOfRecordStarts() throws IOException {
        List<CsvReader.CsvRecord> records = read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n 1 , 2 ,3\n");
        assertEquals(List.of("a", "b", "c"), records.get(0).fields());
        assertEquals(List.of("x, y", "say \"hi\"", "two\nlines"), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(List.of("1", "2", "3"), records.get(2).fields(), "unquoted fields are trimmed");
        assertEquals(5, records.get(2).line(), "the quoted line break and the blank line are counted");
    }

    @Test
    void byteOrderMarkIsSkippedAndMissingFinalNewlineIsFine() throws IOException {
        List<CsvReader.CsvRecord> records = read("\uFEFFuser_id,name\nu1,Ann");
        assertEquals("user_id", records.get(0).fields().get(0));
        assertEquals(List.of("u1", "Ann"), records.get(1).fields());
    }

    @Test
    void emptyFieldsAreKept() throws IOException {
        assertEquals(List.of("", "b", ""), read(",b,\n").get(0).fields());
    }

    @Test
    void anUnterminatedQuoteIsFlagged() throws IOException {
        CsvReader.CsvRecord r = read("a,\"never closed\n").get(0);
        assertTrue(r.unterminatedQuote());
    }

    @Test
    void invalidUtf8IsAnErrorNotAReplacement() {
        byte[] bad = {'a', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThrows(CharacterCodingException.class, () -> read(bad));
    }

    @Test
    void escapeQuotesOnlyWhenNeeded() {
        assertEquals("plain", CsvReader.escape("plain"));
        assertEquals("\"a,b\"", CsvReader.escape("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReader.escape("say \"hi\""));
    }
}
