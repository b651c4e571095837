package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
import io.learnergraph.store.CypherQuery;
import io.learnergraph.store.Neo4jStore;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small platform with a prerequisite chain, a user whose followees all took one course, a
 * premium course and a co-learner, imported from CSV, checked over HTTP.
 */
@MicronautTest
class RecommendationsApiIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;
    @Inject
    Neo4jStore store;

    @BeforeAll
    void importPlatform() throws IOException {
        Path dir = newTempDir("recommend-platform");
        Files.writeString(dir.resolve("users.csv"), """
                user_id,name,tier,joined_at
                u1,Una,free,2026-01-01
                u2,Uli,free,2026-01-01
                f1,Fay,free,2026-01-01
                f2,Flo,free,2026-01-01
                f3,Fox,free,2026-01-01
                p1,Pia,premium,2026-01-01
                """);
        Files.writeString(dir.resolve("follows.csv"), """
                follower_id,followee_id,at
                u2,f1,2026-02-01
                u2,f2,2026-02-01
                u2,f3,2026-02-01
                """);
        Files.writeString(dir.resolve("topics.csv"), """
                topic_id,name
                algebra,Linear Algebra
                calculus,Calculus
                ml,Machine Learning
                stats,Statistics
                art,Drawing
                loopA,Loop A
                loopB,Loop B
                """);
        Files.writeString(dir.resolve("topic_prerequisites.csv"), """
                topic_id,requires_topic_id
                calculus,algebra
                ml,calculus
                ml,stats
                loopA,loopB
                """);
        Files.writeString(dir.resolve("courses.csv"), """
                course_id,title,creator_id,tier
                cAlg,Algebra I,p1,free
                cCalc,Calculus I,p1,free
                cMl,ML Bootcamp,p1,premium
                cStats,Statistics I,p1,free
                cArt,Drawing Basics,f1,free
                """);
        Files.writeString(dir.resolve("course_topics.csv"), """
                course_id,topic_id
                cAlg,algebra
                cCalc,calculus
                cMl,ml
                cStats,stats
                cArt,art
                """);
        StringBuilder learning = new StringBuilder("user_id,course_id,type,at,value\n");
        for (String[] uc : new String[][]{{"u1", "cAlg"}, {"f1", "cArt"}, {"f2", "cArt"}, {"f3", "cArt"},
                {"p1", "cAlg"}, {"p1", "cCalc"}, {"p1", "cMl"}}) {
            learning.append(uc[0]).append(',').append(uc[1]).append(",enroll,2026-03-01,\n");
            learning.append(uc[0]).append(',').append(uc[1]).append(",complete,2026-03-20,\n");
        }
        Files.writeString(dir.resolve("learning.csv"), learning);
        ImportReport report = importer.importDirectory(dir, ImportProgress.NONE);
        assertTrue(report.complete() && report.totalRejected() == 0, report.toString());
        // a cycle the importer would have rejected, written behind its back
        store.write(CypherQuery.IMPORT_TOPIC_PREREQUISITES, Map.of("rows",
                List.of(Map.of("topicId", "loopB", "requiresId", "loopA"))));
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/refresh", ""), Map.class);
        long version = ((Number) get("/api/graph/projection").get("version")).longValue();
        for (int i = 0; i < 400; i++) { // the recommender index follows the snapshot in the background
            if (((Number) get("/api/users/u1/recommendations").get("snapshotVersion")).longValue() == version) {
                return;
            }
            sleep();
        }
        throw new AssertionError("recommender index never caught up with snapshot v" + version);
    }

    @Test
    void withTheFitOffTheModelIsTheConfiguredBlend() {
        Map<?, ?> model = get("/api/recommendations/model");
        assertEquals("disabled", model.get("status"));
        Map<String, Double> configured = Map.of("knowledge", 0.4, "collaborative", 0.4, "social", 0.2, "popular", 0.05);
        assertEquals(configured, model.get("weights"));
        assertEquals(configured, model.get("configured"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .retrieve(HttpRequest.POST("/api/recommendations/model/fit", ""), Map.class));
        assertEquals(409, e.getStatus().getCode());
    }

    @Test
    void knowledgeCandidateCarriesThePrerequisitePath() {
        Map<?, ?> body = get("/api/users/u1/recommendations?strategy=knowledge&explain=true");
        assertEquals("u1", body.get("userId"));
        List<?> items = (List<?>) body.get("items");
        Map<?, ?> first = (Map<?, ?>) items.get(0);
        assertEquals("cCalc", first.get("courseId"));
        Map<?, ?> reason = (Map<?, ?>) ((List<?>) first.get("reasons")).get(0);
        assertEquals("knowledge", reason.get("kind"));
        assertEquals("User u1 -COMPLETED-> Course cAlg -COVERS-> Topic algebra <-REQUIRES- Topic calculus "
                + "<-COVERS- Course cCalc", reason.get("pathText"));
        List<?> path = (List<?>) reason.get("path");
        assertEquals(9, path.size());
        assertEquals(Map.of("kind", "node", "type", "User", "id", "u1", "name", "Una"), path.get(0));
        assertEquals(Map.of("kind", "relationship", "type", "REQUIRES", "direction", "in"), path.get(5));
        assertTrue(((String) reason.get("text")).startsWith("Because you completed Algebra I"), reason.get("text").toString());
    }

    @Test
    void socialCandidateNamesTheFollowedUsersWhoTookIt() {
        Map<?, ?> body = get("/api/users/u2/recommendations?strategy=social");
        assertEquals(Boolean.TRUE, body.get("coldStart"));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) body.get("items")).get(0);
        assertEquals("cArt", first.get("courseId"));
        Map<?, ?> reason = (Map<?, ?>) ((List<?>) first.get("reasons")).get(0);
        assertTrue(((String) reason.get("pathText")).matches("User u2 -FOLLOWS-> User f[123] -COMPLETED-> Course cArt"),
                reason.get("pathText").toString());
        assertTrue(((String) reason.get("text")).contains("3 of your connections took it"));
    }

    @Test
    void gatedCoursesAreFlaggedOnlyWhenAskedFor() {
        List<?> open = (List<?>) get("/api/users/u1/recommendations?limit=20").get("items");
        assertTrue(open.stream().noneMatch(i -> "cMl".equals(((Map<?, ?>) i).get("courseId"))));
        assertTrue(open.stream().noneMatch(i -> "cAlg".equals(((Map<?, ?>) i).get("courseId"))), "taken: excluded");
        List<?> all = (List<?>) get("/api/users/u1/recommendations?limit=20&includeGated=true").get("items");
        Map<?, ?> ml = (Map<?, ?>) all.stream().filter(i -> "cMl".equals(((Map<?, ?>) i).get("courseId")))
                .findFirst().orElseThrow();
        assertEquals("premium", ml.get("requiresUpgrade"));
        assertTrue(((Number) ((Map<?, ?>) ml.get("sources")).get("collaborative")).doubleValue() > 0, "via p1");
        Map<?, ?> calc = (Map<?, ?>) all.stream().filter(i -> "cCalc".equals(((Map<?, ?>) i).get("courseId")))
                .findFirst().orElseThrow();
        assertNull(calc.get("requiresUpgrade"));
    }

    @Test
    void upgradeIsSuggestedWithTheGatedCandidatesAsEvidence() {
        Map<?, ?> body = get("/api/users/u1/upgrade");
        assertEquals("free", body.get("currentTier"));
        assertEquals("premium", body.get("suggestedTier"), body.toString());
        List<?> evidence = (List<?>) body.get("evidence");
        assertEquals(List.of("cMl"), evidence.stream().map(e -> ((Map<?, ?>) e).get("courseId")).toList());
        assertEquals(Map.of("basic", 0.0, "premium", 1.0 / 3, "vip", 1.0 / 3), body.get("shareByTier"));
        assertNull(get("/api/users/p1/upgrade").get("suggestedTier"));
    }

    @Test
    void learningPathIsInPrerequisiteOrder() {
        Map<?, ?> body = get("/api/users/u1/learning-path?topic=ml");
        List<?> steps = (List<?>) body.get("steps");
        assertEquals(List.of("algebra", "calculus", "stats", "ml"),
                steps.stream().map(s -> ((Map<?, ?>) s).get("topicId")).toList());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) steps.get(0)).get("satisfied"));
        assertEquals("cAlg", ((Map<?, ?>) ((Map<?, ?>) steps.get(0)).get("satisfiedBy")).get("courseId"));
        assertEquals("cCalc", ((Map<?, ?>) ((Map<?, ?>) steps.get(1)).get("course")).get("courseId"));
        assertEquals("premium", ((Map<?, ?>) steps.get(3)).get("requiresUpgrade"));
        assertEquals(3, ((Number) body.get("remaining")).intValue());
    }

    @Test
    void aPrerequisiteCycleIsA409NamingIt() {
        HttpClientResponseException e = problem("/api/users/u1/learning-path?topic=loopA");
        assertEquals(409, e.getStatus().getCode());
        String detail = (String) e.getResponse().getBody(Map.class).orElseThrow().get("detail");
        assertTrue(detail.contains("loopA -> loopB -> loopA") || detail.contains("loopB -> loopA -> loopB"), detail);
    }

    @Test
    void batchAnswersEveryKnownUserAndListsTheUnknown() {
        Map<?, ?> body = http.toBlocking().retrieve(HttpRequest.POST("/api/recommendations/batch",
                Map.of("userIds", List.of("u1", "u2", "ghost"), "limit", 2)), Map.class);
        List<?> results = (List<?>) body.get("results");
        assertEquals(List.of("u1", "u2"), results.stream().map(r -> ((Map<?, ?>) r).get("userId")).toList());
        assertTrue(results.stream().allMatch(r -> ((List<?>) ((Map<?, ?>) r).get("items")).size() <= 2));
        assertEquals(List.of("ghost"), body.get("unknownUserIds"));
        HttpClientResponseException empty = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/api/recommendations/batch", Map.of("userIds", List.of())),
                        Argument.of(String.class), Argument.of(Map.class)));
        assertEquals(400, empty.getStatus().getCode());
    }

    @Test
    void similarCoursesByCoLearningAndTopics() {
        Map<?, ?> body = get("/api/courses/cAlg/similar?limit=5");
        List<?> items = (List<?>) body.get("items");
        assertFalse(items.isEmpty());
        List<?> ids = items.stream().map(i -> ((Map<?, ?>) i).get("courseId")).toList();
        assertTrue(ids.containsAll(List.of("cCalc", "cMl")), ids.toString());
        assertFalse(ids.contains("cArt"), "nobody took art and algebra");
    }

    @Test
    void badParametersAre400AndUnknownIds404() {
        for (String uri : List.of("/api/users/u1/recommendations?limit=0", "/api/users/u1/recommendations?limit=201",
                "/api/users/u1/recommendations?strategy=magic", "/api/users/u1/recommendations?weights=knowledge",
                "/api/users/u1/recommendations?weights=knowledge:-1", "/api/users/u1/learning-path",
                "/api/courses/cAlg/similar?limit=0")) {
            assertEquals(400, problem(uri).getStatus().getCode(), uri);
        }
        for (String uri : List.of("/api/users/ghost/recommendations", "/api/users/ghost/upgrade",
                "/api/users/ghost/learning-path?topic=ml", "/api/users/u1/learning-path?topic=nope",
                "/api/courses/nope/similar")) {
            assertEquals(404, problem(uri).getStatus().getCode(), uri);
        }
        String detail = (String) problem("/api/users/u1/recommendations?strategy=magic").getResponse()
                .getBody(Map.class).orElseThrow().get("detail");
        assertTrue(detail.contains("blend, knowledge, collaborative, social"), detail);
    }

    private HttpClientResponseException problem(String uri) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET(uri), Argument.of(String.class), Argument.of(Map.class)));
    }

    private Map<?, ?> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
