package io.learnergraph.ingest;

import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowValidatorTest {

    private final ReferenceIndex refs = new ReferenceIndex(Set.of("u1", "u2"), Set.of("c1"), Set.of("a", "b", "c"));
    private final RowValidator validator = new RowValidator(List.of("free", "basic", "premium", "vip"), refs);

    @Test
    void timesAreNormalisedToUtc() {
        assertEquals(ZonedDateTime.parse("2026-03-01T07:30:00Z"),
                RowValidator.parseTime("2026-03-01T09:30:00+02:00").orElseThrow());
        assertEquals(ZonedDateTime.parse("2026-03-01T00:00:00Z"), RowValidator.parseTime("2026-03-01").orElseThrow());
        assertEquals(ZonedDateTime.parse("2026-03-01T09:30:00Z"),
                RowValidator.parseTime("2026-03-01T09:30:00").orElseThrow());
        assertTrue(RowValidator.parseTime("01/03/2026").isEmpty());
        assertTrue(RowValidator.parseTime("2026-02-30").isEmpty());
    }

    @Test
    void anEmptyTierMeansTheLowestAndExtraColumnsBecomeProperties() {
        RowValidation v = validator.validate(ImportFile.USERS, Map.of("user_id", "u9", "tier", "", "city", "Oslo",
                "pagerank", "1.0"));
        Map<String, Object> row = ((RowValidation.Accepted) v).row();
        assertEquals("free", row.get("tier"));
        assertEquals(Map.of("city", "Oslo"), row.get("extra"), "reserved names never become extra properties");
        assertTrue(refs.hasUser("u9"), "an accepted user can be referenced by later rows");
    }

    @Test
    void prerequisiteCyclesAreFoundThroughLongerPaths() {
        assertAccepted(ImportFile.TOPIC_PREREQUISITES, Map.of("topic_id", "c", "requires_topic_id", "b"));
        assertAccepted(ImportFile.TOPIC_PREREQUISITES, Map.of("topic_id", "b", "requires_topic_id", "a"));
        RowValidation v = validator.validate(ImportFile.TOPIC_PREREQUISITES,
                Map.of("topic_id", "a", "requires_topic_id", "c"));
        assertEquals(new RowValidation.Rejected("prerequisite cycle: a -> c -> b -> a"), v);
        // the same edge again is not a cycle: re-imports stay clean
        assertAccepted(ImportFile.TOPIC_PREREQUISITES, Map.of("topic_id", "c", "requires_topic_id", "b"));
    }

    @Test
    void membershipNeedsAKnownTier() {
        assertEquals(new RowValidation.Rejected("unknown tier 'gold' in tier (allowed: free, basic, premium, vip)"),
                validator.validate(ImportFile.MEMBERSHIPS, Map.of("user_id", "u1", "tier", "gold", "at", "2026-01-01")));
        assertEquals(new RowValidation.Rejected("missing field at"),
                validator.validate(ImportFile.MEMBERSHIPS, Map.of("user_id", "u1", "tier", "basic")));
    }

    private void assertAccepted(ImportFile file, Map<String, String> fields) {
        RowValidation v = validator.validate(file, fields);
        assertTrue(v instanceof RowValidation.Accepted, v.toString());
    }
}
