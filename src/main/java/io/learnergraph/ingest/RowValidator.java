package io.learnergraph.ingest;

import io.learnergraph.model.LearningType;
import io.learnergraph.model.SocialType;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one row of named string fields into the parameters of its import statement, or a
 * rejection naming the field and the reason. The CSV importer and {@code POST /api/events}
 * share it, so a row is accepted or rejected the same way whichever way it arrives.
 */
public final class RowValidator {

    private final List<String> tiers;
    private final ReferenceIndex refs;

    public RowValidator(List<String> tiers, ReferenceIndex refs) {
        this.tiers = tiers;
        this.refs = refs;
    }

    /**
     * Validates a row; accepted node rows are added to the reference index at once, so later
     * rows and files may reference them.
     */
    public RowValidation validate(ImportFile file, Map<String, String> fields) {
        try {
            return switch (file) {
                case USERS -> user(fields);
                case TOPICS -> topic(fields);
                case COURSES -> course(fields);
                case COURSE_TOPICS -> courseTopic(fields);
                case TOPIC_PREREQUISITES -> prerequisite(fields);
                case FOLLOWS -> follow(fields);
                case SOCIAL -> social(fields);
                case LEARNING -> learning(fields);
                case MEMBERSHIPS -> membership(fields);
            };
        } catch (BadField e) {
            return new RowValidation.Rejected(e.getMessage());
        }
    }

    private RowValidation user(Map<String, String> f) {
        String id = required(f, "user_id");
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", optional(f, "name"));
        row.put("tier", tier(f, "tier", true));
        row.put("joinedAt", time(f, "joined_at", false));
        row.put("extra", extra(ImportFile.USERS, f));
        refs.addUser(id);
        return new RowValidation.Accepted(row);
    }

    private RowValidation topic(Map<String, String> f) {
        String id = required(f, "topic_id");
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", optional(f, "name"));
        row.put("extra", extra(ImportFile.TOPICS, f));
        refs.addTopic(id);
        return new RowValidation.Accepted(row);
    }

    private RowValidation course(Map<String, String> f) {
        String id = required(f, "course_id");
        String creator = user(f, "creator_id");
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("creatorId", creator);
        row.put("title", optional(f, "title"));
        row.put("tier", tier(f, "tier", true));
        Double price = number(f, "price", false);
        row.put("price", price == null ? 0.0 : price);
        row.put("publishedAt", time(f, "published_at", false));
        row.put("extra", extra(ImportFile.COURSES, f));
        refs.addCourse(id);
        return new RowValidation.Accepted(row);
    }

    private RowValidation courseTopic(Map<String, String> f) {
        String course = course(f, "course_id");
        String topic = topic(f, "topic_id");
        Double weight = number(f, "weight", false);
        if (weight != null && weight <= 0) {
            throw new BadField("weight must be > 0, was " + f.get("weight"));
        }
        return new RowValidation.Accepted(Map.of("courseId", course, "topicId", topic,
                "weight", weight == null ? 1.0 : weight));
    }

    private RowValidation prerequisite(Map<String, String> f) {
        String topic = topic(f, "topic_id");
        String required = topic(f, "requires_topic_id");
        if (topic.equals(required)) {
            throw new BadField("prerequisite cycle: topic " + topic + " cannot require itself");
        }
        if (!refs.hasPrerequisite(topic, required)) {
            Optional<List<String>> cycle = refs.cycleIfAdded(topic, required);
            if (cycle.isPresent()) {
                throw new BadField("prerequisite cycle: " + String.join(" -> ", cycle.get()));
            }
            refs.addPrerequisite(topic, required);
        }
        return new RowValidation.Accepted(Map.of("topicId", topic, "requiresId", required));
    }

