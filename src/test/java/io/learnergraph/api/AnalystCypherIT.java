package io.learnergraph.api;

import io.learnergraph.model.GraphCounts;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.store.StatsStore;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/cypher and the saved queries on the sample platform: answers, limits, errors, and a
 * corpus of write and escape attempts that must all be refused with the graph unchanged.
 */
@MicronautTest
class AnalystCypherIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;
    @Inject
    StatsStore stats;

    /** Write and escape attempts: every one must be refused (400 or 403), none may change anything. */
    static final List<String> ATTEMPTS = List.of(
            "CREATE (n:Evil {id: 'x'}) RETURN n",
            "MERGE (n:User {id: 'evil'}) RETURN n",
            "MATCH (u:User) SET u.name = 'pwned' RETURN count(u)",
            "MATCH (u:User) REMOVE u.name RETURN count(u)",
            "MATCH (u:User {id: 'u1'}) DELETE u",
            "MATCH (u:User {id: 'u1'}) DETACH DELETE u",
            "MATCH (u:User) WITH u LIMIT 1 CREATE (u)-[:FOLLOWS]->(u)",
            "MATCH (u:User) FOREACH (x IN [1] | SET u.evil = x) RETURN count(*)",
            "UNWIND [1, 2] AS x CREATE (:Evil {x: x})",
            "WITH 1 AS x CALL { CREATE (:Evil) } RETURN x",
            "MATCH (u:User) CALL (u) { SET u.evil = true } RETURN count(*)",
            "RETURN 1 AS x UNION CREATE (n:Evil) RETURN 1 AS x",
            "CREATE INDEX evil_index FOR (n:User) ON (n.name)",
            "CREATE CONSTRAINT evil_unique FOR (n:Evil) REQUIRE n.id IS UNIQUE",
            "DROP INDEX user_id_unique IF EXISTS",
            "MATCH (u:User) CALL { WITH u SET u.x = 1 } IN TRANSACTIONS RETURN count(*)",
            "CALL { MATCH (u:User) RETURN u } IN TRANSACTIONS RETURN count(u)",
            "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
            "WITH 1 AS x LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line",
            "CALL db.createLabel('Evil')",
            "CALL db.createProperty('evil')",
            "CALL db.createRelationshipType('EVIL')",
            "CALL db.clearQueryCaches()",
            "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
            "CALL apoc.load.json('file:///etc/passwd')",
            "CALL apoc.export.csv.all('/tmp/evil.csv', {})",
            "CALL dbms.components() YIELD name RETURN name",
            "EXPLAIN CREATE (n:Evil)",
            "PROFILE MATCH (n) SET n.x = 1",
            "/* looks harmless */ CREATE (n:Evil)",
            "// a comment line\nCREATE (n:Evil)",
            "MATCH (n) RETURN count(n); CREATE (n:Evil)",
            "\u200BCREATE (n:Evil)",
            "\uFF23\uFF32\uFF25\uFF21\uFF34\uFF25 (n:Evil)",
            "cReAtE (n:Evil)",
            "CYPHER runtime=slotted CREATE (n:Evil)",
            "USE system SHOW USERS",
            "SHOW USERS",
            "SHOW TRANSACTIONS",
            "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
            "CREATE USER evil SET PASSWORD 'evil-password'",
            "CREATE DATABASE evil",
            "MATCH (n) CALL db.labels() YIELD label WITH n SET n.x = 1 RETURN count(*)",
            "MATCH (u:User) WITH u CALL (u) { MERGE (u)-[:LIKED]->(u) } RETURN count(*)");

    @BeforeAll
    void importSample() {
        importer.importDirectory(copyOf(sampleDir()), ImportProgress.NONE);
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/refresh", ""), Map.class);
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/write-back", ""), Map.class);
    }

    @Test
    void everyWriteOrEscapeAttemptIsRefusedAndTheGraphIsUnchanged() {
        String before = stats.fingerprint();
        GraphCounts countsBefore = stats.counts();
        List<String> accepted = new ArrayList<>();
        Map<Integer, Integer> byStatus = new HashMap<>();
        for (String q : ATTEMPTS) {
            try {
                http.toBlocking().exchange(HttpRequest.POST("/api/cypher", Map.of("query", q)), Map.class);
                accepted.add(q);
            } catch (HttpClientResponseException e) {
                int status = e.getStatus().getCode();
                byStatus.merge(status, 1, Integer::sum);
                assertTrue(status == 400 || status == 403, status + " for " + q + ": " + e.getResponse().getBody(String.class));
                assertEquals(Problem.MEDIA_TYPE, e.getResponse().getContentType().map(Object::toString).orElse(""), q);
            }
        }
        assertTrue(ATTEMPTS.size() >= 30);
        assertEquals(List.of(), accepted, "accepted write or escape attempts");
        assertTrue(byStatus.getOrDefault(403, 0) >= 25, "most are refused by policy (403), not by syntax: " + byStatus);
        assertEquals(before, stats.fingerprint(), "the graph changed");
        assertEquals(countsBefore, stats.counts());
        Map<?, ?> labels = post("/api/cypher", Map.of("query", "CALL db.labels() YIELD label RETURN collect(label) AS labels"));
        assertFalse(((List<?>) ((List<?>) ((List<?>) labels.get("rows")).get(0)).get(0)).contains("Evil"));
    }

    @Test
    void aReadQueryAnswersWithColumnsRowsAndTruncation() {
        Map<?, ?> body = post("/api/cypher", Map.of("query",
                "MATCH (u:User) WHERE u.id IN $ids RETURN u.id AS id, u.tier AS tier ORDER BY id",
                "params", Map.of("ids", List.of("u1", "u2", "u3")), "limit", 2));
        assertEquals(List.of("id", "tier"), body.get("columns"));
        assertEquals(List.of(List.of("u1", "premium"), List.of("u2", "basic")), body.get("rows"));
        assertEquals(Boolean.TRUE, body.get("truncated"));
        Map<?, ?> node = post("/api/cypher", Map.of("query", "MATCH (u:User {id: 'u1'}) RETURN u"));
        Map<?, ?> u = (Map<?, ?>) ((List<?>) ((List<?>) node.get("rows")).get(0)).get(0);
        assertEquals(List.of("User"), u.get("labels"));
        assertEquals("u1", ((Map<?, ?>) u.get("properties")).get("id"));
        assertEquals(Boolean.FALSE, node.get("truncated"));
    }

    @Test
    void syntaxErrorsAre400WithNeo4jsCodeAndTimeoutsNameTheLimit() {
        HttpClientResponseException syntax = problem("/api/cypher", Map.of("query", "MATCH (n RETURN n"));
        assertEquals(400, syntax.getStatus().getCode());
        assertTrue(detail(syntax).contains("Neo.ClientError.Statement.SyntaxError"), detail(syntax));
        HttpClientResponseException slow = problem("/api/cypher", Map.of("query",
                "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)", "timeoutMs", 300));
        assertEquals(408, slow.getStatus().getCode(), detail(slow));
        assertTrue(detail(slow).contains("300 ms"), detail(slow));
        assertEquals(400, problem("/api/cypher", Map.of("query", " ")).getStatus().getCode());
        assertEquals(400, problem("/api/cypher", Map.of("query", "RETURN 1", "timeoutMs", -5)).getStatus().getCode());
    }

    @Test
    void savedQueriesAreListedWithTheirParameters() {
        List<?> list = http.toBlocking().retrieve(HttpRequest.GET("/api/queries"), Argument.listOf(Map.class));
        List<?> names = list.stream().map(q -> ((Map<?, ?>) q).get("name")).toList();
        assertTrue(names.containsAll(List.of("top-influencers-per-community", "user-learning-neighbourhood",
                "courses-bridging-communities", "topics-with-most-churn", "members-who-downgraded",
                "prerequisite-gaps-of-course-learners", "course-funnel", "creators-by-reach")), names.toString());
        Map<?, ?> funnel = (Map<?, ?>) list.stream().filter(q -> "course-funnel".equals(((Map<?, ?>) q).get("name")))
                .findFirst().orElseThrow();
        assertEquals(List.of(Map.of("name", "course", "type", "string", "required", true,
                "description", "the course id")), funnel.get("parameters"));
        assertFalse(((String) funnel.get("description")).isBlank());
    }

    @Test
    void everySavedQueryRuns() {
        Map<String, Object> required = Map.of("community", 0, "user", "u3", "course", "c1");
        List<?> list = http.toBlocking().retrieve(HttpRequest.GET("/api/queries"), Argument.listOf(Map.class));
        for (Object o : list) {
            Map<?, ?> q = (Map<?, ?>) o;
            Map<String, Object> params = new HashMap<>();
            for (Object p : (List<?>) q.get("parameters")) {
                Map<?, ?> param = (Map<?, ?>) p;
                if (Boolean.TRUE.equals(param.get("required"))) {
                    params.put((String) param.get("name"), required.get(param.get("name")));
                }
            }
            Map<?, ?> body = post("/api/queries/" + q.get("name"), Map.of("params", params));
            assertFalse(((List<?>) body.get("columns")).isEmpty(), q.get("name").toString());
        }
    }

    @Test
    void courseFunnelCountsTheSampleEvents() {
        Map<?, ?> body = post("/api/queries/course-funnel", Map.of("params", Map.of("course", "c1")));
        assertEquals(List.of("courseId", "title", "viewed", "enrolled", "progressed", "completed", "enrolRate",
                "completionRate"), body.get("columns"));
        List<?> row = (List<?>) ((List<?>) body.get("rows")).get(0);
        assertEquals(List.of(2, 3, 1, 2), row.subList(2, 6).stream().map(x -> ((Number) x).intValue()).toList());
        assertEquals(0.667, ((Number) row.get(7)).doubleValue(), 1e-9);
        Map<?, ?> gaps = post("/api/queries/user-learning-neighbourhood", Map.of("params", Map.of("user", "u3"),
                "limit", 100));
        List<?> peers = ((List<?>) gaps.get("rows")).stream().map(r -> ((List<?>) r).get(0)).toList();
        assertTrue(peers.containsAll(List.of("u4", "u6")), "u4 and u6 took c1 with u3: " + peers);
    }

    @Test
    void savedQueryParametersAreValidated() {
        assertEquals(400, problem("/api/queries/course-funnel", Map.of("params", Map.of())).getStatus().getCode());
        assertEquals(400, problem("/api/queries/course-funnel", Map.of("params", Map.of("course", 7))).getStatus().getCode());
        assertEquals(400, problem("/api/queries/top-influencers-per-community",
                Map.of("params", Map.of("community", "zero"))).getStatus().getCode());
        HttpClientResponseException extra = problem("/api/queries/course-funnel",
                Map.of("params", Map.of("course", "c1", "drop", "everything")));
        assertEquals(400, extra.getStatus().getCode());
        assertEquals("drop", extra.getResponse().getBody(Map.class).orElseThrow().get("parameter"));
        assertEquals(404, problem("/api/queries/no-such-query", Map.of()).getStatus().getCode());
    }

    private Map<?, ?> post(String uri, Object body) {
        HttpResponse<Map> r = http.toBlocking().exchange(HttpRequest.POST(uri, body), Map.class);
        return r.body();
    }

    private HttpClientResponseException problem(String uri, Object body) {
        try {
            http.toBlocking().exchange(HttpRequest.POST(uri, body), Argument.of(String.class), Argument.of(Map.class));
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error from " + uri + " " + body);
    }

    private static String detail(HttpClientResponseException e) {
        return String.valueOf(e.getResponse().getBody(Map.class).map(m -> m.get("detail")).orElse(e.getMessage()));
    }
}
