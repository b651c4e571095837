package io.learnergraph.ingest;

import io.learnergraph.model.GraphCounts;
import io.learnergraph.store.CypherQuery;
import io.learnergraph.store.Neo4jStore;
import io.learnergraph.store.StatsStore;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports graph-import/sample into embedded Neo4j: exact counts, properties, idempotence. */
@MicronautTest(startApplication = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportIT extends GraphTestSupport {

    /** Counted by hand from the sample files. */
    static final Map<String, Long> SAMPLE_NODES = Map.of("User", 6L, "Topic", 5L, "Course", 5L, "Tier", 4L);
    static final Map<String, Long> SAMPLE_RELATIONSHIPS = Map.ofEntries(
            Map.entry("CREATED", 5L), Map.entry("COVERS", 6L), Map.entry("REQUIRES", 4L), Map.entry("FOLLOWS", 7L),
            Map.entry("COMMENTED", 1L), Map.entry("REPLIED", 1L), Map.entry("LIKED", 1L), Map.entry("TIPPED", 1L),
            Map.entry("ANSWERED", 1L), Map.entry("MENTIONED", 1L), Map.entry("SHARED", 1L),
            Map.entry("VIEWED", 4L), Map.entry("ENROLLED", 5L), Map.entry("PROGRESSED", 1L), Map.entry("COMPLETED", 3L),
            Map.entry("RATED", 2L), Map.entry("PURCHASED", 2L), Map.entry("SUBSCRIBED", 4L));

    @Inject
    GraphImporter importer;
    @Inject
    StatsStore stats;
    @Inject
    Neo4jStore store;

    private final Path sample = copyOf(sampleDir());
    private String fingerprintAfterFirstImport;

    @Test
    @Order(1)
    void importsTheSampleSetWithExactCounts() {
        ImportReport report = importer.importDirectory(sample, ImportProgress.NONE);

        assertTrue(report.complete(), () -> "errors: " + report);
        assertEquals(0, report.totalRejected());
        // 6 users + 5 topics + 4 prerequisites + 5 courses + 6 course topics + 7 follows + 7 social
        // + 17 learning + 4 memberships
        assertEquals(61, report.totalRead());
        assertEquals(report.totalRead(), report.totalImported());
        GraphCounts counts = stats.counts();
        assertEquals(SAMPLE_NODES, counts.nodes());
        assertEquals(SAMPLE_RELATIONSHIPS, counts.relationships());
        assertFalse(Files.exists(sample.resolve("rejects")), "no rejects directory when nothing was rejected");
        fingerprintAfterFirstImport = stats.fingerprint();
    }

    @Test
    @Order(2)
    void setsPropertiesTiersAndExtraColumns() {
        List<Map<String, Object>> users = store.inRead(tx -> tx.run(
                "MATCH (u:User) RETURN u.id AS id, u.tier AS tier, u.country AS country ORDER BY id").list(r -> r.asMap()));
        // u4 went free → basic → free: the latest membership wins over users.csv's tier
        assertEquals(List.of("premium", "basic", "free", "free", "vip", "basic"),
                users.stream().map(u -> u.get("tier")).toList());
        assertEquals("GB", users.get(0).get("country"));
        Map<String, Object> c5 = store.inRead(tx -> tx.run(
                "MATCH (c:Course {id:'c5'})-[r:COVERS]->(t) RETURN c.language AS language, c.price AS price, "
                        + "r.weight AS weight, t.id AS topic").single().asMap());
        assertEquals(Map.of("language", "en", "price", 0.0, "weight", 1.0, "topic", "calculus"), c5);
        Map<String, Object> rating = store.inRead(tx -> tx.run(
                "MATCH (:User {id:'u3'})-[r:RATED]->(:Course {id:'c1'}) RETURN r.value AS value, "
                        + "toString(r.at) AS at").single().asMap());
        assertEquals(Map.of("value", 5.0, "at", "2026-01-20T20:05:00Z"), rating);
        String creator = store.inRead(tx -> tx.run(
                "MATCH (u:User)-[:CREATED]->(:Course {id:'c4'}) RETURN u.id AS id").single().get("id").asString());
        assertEquals("u5", creator);
    }

    @Test
    @Order(3)
    void reimportingTheSameDirectoryChangesNothing() {
        ImportReport again = importer.importDirectory(sample, ImportProgress.NONE);

        assertTrue(again.complete());
        assertEquals(0, again.totalRejected());
        assertEquals(SAMPLE_NODES, stats.counts().nodes());
        assertEquals(SAMPLE_RELATIONSHIPS, stats.counts().relationships());
        assertNotNull(fingerprintAfterFirstImport);
        assertEquals(fingerprintAfterFirstImport, stats.fingerprint());
    }

    @Test
    @Order(4)
    void aFileWithoutRequiredColumnsIsAnErrorNamingItAndTheRestIsImported() throws IOException {
        Path dir = newTempDir("bad-header");
        Files.writeString(dir.resolve("users.csv"), "user_id,name\nu100,New User\n");
        Files.writeString(dir.resolve("follows.csv"), "follower,followee\nu100,u1\n");
        Files.writeString(dir.resolve("topics.csv"), "");

        ImportReport report = importer.importDirectory(dir, ImportProgress.NONE);

        assertFalse(report.complete());
        Map<String, ImportReport.FileReport> byFile = byFile(report);
        assertNull(byFile.get("users.csv").error());
        assertEquals(1, byFile.get("users.csv").imported());
        assertTrue(byFile.get("follows.csv").error().contains("follower_id, followee_id"),
                byFile.get("follows.csv").error());
        assertTrue(byFile.get("topics.csv").error().contains("empty"), byFile.get("topics.csv").error());
        assertEquals(7L, stats.counts().nodes().get("User"));
        store.write(CypherQuery.PING, Map.of()); // the store is still usable
    }

    @Test
    @Order(5)
    void everyBadRowGoesToTheRejectsFileWithItsLineAndReason() throws IOException {
        Path dir = newTempDir("bad-rows");
        Files.writeString(dir.resolve("users.csv"), String.join("\n",
                "user_id,name,tier,joined_at",
                "u200,Ok,free,2026-01-01",
                ",No Id,free,2026-01-01",
                "u201,Bad Tier,platinum,2026-01-01",
                "u202,Bad Time,free,yesterday",
                "u203,\"Too\",many,fields,here",
                "u204,\"Multi",
                "line name\",free,2026-01-02",
                ""));
        Files.writeString(dir.resolve("follows.csv"), String.join("\n",
                "follower_id,followee_id,at",
                "u200,u200,2026-01-02",
                "u200,ghost,2026-01-02",
                "u200,u204,2026-01-02",
                ""));
        Files.writeString(dir.resolve("topic_prerequisites.csv"), String.join("\n",
                "topic_id,requires_topic_id",
                "calculus,dl",
                "algebra,nowhere",
                "ml,ml",
                ""));
        Files.writeString(dir.resolve("learning.csv"), String.join("\n",
                "user_id,course_id,type,at,value",
                "u200,c1,binge,2026-01-03,",
                "u200,c1,rate,2026-01-03,6",
                "u200,c1,view,2026-01-03,abc",
                "u200,c9,view,2026-01-03,10",
                "u200,c1,purchase,2026-01-03,",
                "u200,c1,view,2026-01-03T10:00:00+02:00,-5",
                "u200,c1,enroll,2026-01-03,",
                ""));
        Files.writeString(dir.resolve("social.csv"), String.join("\n",
                "from_user_id,to_user_id,type,at,course_id",
                "u200,u1,hug,2026-01-03,",
                "u200,u1,like,2026-01-03,c77",
                "u1,u1,like,2026-01-03,",
                ""));

        ImportReport report = importer.importDirectory(dir, ImportProgress.NONE);
        Map<String, ImportReport.FileReport> byFile = byFile(report);

        assertTrue(report.complete(), "bad rows do not make a file unreadable");
        assertEquals(2, byFile.get("users.csv").imported()); // u200 and the multi-line u204
        assertEquals(List.of(
                        "line,reason,user_id,name,tier,joined_at",
                        "3,missing field user_id,,No Id,free,2026-01-01",
                        "4,\"unknown tier 'platinum' in tier (allowed: free, basic, premium, vip)\",u201,Bad Tier,platinum,2026-01-01",
                        "5,\"unparsable time 'yesterday' in joined_at (expected ISO-8601, e.g. 2026-03-01T09:30:00Z or 2026-03-01)\",u202,Bad Time,free,yesterday",
                        "6,\"expected 4 fields, found 5\",u203,Too,many,fields,here"),
                rejects(dir, "users.csv"));
        assertEquals(List.of("2: self-follow: user u200 cannot follow themselves",
                        "3: unknown user id 'ghost' in followee_id"),
                reasons(dir, "follows.csv"));
        assertEquals(List.of("2: prerequisite cycle: calculus -> dl -> ml -> probability -> calculus",
                        "3: unknown topic id 'nowhere' in requires_topic_id",
                        "4: prerequisite cycle: topic ml cannot require itself"),
                reasons(dir, "topic_prerequisites.csv"));
        assertEquals(List.of(
                        "2: unknown type 'binge' (allowed: view, enroll, progress, complete, rate, purchase)",
                        "3: rating value must be between 1 and 5, was 6",
                        "4: unparsable number 'abc' in value",
                        "5: unknown course id 'c9' in course_id",
                        "6: missing field value",
                        "7: value must be >= 0, was -5"),
                reasons(dir, "learning.csv"));
        assertEquals(1, byFile.get("learning.csv").imported());
        assertEquals(List.of(
                        "2: unknown type 'hug' (allowed: comment, reply, like, share, tip, answer, mention)",
                        "3: unknown course id 'c77' in course_id",
                        "4: self-interaction: user u1 cannot like themselves"),
                reasons(dir, "social.csv"));
        // nothing phantom was created
        long phantoms = store.inRead(tx -> tx.run("MATCH (n) WHERE n.id IN ['ghost','nowhere','c9','c77'] "
                + "RETURN count(n) AS n").single().get("n").asLong());
        assertEquals(0, phantoms);
        assertEquals((Object) SAMPLE_RELATIONSHIPS.get("REQUIRES"), stats.counts().relationships().get("REQUIRES"));

        // a second run writes its own rejects, not an accumulation
        importer.importDirectory(dir, ImportProgress.NONE);
        assertEquals(5, rejects(dir, "users.csv").size());
    }

    private static Map<String, ImportReport.FileReport> byFile(ImportReport report) {
        return report.files().stream().collect(java.util.stream.Collectors.toMap(
                ImportReport.FileReport::file, f -> f));
    }

    private static List<String> rejects(Path dir, String file) throws IOException {
        return Files.readAllLines(dir.resolve("rejects").resolve(file), StandardCharsets.UTF_8);
    }

    /** "line: reason" of each rejected row, read back with the CSV reader. */
    private static List<String> reasons(Path dir, String file) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        try (CsvReader csv = new CsvReader(Files.newInputStream(dir.resolve("rejects").resolve(file)))) {
            csv.next(); // header
            for (CsvReader.CsvRecord r = csv.next(); r != null; r = csv.next()) {
                out.add(r.fields().get(0) + ": " + r.fields().get(1));
            }
        }
        return out;
    }
}