    private RowValidation follow(Map<String, String> f) {
        String follower = user(f, "follower_id");
        String followee = user(f, "followee_id");
        if (follower.equals(followee)) {
            throw new BadField("self-follow: user " + follower + " cannot follow themselves");
        }
        Map<String, Object> row = new HashMap<>();
        row.put("followerId", follower);
        row.put("followeeId", followee);
        row.put("at", time(f, "at", false));
        return new RowValidation.Accepted(row);
    }

    private RowValidation social(Map<String, String> f) {
        String from = user(f, "from_user_id");
        String to = user(f, "to_user_id");
        String typeKey = required(f, "type");
        SocialType type = SocialType.parse(typeKey).orElseThrow(() -> new BadField(
                "unknown type '" + typeKey + "' (allowed: " + SocialType.allowed() + ")"));
        if (from.equals(to)) {
            throw new BadField("self-interaction: user " + from + " cannot " + type.key() + " themselves");
        }
        String course = optional(f, "course_id");
        if (course != null && !refs.hasCourse(course)) {
            throw new BadField("unknown course id '" + course + "' in course_id");
        }
        Map<String, Object> row = new HashMap<>();
        row.put("fromId", from);
        row.put("toId", to);
        row.put("rel", type.relationshipType());
        row.put("at", time(f, "at", true));
        row.put("courseId", course);
        return new RowValidation.Accepted(row);
    }

    private RowValidation learning(Map<String, String> f) {
        String user = user(f, "user_id");
        String course = course(f, "course_id");
        String typeKey = required(f, "type");
        LearningType type = LearningType.parse(typeKey).orElseThrow(() -> new BadField(
                "unknown type '" + typeKey + "' (allowed: " + LearningType.allowed() + ")"));
        boolean valueRequired = type == LearningType.RATE || type == LearningType.PURCHASE;
        Double value = number(f, "value", valueRequired);
        if (value != null && value < 0) {
            throw new BadField("value must be >= 0, was " + f.get("value"));
        }
        if (type == LearningType.RATE && (value < 1 || value > 5)) {
            throw new BadField("rating value must be between 1 and 5, was " + f.get("value"));
        }
        Map<String, Object> row = new HashMap<>();
        row.put("userId", user);
        row.put("courseId", course);
        row.put("rel", type.relationshipType());
        row.put("at", time(f, "at", true));
        row.put("value", value);
        return new RowValidation.Accepted(row);
    }

    private RowValidation membership(Map<String, String> f) {
        String user = user(f, "user_id");
        return new RowValidation.Accepted(Map.of("userId", user, "tier", tier(f, "tier", false),
                "at", time(f, "at", true)));
    }

    // ---- fields

    private static String required(Map<String, String> f, String column) {
        String v = f.get(column);
        if (v == null || v.isBlank()) {
            throw new BadField("missing field " + column);
        }
        return v.strip();
    }

    private static String optional(Map<String, String> f, String column) {
        String v = f.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private String user(Map<String, String> f, String column) {
        String id = required(f, column);
        if (!refs.hasUser(id)) {
            throw new BadField("unknown user id '" + id + "' in " + column);
        }
        return id;
    }

    private String course(Map<String, String> f, String column) {
        String id = required(f, column);
        if (!refs.hasCourse(id)) {
            throw new BadField("unknown course id '" + id + "' in " + column);
        }
        return id;
    }

    private String topic(Map<String, String> f, String column) {
        String id = required(f, column);
        if (!refs.hasTopic(id)) {
            throw new BadField("unknown topic id '" + id + "' in " + column);
        }
        return id;
    }

    /** A configured tier; empty means the lowest tier when {@code defaultLowest}. */
    private String tier(Map<String, String> f, String column, boolean defaultLowest) {
        String v = defaultLowest ? optional(f, column) : required(f, column);
        if (v == null) {
            return tiers.get(0);
        }
        if (!tiers.contains(v)) {
            throw new BadField("unknown tier '" + v + "' in " + column + " (allowed: " + String.join(", ", tiers) + ")");
        }
        return v;
    }

    private static Double number(Map<String, String> f, String column, boolean isRequired) {
        String v = isRequired ? required(f, column) : optional(f, column);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadField("unparsable number '" + v + "' in " + column);
        }
    }

