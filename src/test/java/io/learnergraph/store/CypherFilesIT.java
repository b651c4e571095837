package io.learnergraph.store;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in cypher/ is registered, and every registered statement runs against the sample
 * graph with example parameters (writes in a transaction that is rolled back). Files nobody
 * runs rot; this keeps them honest.
 */
@MicronautTest(startApplication = false)
class CypherFilesIT extends GraphTestSupport {

    private static final ZonedDateTime AT = ZonedDateTime.parse("2026-04-01T00:00:00Z");

    /** Example parameters per statement; a new statement without an entry fails the test. */
    static Map<CypherQuery, Map<String, Object>> examples() {
        Map<CypherQuery, Map<String, Object>> m = new EnumMap<>(CypherQuery.class);
        Map<String, Object> none = Map.of();
        for (CypherQuery q : CypherQuery.values()) {
            if (q.name().startsWith("SCHEMA_") && q != CypherQuery.SCHEMA_MERGE_TIERS) {
                m.put(q, none);
            }
        }
        m.put(CypherQuery.SCHEMA_MERGE_TIERS, Map.of("tiers", List.of(Map.of("name", "free", "rank", 0))));
        m.put(CypherQuery.IMPORT_USERS, rows(Map.of("id", "x1", "name", "X", "tier", "free", "joinedAt", AT,
                "extra", Map.of("country", "FR"))));
        m.put(CypherQuery.IMPORT_TOPICS, rows(Map.of("id", "tx", "name", "T", "extra", Map.of())));
        m.put(CypherQuery.IMPORT_COURSES, rows(Map.of("id", "cx", "creatorId", "u1", "title", "C", "tier", "free",
                "price", 0.0, "publishedAt", AT, "extra", Map.of())));
        m.put(CypherQuery.IMPORT_COURSE_TOPICS, rows(Map.of("courseId", "c1", "topicId", "ml", "weight", 0.5)));
        m.put(CypherQuery.IMPORT_TOPIC_PREREQUISITES, rows(Map.of("topicId", "dl", "requiresId", "algebra")));
        m.put(CypherQuery.IMPORT_FOLLOWS, rows(Map.of("followerId", "u5", "followeeId", "u3", "at", AT)));
        for (CypherQuery q : CypherQuery.values()) {
            if (q.name().startsWith("SOCIAL_")) {
                m.put(q, rows(Map.of("fromId", "u5", "toId", "u3", "at", AT, "courseId", "c1")));
            } else if (q.name().startsWith("LEARNING_")) {
                m.put(q, rows(Map.of("userId", "u5", "courseId", "c2", "at", AT, "value", 10.0)));
            }
        }
        m.put(CypherQuery.IMPORT_MEMBERSHIPS, rows(Map.of("userId", "u5", "tier", "basic", "at", AT)));
        m.put(CypherQuery.PROJECTION_SOCIAL, Map.of("noTime", Long.MIN_VALUE));
        m.put(CypherQuery.PROJECTION_LEARNING, Map.of("noTime", Long.MIN_VALUE, "noValue", Double.NaN));
        m.put(CypherQuery.PROJECTION_MEMBERSHIPS, Map.of("noTime", Long.MIN_VALUE));
        m.put(CypherQuery.WRITE_USER_SCORES, rows(Map.of("nodeId", 0L, "communityId", 1, "pagerank", 0.1,
                "betweenness", 0.0, "eigenvector", 0.2, "harmonic", 3.0, "coreness", 2)));
        m.put(CypherQuery.DELETE_USER, Map.of("id", "u6"));
        m.put(CypherQuery.WRITE_CHURN_RISK, Map.of("rows", List.of(Map.of("nodeId", 0L, "risk", 0.25)),
                "scoredAt", "2026-03-01T00:00:00Z"));
        m.put(CypherQuery.SAVE_CHURN_MODEL, Map.of("model", "{}", "trainedAt", "2026-03-02T00:00:00Z",
                "asOf", "2026-03-01T00:00:00Z", "auc", 0.9));
        m.put(CypherQuery.LATEST_CHURN_MODEL, Map.of());
        m.put(CypherQuery.COURSE_DETAILS, Map.of("id", "c1"));
        Map<String, Object> change = new java.util.HashMap<>();
        change.put("kind", "events");
        change.put("origin", "test");
        change.put("payload", "[]");
        change.put("userId", null);
        m.put(CypherQuery.APPEND_CHANGE, change);
        m.put(CypherQuery.CHANGES_AFTER, Map.of("after", 0L, "limit", 10));
        m.put(CypherQuery.LATEST_CHANGE, Map.of());
        m.put(CypherQuery.OLDEST_CHANGE, Map.of());
        m.put(CypherQuery.FEED_IDENTITY, Map.of());
        m.put(CypherQuery.PRUNE_CHANGES, Map.of("before", 0L, "keep", 10L, "limit", 10));
        m.put(CypherQuery.EXISTING_USER_IDS, Map.of("ids", List.of("u1", "nobody")));
        m.put(CypherQuery.EXISTING_COURSE_IDS, Map.of("ids", List.of("c1", "nothing")));
        for (CypherQuery q : List.of(CypherQuery.ALL_USER_IDS, CypherQuery.ALL_COURSE_IDS, CypherQuery.ALL_TOPIC_IDS,
                CypherQuery.ALL_PREREQUISITES, CypherQuery.PING, CypherQuery.COUNT_NODES_BY_LABEL,
                CypherQuery.COUNT_RELATIONSHIPS_BY_TYPE, CypherQuery.IS_EMPTY, CypherQuery.GRAPH_FINGERPRINT,
                CypherQuery.PROJECTION_USERS, CypherQuery.PROJECTION_COURSES, CypherQuery.PROJECTION_TOPICS,
                CypherQuery.PROJECTION_COVERAGE,
                CypherQuery.PROJECTION_PREREQUISITES)) {
            m.put(q, none);
        }
        return m;
    }

    private static Map<String, Object> rows(Map<String, Object> row) {
        return Map.of("rows", List.of(row));
    }

    @Inject
    Neo4jStore store;
    @Inject
    GraphImporter importer;

    @BeforeAll
    void loadSample() {
        importer.importDirectory(copyOf(sampleDir()), ImportProgress.NONE);
    }

    @Test
    void everyFileInTheCypherDirectoryIsRegistered() throws IOException {
        Path root = Path.of("cypher");
        Set<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".cypher")).map(p -> root.relativize(p).toString()
                    .replace('\\', '/')).filter(p -> !p.startsWith("queries/")).collect(Collectors.toSet());
        }
        Set<String> registered = Stream.of(CypherQuery.values()).map(CypherQuery::path).collect(Collectors.toSet());
        assertEquals(files, registered);
    }

    @Test
    void everyRegisteredStatementRuns() {
        Map<CypherQuery, Map<String, Object>> examples = examples();
        for (CypherQuery q : CypherQuery.values()) {
            assertTrue(examples.containsKey(q), "no example parameters for " + q);
            if (q.name().startsWith("SCHEMA_")) {
                store.write(q, examples.get(q)); // schema cannot share a transaction with data
                continue;
            }
            try (Session session = store.driver().session(store.sessionConfig());
                 Transaction tx = session.beginTransaction()) {
                tx.run(q.text(), examples.get(q)).consume();
                tx.rollback();
            }
        }
    }
}
