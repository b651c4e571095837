package io.learnergraph.ingest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast path for common time shapes answers exactly as java.time's general parser does. */
class TimeParsingTest {

    /** The general path alone, as {@code RowValidator.parseTime} was before its fast path. */
    private static Optional<ZonedDateTime> general(String v) {
        try {
            if (v.length() == 10) {
                return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC));
            }
            char last = v.charAt(v.length() - 1);
            boolean hasOffset = last == 'Z' || last == 'z' || v.lastIndexOf('+') > 10 || v.lastIndexOf('-') > 10;
            if (hasOffset) {
                return Optional.of(OffsetDateTime.parse(v.toUpperCase()).atZoneSameInstant(ZoneOffset.UTC));
            }
            return Optional.of(LocalDateTime.parse(v).atZone(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Test
    void handPickedShapesAndEdges() {
        List<String> cases = List.of("2026-03-01", "2026-03-01T09:30:00Z", "2026-03-01T09:30:00", "2026-03-01T09:30:00+02:00",
                "2026-03-01T00:30:00+05:30", "2026-03-01T23:59:59-11:45", "2026-03-01T09:30:00.5Z",
                "2026-03-01T09:30:00.123456789Z", "2026-03-01T09:30:00.1234567891Z", "2026-03-01T09:30:00.Z",
                "2024-02-29", "2023-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-03-01T24:00:00Z",
                "2026-03-01T09:60:00Z", "2026-03-01T09:30:60Z", "2026-03-01T09:30", "2026-03-01t09:30:00z",
                "2026-03-01T09:30:00+18:00", "2026-03-01T09:30:00+19:00", "2026-03-01T09:30:00-00:00",
                "2026-03-01T09:30:00+0200", "2026-3-01", "20260301", "2026-03-01 09:30:00", "x026-03-01",
                "2026-03-01T09:30:00+02:00[Europe/Paris]", "0000-01-01", "9999-12-31T23:59:59.999999999Z",
                "2026-03-01T09:30:00.000Z", "2026-03-01T09:30:00+02", "2026-03-01T09:30:00ZZ");
        for (String v : cases) {
            assertEquals(general(v), RowValidator.parseTime(v), v);
        }
        assertNull(RowValidator.parseCommonTime("2026-03-01T09:30"), "an uncommon shape goes to the general path");
    }

    @Test
    void randomValidAndMangledTimesAgree() {
        Random random = new Random(11);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02d", random.nextInt(3000), random.nextInt(14),
                    random.nextInt(33)));
            if (random.nextInt(4) > 0) {
                b.append(String.format("T%02d:%02d:%02d", random.nextInt(26), random.nextInt(62), random.nextInt(62)));
                if (random.nextBoolean()) {
                    b.append('.').append(String.format("%09d", random.nextInt(1_000_000_000)), 0, 1 + random.nextInt(9));
                }
                switch (random.nextInt(4)) {
                    case 0 -> b.append('Z');
                    case 1 -> b.append(String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(20),
                            random.nextInt(61)));
                    default -> { }
                }
            }
            cases.add(b.toString());
        }
        for (String v : cases) {
            assertEquals(general(v), RowValidator.parseTime(v), v);
        }
    }
}