    private static ZonedDateTime time(Map<String, String> f, String column, boolean isRequired) {
        String v = isRequired ? required(f, column) : optional(f, column);
        if (v == null) {
            return null;
        }
        return parseTime(v).orElseThrow(() -> new BadField("unparsable time '" + v + "' in " + column
                + " (expected ISO-8601, e.g. 2026-03-01T09:30:00Z or 2026-03-01)"));
    }

    /**
     * ISO-8601 instant, offset date-time, local date-time (taken as UTC) or date (midnight UTC),
     * always returned in UTC.
     */
    public static Optional<ZonedDateTime> parseTime(String v) {
        ZonedDateTime fast = parseCommonTime(v);
        if (fast != null) {
            return Optional.of(fast);
        }
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
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * The shapes nearly every row has ({@code 2026-03-01}, {@code 2026-03-01T09:30:00}, with an
     * optional fraction and an optional {@code Z} or {@code ±hh:mm}) read without java.time's
     * general parser, which took a quarter of the bulk path's reading time. Anything else, or a
     * value out of range, returns null and goes to {@link #parseTime}'s general path, which decides
     * (a test holds the two to the same answers).
     */
    static ZonedDateTime parseCommonTime(String v) {
        int n = v.length();
        if (n < 10 || !digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 7) || v.charAt(7) != '-'
                || !digits(v, 8, 10)) {
            return null;
        }
        int year = number(v, 0, 4);
        int month = number(v, 5, 7);
        int day = number(v, 8, 10);
        if (month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        if (n == 10) {
            return ZonedDateTime.of(year, month, day, 0, 0, 0, 0, ZoneOffset.UTC);
        }
        if (n < 19 || v.charAt(10) != 'T' || !digits(v, 11, 13) || v.charAt(13) != ':' || !digits(v, 14, 16)
                || v.charAt(16) != ':' || !digits(v, 17, 19)) {
            return null;
        }
        int hour = number(v, 11, 13);
        int minute = number(v, 14, 16);
        int second = number(v, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                nano = nano * 10 + (v.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nano *= 10;
            }
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
        if (i == n) {
            return local.atZone(ZoneOffset.UTC);
        }
        if (i == n - 1 && v.charAt(i) == 'Z') {
            return local.atZone(ZoneOffset.UTC);
        }
        char sign = v.charAt(i);
        if (i == n - 6 && (sign == '+' || sign == '-') && digits(v, i + 1, i + 3) && v.charAt(i + 3) == ':'
                && digits(v, i + 4, i + 6)) {
            int oh = number(v, i + 1, i + 3);
            int om = number(v, i + 4, i + 6);
            if (oh > 18 || om > 59 || oh == 18 && om > 0) {
                return null;
            }
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign == '-' ? -oh : oh, sign == '-' ? -om : om);
            return local.atOffset(offset).atZoneSameInstant(ZoneOffset.UTC);
        }
        return null;
    }

    private static boolean digits(String v, int from, int to) {
        if (to > v.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String v, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x = x * 10 + (v.charAt(i) - '0');
        }
        return x;
    }

    private static Map<String, Object> extra(ImportFile file, Map<String, String> f) {
        Map<String, Object> extra = new HashMap<>();
        for (Map.Entry<String, String> e : f.entrySet()) {
            String column = e.getKey();
            if (file.requiredColumns().contains(column) || file.optionalColumns().contains(column)
                    || ImportFile.RESERVED_PROPERTIES.contains(column) || column.isBlank()) {
                continue;
            }
            String v = e.getValue();
            extra.put(column, v == null || v.isBlank() ? null : v.strip());
        }
        return extra;
    }

    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }
}
