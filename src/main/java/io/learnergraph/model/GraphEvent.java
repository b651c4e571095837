package io.learnergraph.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One accepted event as the change feed carries it to every instance: a follow, a social
 * interaction, a learning event or a membership change, by external ids. Times are epoch minutes
 * (the projection's resolution); {@link #NO_MINUTE} when the row had none.
 *
 * @param kind  FOLLOW, SOCIAL, LEARNING or MEMBERSHIP
 * @param from  the acting user
 * @param to    the other end: a user (follow, social), a course (learning), a tier (membership)
 * @param type  the relationship type (FOLLOWS, COMMENTED, VIEWED, ..., SUBSCRIBED)
 * @param value seconds, stars or amount of a learning event; NaN when absent
 */
public record GraphEvent(Kind kind, String from, String to, String type, long minute, double value) {

    public static final long NO_MINUTE = Long.MIN_VALUE;

    public enum Kind { FOLLOW, SOCIAL, LEARNING, MEMBERSHIP }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The event a validated import or API row becomes (the row maps of the import statements:
     * {@code followerId/followeeId}, {@code fromId/toId/rel}, {@code userId/courseId/rel/value},
     * {@code userId/tier}), or null for rows that are not events (nodes, topics, prerequisites).
     */
    public static GraphEvent fromRow(Map<String, Object> row) {
        // truncated as the projection's Cypher does (epochSeconds / 60), so a replayed event matches
        long minute = row.get("at") instanceof ZonedDateTime t ? t.toEpochSecond() / 60 : NO_MINUTE;
        if (row.containsKey("followerId")) {
            return new GraphEvent(Kind.FOLLOW, (String) row.get("followerId"), (String) row.get("followeeId"),
                    "FOLLOWS", minute, Double.NaN);
        }
        if (row.containsKey("fromId")) {
            return new GraphEvent(Kind.SOCIAL, (String) row.get("fromId"), (String) row.get("toId"),
                    (String) row.get("rel"), minute, Double.NaN);
        }
        if (row.containsKey("courseId") && row.containsKey("rel")) {
            Object v = row.get("value");
            return new GraphEvent(Kind.LEARNING, (String) row.get("userId"), (String) row.get("courseId"),
                    (String) row.get("rel"), minute, v == null ? Double.NaN : ((Number) v).doubleValue());
        }
        if (row.containsKey("tier") && row.containsKey("userId") && !row.containsKey("id")) {
            return new GraphEvent(Kind.MEMBERSHIP, (String) row.get("userId"), (String) row.get("tier"), "SUBSCRIBED",
                    minute, Double.NaN);
        }
        return null;
    }

    /** Compact JSON: an array of {@code [kind, from, to, type, minute|null, value|null]}. */
    public static String encode(List<GraphEvent> events) {
        StringWriter out = new StringWriter(events.size() * 64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (GraphEvent e : events) {
                g.writeStartArray();
                g.writeString(e.kind().name());
                g.writeString(e.from());
                g.writeString(e.to());
                g.writeString(e.type());
                if (e.minute() == NO_MINUTE) {
                    g.writeNull();
                } else {
                    g.writeNumber(e.minute());
                }
                if (Double.isNaN(e.value())) {
                    g.writeNull();
                } else {
                    g.writeNumber(e.value());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The events of {@link #encode}'s output. */
    public static List<GraphEvent> decode(String json) {
        List<GraphEvent> events = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                Kind kind = Kind.valueOf(text(p));
                String from = text(p);
                String to = text(p);
                String type = text(p);
                long minute = p.nextToken() == JsonToken.VALUE_NULL ? NO_MINUTE : p.getLongValue();
                double value = p.nextToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue();
                expect(p.nextToken(), JsonToken.END_ARRAY);
                events.add(new GraphEvent(kind, from, to, type, minute, value));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a change payload: " + e.getMessage(), e);
        }
        return events;
    }

    private static String text(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("not a change payload: expected " + expected + ", found " + actual);
        }
    }
}
