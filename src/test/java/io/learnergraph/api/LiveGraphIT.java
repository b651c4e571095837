package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.service.SnapshotService;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events reach user-level answers as deltas on the snapshot, within a second, without a reload:
 * an enrolment leaves the user's recommendations and counts in their learning path, a follow
 * counts in their degree, a re-sent batch counts once; a node imported is a reload.
 */
@MicronautTest
class LiveGraphIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;
    @Inject
    SnapshotService snapshots;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(super.getProperties());
        // the sample is tiny: the default 1 % would merge at the first event; here deltas stay deltas
        p.put("learnergraph.live.merge-share", "1");
        p.put("learnergraph.live.merge-after-seconds", "3600");
        return p;
    }

    @BeforeAll
    void load() {
        importer.importDirectory(copyOf(sampleDir()), ImportProgress.NONE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEnrolmentAndAFollowAreVisibleAtOnceAndCountOnce() throws Exception {
        Map<String, Object> before = get("/api/users/u6/recommendations?limit=10&explain=false");
        long version = ((Number) before.get("snapshotVersion")).longValue();
        List<Map<String, Object>> items = (List<Map<String, Object>>) before.get("items");
        assertFalse(items.isEmpty(), before.toString());
        String course = (String) items.get(0).get("courseId");
        Map<String, Object> user = get("/api/users/u6");
        int out = ((Number) ((Map<String, Object>) user.get("degree")).get("out")).intValue();
        String notFollowed = notFollowedBy("u6");

        List<Map<String, Object>> events = List.of(
                Map.of("kind", "learning", "user_id", "u6", "course_id", course, "type", "enroll",
                        "at", "2026-11-20T10:00:00Z"),
                Map.of("kind", "follow", "follower_id", "u6", "followee_id", notFollowed, "at", "2026-11-20T10:01:00Z"));
        post(events);

        long deadline = System.nanoTime() + 1_000_000_000L;
        Map<String, Object> after = waitFor(() -> get("/api/users/u6/recommendations?limit=10&explain=false"),
                // an empty list is omitted from the body
                r -> ((List<Map<String, Object>>) r.getOrDefault("items", List.of())).stream()
                        .noneMatch(i -> course.equals(i.get("courseId"))),
                deadline);
        assertEquals(version, ((Number) after.get("snapshotVersion")).longValue(), "a delta, not a reload");
        assertTrue(((Number) after.get("feedPosition")).longValue() > 0);
        Map<String, Object> live = waitFor(() -> get("/api/users/u6"),
                u -> ((Number) ((Map<String, Object>) u.get("degree")).get("out")).intValue() == out + 1, deadline);
        assertEquals("2026-11-20T10:00:00Z", live.get("lastActiveAt"), "the enrolment is activity, the follow is not");
        assertEquals(version, ((Number) live.get("snapshotVersion")).longValue());

        // the same batch again (a client retrying) changes nothing
        post(events);
        Thread.sleep(600);
        Map<String, Object> again = get("/api/users/u6");
        assertEquals(out + 1, ((Number) ((Map<String, Object>) again.get("degree")).get("out")).intValue());
        assertEquals(version, ((Number) again.get("snapshotVersion")).longValue());
    }

    @Test
    void aNewNodeIsAReloadAndTheLiveGraphFollowsIt() throws Exception {
        long version = snapshots.current().version();
        Path dir = newTempDir("live-new-user");
        Files.writeString(dir.resolve("users.csv"), "user_id,name\nu_new,Newcomer\n");
        importer.importDirectory(dir, ImportProgress.NONE);
        waitFor(() -> snapshots.current().users().indexOf("u_new").isPresent() ? Map.of("ok", true) : Map.of(),
                m -> !m.isEmpty(), System.nanoTime() + 10_000_000_000L);
        assertTrue(snapshots.current().version() > version);
    }

    private String notFollowedBy(String user) {
        Map<?, ?> result = http.toBlocking().retrieve(HttpRequest.POST("/api/cypher", Map.of(
                "query", "MATCH (:User {id: $u})-[:FOLLOWS]->(v) RETURN v.id AS id", "params", Map.of("u", user))),
                Map.class);
        List<String> followed = ((List<?>) result.get("rows")).stream().map(r -> (String) ((List<?>) r).get(0)).toList();
        for (String candidate : List.of("u1", "u2", "u3", "u4", "u5")) {
            if (!followed.contains(candidate) && !candidate.equals(user)) {
                return candidate;
            }
        }
        throw new AssertionError(user + " follows everyone");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), Map.class);
    }

    private void post(List<Map<String, Object>> events) {
        Map<?, ?> r = http.toBlocking().retrieve(HttpRequest.POST("/api/events", events), Map.class);
        assertEquals(events.size(), ((Number) r.get("accepted")).intValue(), r.toString());
    }

    private static Map<String, Object> waitFor(Supplier<Map<String, Object>> read,
                                               java.util.function.Predicate<Map<String, Object>> done, long deadline)
            throws InterruptedException {
        Map<String, Object> last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not visible in time: " + last);
            }
            Thread.sleep(20);
            last = read.get();
        }
        return last;
    }
}
