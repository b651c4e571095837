package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer's endpoints over the documented sample, checked against the store itself: every
 * user's, course's and topic's neighbourhood is exactly what a Cypher query of its relationships
 * finds (same neighbours, same relationship types), as of now and as of a date.
 */
@MicronautTest
class ExplorerApiIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;

    @BeforeAll
    void importSample() {
        importer.importDirectory(copyOf(sampleDir()), ImportProgress.NONE);
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/refresh", ""), Map.class);
    }

    private Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> cypher(String query, Map<String, Object> params) {
        Map<String, Object> r = http.toBlocking().retrieve(HttpRequest.POST("/api/cypher", Map.of("query", query,
                "params", params, "limit", 10_000)), Argument.mapOf(String.class, Object.class));
        // an empty list is left out of an answer (inclusion non-empty)
        return r.get("rows") == null ? List.of() : (List<List<Object>>) r.get("rows");
    }

    private List<String> ids(String label) {
        return cypher("MATCH (n:" + label + ") RETURN n.id ORDER BY n.id", Map.of()).stream()
                .map(r -> (String) r.get(0)).toList();
    }

    /** Neighbour key → its relationship types, from the store. */
    private Map<String, List<String>> storeNeighbours(String label, String id, String otherLabels, String before) {
        String time = before == null ? "" : " AND (r.at IS NULL OR r.at <= datetime($before))";
        Map<String, Object> params = before == null ? Map.of("id", id) : Map.of("id", id, "before", before);
        Map<String, List<String>> out = new TreeMap<>();
        for (List<Object> row : cypher("MATCH (n:" + label + " {id: $id})-[r]-(x) WHERE x <> n AND (" + otherLabels
                + ")" + time + " RETURN toLower(labels(x)[0]) + ':' + x.id, collect(DISTINCT type(r))", params)) {
            List<String> types = new ArrayList<>();
            ((List<?>) row.get(1)).forEach(t -> types.add((String) t));
            types.sort(null);
            out.put((String) row.get(0), types);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<String>> apiNeighbours(String kind, String id, String asOf) {
        Map<String, Object> r = get("/api/explore/" + kind + "/" + id + "/neighbourhood?limit=5000"
                + (asOf == null ? "" : "&asOf=" + asOf));
        Map<String, List<String>> out = new TreeMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) r.getOrDefault("edges", List.of())) {
            out.put((String) e.get("target"), (List<String>) e.get("types"));
        }
        assertEquals(out.size(), ((Number) r.get("total")).intValue());
        assertEquals(0, ((Number) r.get("more")).intValue());
        return out;
    }

    @Test
    void everyNeighbourhoodIsWhatTheStoreHolds() {
        for (String u : ids("User")) {
            assertEquals(storeNeighbours("User", u, "x:User OR x:Course", null), apiNeighbours("users", u, null),
                    "user " + u);
        }
        for (String c : ids("Course")) {
            assertEquals(storeNeighbours("Course", c, "x:User OR x:Topic", null), apiNeighbours("courses", c, null),
                    "course " + c);
        }
        for (String t : ids("Topic")) {
            assertEquals(storeNeighbours("Topic", t, "x:Course OR x:Topic", null), apiNeighbours("topics", t, null),
                    "topic " + t);
        }
    }

    @Test
    void asOfADateANeighbourhoodHasOnlyTheTiesThatExistedThen() {
        // a tie exists from its first event: drop every tie whose events all came later
        String asOf = "2026-02-01";
        int fewer = 0;
        for (String u : ids("User")) {
            Map<String, List<String>> expected = storeNeighbours("User", u, "x:User OR x:Course",
                    "2026-02-01T00:00:00Z");
            assertEquals(expected, apiNeighbours("users", u, asOf), "user " + u + " as of " + asOf);
            fewer += expected.size() < apiNeighbours("users", u, null).size() ? 1 : 0;
        }
        assertTrue(fewer > 0, "the sample has ties made after " + asOf);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOverviewCountsEveryUserOnceAndNeverShowsASmallCommunityAlone() {
        Map<String, Object> o = get("/api/explore/communities");
        int floor = ((Number) o.get("floor")).intValue();
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) o.get("nodes");
        int users = ((Number) cypher("MATCH (u:User) RETURN count(u)", Map.of()).get(0).get(0)).intValue();
        assertEquals(users, nodes.stream().mapToInt(n -> ((Number) n.get("size")).intValue()).sum());
        for (Map<String, Object> n : nodes) {
            if (n.get("community") != null) {
                assertTrue(((Number) n.get("size")).intValue() >= floor, n.toString());
            } else {
                assertEquals("community:small", n.get("key"));
            }
        }
        // a community the floor hides is not opened
        for (Map<String, Object> n : nodes) {
            if (n.get("community") == null) {
                continue;
            }
            Map<String, Object> g = get("/api/explore/communities/" + n.get("community") + "?limit=2000");
            assertEquals(n.get("size"), g.get("members"));
        }
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> get("/api/explore/communities/9999"));
        assertEquals(404, e.getStatus().getCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchFindsByIdThenNameAndRejectsAnEmptyQuery() {
        Map<String, Object> r = get("/api/explore/search?q=u1");
        Map<String, Object> first = ((List<Map<String, Object>>) r.get("hits")).get(0);
        assertEquals("user:u1", first.get("key"));
        assertEquals("id", first.get("match"));
        Map<String, Object> topic = ((List<Map<String, Object>>) get("/api/explore/search?q=linear%20algebra")
                .get("hits")).get(0);
        assertEquals("topic:algebra", topic.get("key"));
        assertEquals("name", topic.get("match"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> get("/api/explore/search?q=%20"));
        assertEquals(400, e.getStatus().getCode());
    }

    @Test
    void unknownIdsAre404AndMalformedValues400() {
        assertEquals(404, status("/api/explore/users/nobody/neighbourhood"));
        assertEquals(400, status("/api/explore/people/u1/neighbourhood"));
        assertEquals(400, status("/api/explore/users/u1/neighbourhood?limit=0"));
        assertEquals(400, status("/api/explore/users/u1/neighbourhood?asOf=yesterday"));
        assertEquals(400, status("/api/explore/communities/0?limit=2001"));
        assertNull(get("/api/explore/users/u1/neighbourhood").get("asOf"));
    }

    private int status(String path) {
        try {
            http.toBlocking().retrieve(HttpRequest.GET(path), Argument.mapOf(String.class, Object.class));
            return 200;
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
