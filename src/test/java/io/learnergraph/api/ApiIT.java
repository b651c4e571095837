package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The foundation's endpoints over real HTTP, and the one error shape for framework errors. */
@MicronautTest
class ApiIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    GraphImporter importer;

    @BeforeAll
    void loadSample() {
        importer.importDirectory(copyOf(sampleDir()), ImportProgress.NONE);
    }

    @Test
    void healthReportsEmbeddedModeAndAReachableDatabase() {
        Map<?, ?> health = http.toBlocking().retrieve(HttpRequest.GET("/api/health"), Map.class);
        assertEquals("UP", health.get("status"));
        assertEquals("embedded", health.get("neo4jMode"));
        assertEquals(true, health.get("databaseReachable"));
        assertTrue(((Number) health.get("boltPort")).intValue() > 0);
    }

    @Test
    void statsCountsLabelsAndRelationshipTypes() {
        Map<?, ?> stats = http.toBlocking().retrieve(HttpRequest.GET("/api/stats"), Map.class);
        assertEquals(6, ((Map<?, ?>) stats.get("nodes")).get("User"));
        assertEquals(6, ((Map<?, ?>) stats.get("relationships")).get("COVERS"));
        assertEquals(5, ((Map<?, ?>) stats.get("relationships")).get("ENROLLED"));
    }

    @Test
    void eventsAreValidatedPerItemLikeImportRows() {
        List<Map<String, Object>> events = List.of(
                Map.of("kind", "follow", "follower_id", "u5", "followee_id", "u1", "at", "2026-03-01T10:00:00Z"),
                Map.of("kind", "learning", "user_id", "u5", "course_id", "c1", "type", "rate", "at", "2026-03-02",
                        "value", 4),
                Map.of("kind", "learning", "user_id", "u5", "course_id", "c1", "type", "rate", "at", "2026-03-02",
                        "value", 9),
                Map.of("kind", "social", "from_user_id", "u5", "to_user_id", "nobody", "type", "like", "at",
                        "2026-03-02"),
                Map.of("kind", "membership", "user_id", "u3", "tier", "premium", "at", "2026-03-03"),
                Map.of("kind", "teleport"));

        Map<?, ?> body = http.toBlocking().retrieve(HttpRequest.POST("/api/events", events), Map.class);

        assertEquals(3, body.get("accepted"));
        assertEquals(3, body.get("rejected"));
        List<?> items = (List<?>) body.get("items");
        assertEquals(List.of("accepted", "accepted", "rejected", "rejected", "accepted", "rejected"),
                items.stream().map(i -> ((Map<?, ?>) i).get("status")).toList());
        assertEquals("rating value must be between 1 and 5, was 9", ((Map<?, ?>) items.get(2)).get("reason"));
        assertEquals("unknown user id 'nobody' in to_user_id", ((Map<?, ?>) items.get(3)).get("reason"));
        Map<?, ?> stats = http.toBlocking().retrieve(HttpRequest.GET("/api/stats"), Map.class);
        assertEquals(8, ((Map<?, ?>) stats.get("relationships")).get("FOLLOWS"));
        assertEquals(3, ((Map<?, ?>) stats.get("relationships")).get("RATED"));

        // posting the same events again changes nothing
        http.toBlocking().retrieve(HttpRequest.POST("/api/events", events), Map.class);
        Map<?, ?> again = http.toBlocking().retrieve(HttpRequest.GET("/api/stats"), Map.class);
        assertEquals(stats, again);
    }

    @Test
    void unknownRouteIsAProblem() {
        assertProblem(HttpRequest.GET("/api/nothing-here"), HttpStatus.NOT_FOUND);
    }

    @Test
    void wrongMethodIsAProblem() {
        assertProblem(HttpRequest.DELETE("/api/stats"), HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void malformedJsonIsAProblem() {
        assertProblem(HttpRequest.POST("/api/events", "[{\"kind\": ").contentType(MediaType.APPLICATION_JSON),
                HttpStatus.BAD_REQUEST);
    }

    @Test
    void unsupportedMediaTypeIsAProblem() {
        assertProblem(HttpRequest.POST("/api/events", "kind=follow").contentType(MediaType.TEXT_PLAIN),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    private void assertProblem(HttpRequest<?> request, HttpStatus expected) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Map.class)));
        HttpResponse<?> response = e.getResponse();
        assertEquals(expected.getCode(), response.code());
        assertEquals(Problem.MEDIA_TYPE, response.getContentType().map(MediaType::toString).orElse(""));
        Map<?, ?> problem = response.getBody(Map.class).orElseThrow();
        assertEquals(expected.getCode(), problem.get("status"));
        assertTrue(problem.get("detail") instanceof String s && !s.isBlank(), problem.toString());
        assertTrue(!problem.toString().contains("Exception"), "no exception names leak: " + problem);
    }
}
