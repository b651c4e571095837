package io.learnergraph;

import io.learnergraph.cli.LearnerGraphCli;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two LearnerGraph processes on one database, as README's scale-out story has them: A with the
 * embedded database and its Bolt port, B pointing at it by a {@code bolt://} URI. An event
 * accepted by A reaches B's answers within two seconds, through the change feed in the database.
 */
class ReplicasIT {

    private static final String KEY = "replica-test-admin-key-0123456789";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @SuppressWarnings("unchecked")
    void anEventAcceptedByOneInstanceIsVisibleOnTheOtherWithinTwoSeconds() throws Exception {
        int httpA = freePort();
        int httpB = freePort();
        int bolt = freePort();
        Path dataA = GraphTestSupport.newTempDir("replica-a");
        Process a = start("a", List.of("-Dlearnergraph.data-dir=" + dataA, "-Dlearnergraph.neo4j.bolt-port=" + bolt,
                "-Dmicronaut.server.port=" + httpA, "-Dlearnergraph.demo.users=300"));
        Process b = null;
        try {
            awaitHealthy(a, httpA);
            String password = Files.readString(dataA.resolve("neo4j.password")).strip();
            b = start("b", List.of("-Dlearnergraph.data-dir=" + GraphTestSupport.newTempDir("replica-b"),
                    "-Dlearnergraph.neo4j.uri=bolt://127.0.0.1:" + bolt, "-Dlearnergraph.neo4j.password=" + password,
                    "-Dmicronaut.server.port=" + httpB));
            awaitHealthy(b, httpB);

            Map<String, Object> before = get(httpB, "/api/users/u1/recommendations?limit=5&explain=false");
            String course = (String) ((List<Map<String, Object>>) before.get("items")).get(0).get("courseId");
            Map<String, Object> user = get(httpB, "/api/users/u1");
            int out = ((Number) ((Map<String, Object>) user.get("degree")).get("out")).intValue();
            String followee = notFollowed(httpB, "u1");

            long posted = System.nanoTime();
            post(httpA, List.of(
                    Map.of("kind", "learning", "user_id", "u1", "course_id", course, "type", "enroll",
                            "at", "2026-11-30T10:00:00Z"),
                    Map.of("kind", "follow", "follower_id", "u1", "followee_id", followee, "at", "2026-11-30T10:00:00Z")));
            while (true) {
                Map<String, Object> recs = get(httpB, "/api/users/u1/recommendations?limit=5&explain=false");
                Map<String, Object> profile = get(httpB, "/api/users/u1");
                boolean gone = ((List<Map<String, Object>>) recs.getOrDefault("items", List.of())).stream()
                        .noneMatch(i -> course.equals(i.get("courseId")));
                boolean followed = ((Number) ((Map<String, Object>) profile.get("degree")).get("out")).intValue() == out + 1;
                if (gone && followed) {
                    break;
                }
                if (System.nanoTime() - posted > TimeUnit.SECONDS.toNanos(2)) {
                    fail("not on B within 2 s: " + recs + " " + profile);
                }
                Thread.sleep(25);
            }
            double seconds = (System.nanoTime() - posted) / 1e9;
            System.out.printf("replica B saw A's event after %.3f s%n", seconds);
            assertTrue(seconds <= 2);
        } finally {
            a.destroy();
            if (b != null) {
                b.destroy();
                b.waitFor(60, TimeUnit.SECONDS);
            }
            a.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private String notFollowed(int port, String user) throws Exception {
        Map<String, Object> r = postJson(port, "/api/cypher", Map.of("query",
                "MATCH (u:User {id: $u}) MATCH (v:User) WHERE v <> u AND NOT (u)-[:FOLLOWS]->(v) RETURN v.id LIMIT 1",
                "params", Map.of("u", user)));
        return (String) ((List<?>) ((List<?>) r.get("rows")).get(0)).get(0);
    }

    private static Process start(String name, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path")));
        command.addAll(options);
        command.addAll(List.of("-Dlearnergraph.live.merge-share=1", LearnerGraphCli.class.getName(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("replica-" + name, ".log").toFile());
        pb.environment().put("LEARNERGRAPH_SECURITY_KEYS_ADMIN", KEY);
        return pb.start();
    }

    private void awaitHealthy(Process p, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the instance exited");
            try {
                if (http.send(request(port, "/api/health").GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("no healthy instance on " + port);
    }

    private Map<String, Object> get(int port, String path) throws Exception {
        return body(http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private void post(int port, List<Map<String, Object>> events) throws Exception {
        Map<String, Object> r = body(http.send(request(port, "/api/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ObjectMapper.getDefault().writeValueAsString(events))).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertEquals(events.size(), ((Number) r.get("accepted")).intValue(), r.toString());
    }

    private Map<String, Object> postJson(int port, String path, Map<String, Object> json) throws Exception {
        return body(http.send(request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ObjectMapper.getDefault().writeValueAsString(json))).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        return ObjectMapper.getDefault().readValue(r.body(), Map.class);
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
