package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API keys and roles over HTTP, and erasure of a user. */
@MicronautTest
class SecurityIT extends GraphTestSupport {

    static final String VIEWER = "viewer-key-0123456789";
    static final String SERVICE = "service-key-0123456789";
    static final String ANALYST = "analyst-key-0123456789";
    static final String ADMIN = "admin-key-0123456789abc";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("learnergraph.security.enabled", "true");
        p.put("learnergraph.security.keys.viewer", VIEWER);
        p.put("learnergraph.security.keys.service", SERVICE + ",second-service-key-99");
        p.put("learnergraph.security.keys.analyst", ANALYST);
        p.put("learnergraph.security.keys.admin", ADMIN);
        p.put("learnergraph.recommendations.fit.enabled", "true");
        return p;
    }

    @BeforeAll
    void importSample() {
        importer.importDirectory(copyOf(sampleDir()), ImportProgress.NONE);
        call(HttpRequest.POST("/api/graph/refresh", ""), ADMIN);
    }

    private int call(MutableHttpRequest<?> request, String key) {
        if (key != null) {
            request.bearerAuth(key);
        }
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Map.class)).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void healthIsOpenAndEverythingElseNeedsAKey() {
        assertEquals(200, call(HttpRequest.GET("/api/health"), null));
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/stats"), Argument.of(String.class),
                        Argument.of(Map.class)));
        assertEquals(401, e.getStatus().getCode());
        assertEquals(Problem.MEDIA_TYPE, e.getResponse().getContentType().orElseThrow().toString());
        assertTrue(e.getResponse().getHeaders().get("WWW-Authenticate").startsWith("Bearer"));
        assertEquals(401, call(HttpRequest.GET("/api/stats"), "not-a-key-at-all-000"));
        assertEquals(401, call(HttpRequest.GET("/api/stats").header("Authorization", "Basic dXNlcjpwYXNz"), null));
    }

    @Test
    void rolesGrantWhatTheyShould() {
        // viewer: analytics reads only
        assertEquals(200, call(HttpRequest.GET("/api/stats"), VIEWER));
        assertEquals(200, call(HttpRequest.GET("/api/influencers"), VIEWER));
        assertEquals(403, call(HttpRequest.GET("/api/users/u3/recommendations"), VIEWER));
        assertEquals(403, call(HttpRequest.POST("/api/cypher", Map.of("query", "RETURN 1")), VIEWER));
        assertEquals(403, call(HttpRequest.POST("/api/graph/refresh", ""), VIEWER));
        // service: recommendations (and the viewer's reads), either header
        assertEquals(200, call(HttpRequest.GET("/api/users/u3/recommendations"), SERVICE));
        assertEquals(200, call(HttpRequest.GET("/api/users/u3/recommendations").header("X-API-Key",
                "second-service-key-99"), null));
        assertEquals(200, call(HttpRequest.GET("/api/stats"), SERVICE));
        assertEquals(403, call(HttpRequest.POST("/api/cypher", Map.of("query", "RETURN 1")), SERVICE));
        // analyst: Cypher and saved queries, not administration
        assertEquals(200, call(HttpRequest.POST("/api/cypher", Map.of("query", "RETURN 1 AS one")), ANALYST));
        assertEquals(200, call(HttpRequest.GET("/api/queries"), ANALYST));
        assertEquals(403, call(HttpRequest.GET("/api/users/u3/recommendations"), ANALYST));
        assertEquals(403, call(HttpRequest.POST("/api/events", List.of()), ANALYST));
        assertEquals(403, call(HttpRequest.DELETE("/api/users/u5"), ANALYST));
        // the blend model is a recommender service's read; fitting it is an administrator's job
        assertEquals(403, call(HttpRequest.GET("/api/recommendations/model"), VIEWER));
        assertEquals(200, call(HttpRequest.GET("/api/recommendations/model"), SERVICE));
        assertEquals(403, call(HttpRequest.POST("/api/recommendations/model/fit", ""), SERVICE));
        assertEquals(200, call(HttpRequest.POST("/api/recommendations/model/fit", ""), ADMIN));
        // the explorer's graphs are a viewer's reads; the session says what a key may do
        assertEquals(200, call(HttpRequest.GET("/api/explore/communities"), VIEWER));
        assertEquals(200, call(HttpRequest.GET("/api/explore/users/u3/neighbourhood"), VIEWER));
        assertEquals(200, call(HttpRequest.GET("/api/explore/search?q=u3"), VIEWER));
        assertEquals(401, call(HttpRequest.GET("/api/explore/communities"), null));
        assertEquals(Map.of("role", "viewer", "grants", List.of("viewer"), "keysEnabled", true),
                http.toBlocking().retrieve(HttpRequest.GET("/api/session").bearerAuth(VIEWER), Map.class));
        assertEquals(List.of("viewer", "service"), http.toBlocking().retrieve(HttpRequest.GET("/api/session")
                .bearerAuth(SERVICE), Map.class).get("grants"));
        assertEquals(List.of("viewer", "service", "analyst", "admin"), http.toBlocking().retrieve(
                HttpRequest.GET("/api/session").bearerAuth(ADMIN), Map.class).get("grants"));
        // the explorer's page itself is static and needs no key (its API calls do)
        assertTrue(http.toBlocking().retrieve(HttpRequest.GET("/explorer/")).contains("LearnerGraph explorer"));
        // admin: everything
        assertEquals(200, call(HttpRequest.POST("/api/cypher", Map.of("query", "RETURN 1 AS one")), ADMIN));
        assertEquals(200, call(HttpRequest.GET("/api/users/u3/recommendations"), ADMIN));
        assertEquals(200, call(HttpRequest.GET("/api/graph/projection"), ADMIN));
    }

    @Test
    void deletingAUserErasesThemFromTheGraphAndEveryAnswer() {
        assertEquals(200, call(HttpRequest.GET("/api/users/u4"), VIEWER));
        MutableHttpRequest<?> delete = HttpRequest.DELETE("/api/users/u4").bearerAuth(ADMIN);
        Map<?, ?> body = http.toBlocking().retrieve(delete, Map.class);
        assertEquals("u4", body.get("userId"));
        assertTrue(((Number) body.get("relationshipsDeleted")).intValue() > 0);
        assertEquals(404, call(HttpRequest.GET("/api/users/u4"), VIEWER));
        assertEquals(404, call(HttpRequest.GET("/api/users/u4/recommendations"), SERVICE));
        assertEquals(404, call(HttpRequest.DELETE("/api/users/u4"), ADMIN), "already gone");
        Map<?, ?> rows = http.toBlocking().retrieve(HttpRequest.POST("/api/cypher", Map.of("query",
                "MATCH (u:User {id: 'u4'}) RETURN count(u) AS n")).bearerAuth(ANALYST), Map.class);
        assertEquals(List.of(List.of(0)), rows.get("rows"));
        // no influencer list or co-learner explanation mentions them any more
        String influencers = http.toBlocking().retrieve(HttpRequest.GET("/api/influencers?limit=100").bearerAuth(VIEWER));
        assertFalse(influencers.contains("\"u4\""), influencers);
        String recs = http.toBlocking().retrieve(HttpRequest.GET("/api/users/u3/recommendations?limit=20&includeGated=true")
                .bearerAuth(SERVICE));
        assertFalse(recs.contains("\"u4\""), recs);
    }

    @Test
    void theOpenApiDocumentAndItsUiAreServedWithoutAKey() {
        String yml = http.toBlocking().retrieve(HttpRequest.GET("/swagger/learnergraph-0.1.yml"));
        for (String path : List.of("/api/users/{id}/recommendations:", "/api/recommendations/batch:", "/api/cypher:",
                "/api/queries/{name}:", "/api/communities:", "/api/influencers:", "/api/explore/communities:",
                "/api/explore/{kind}/{id}/neighbourhood:", "/api/explore/search:", "/api/session:")) {
            assertTrue(yml.contains(path), "OpenAPI document lacks " + path);
        }
        assertTrue(yml.contains("bearer"), "the security scheme is documented");
        String ui = http.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"));
        assertTrue(ui.contains("swagger-ui"), ui.substring(0, Math.min(200, ui.length())));
    }

    @Test
    void everyControllerDeclaresTheRoleItNeeds() throws IOException {
        Path api = Path.of("src", "main", "java", "io", "learnergraph", "api");
        try (Stream<Path> files = Files.list(api)) {
            for (Path f : files.filter(p -> p.toString().endsWith("Controller.java")).toList()) {
                String src = Files.readString(f);
                assertTrue(src.contains("@Access(Role."), f + " has no @Access: it would need admin by default");
            }
        }
    }
}
