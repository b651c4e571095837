package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The growth endpoints on a hand-built history imported from CSV (the same story as
 * GrowthTest, on calendar dates; the latest event is 2026-07-30), each number worked out by hand,
 * and the analysts' saved queries agreeing with the API.
 */
@MicronautTest
class GrowthApiIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;

    @BeforeAll
    void importHistory() throws Exception {
        Path dir = newTempDir("growth-history");
        Files.writeString(dir.resolve("users.csv"), """
                user_id,name,tier,joined_at
                a,Ada,free,2026-01-05
                b,Bo,free,2026-01-05
                c,Cy,free,2026-01-05
                d,Di,free,2026-01-05
                e,Ed,free,2026-01-05
                """);
        Files.writeString(dir.resolve("topics.csv"), "topic_id,name\nt1,One\nt2,Two\n");
        Files.writeString(dir.resolve("courses.csv"), """
                course_id,title,creator_id,tier,price
                c1,Free Course,d,free,0
                c2,Premium Course,d,premium,49
                """);
        Files.writeString(dir.resolve("course_topics.csv"), "course_id,topic_id\nc1,t1\nc2,t2\n");
        Files.writeString(dir.resolve("learning.csv"), """
                user_id,course_id,type,at,value
                a,c1,view,2026-07-11,600
                a,c1,enroll,2026-07-12,
                a,c1,complete,2026-07-21,
                a,c1,rate,2026-07-21,5
                b,c2,view,2026-07-11,
                b,c2,enroll,2026-07-12,
                b,c2,purchase,2026-07-12,49
                b,c1,view,2026-07-29,
                b,c1,rate,2026-06-11,5
                b,c1,rate,2026-06-21,3
                c,c2,enroll,2026-07-06,
                c,c2,view,2026-07-11,
                c,c2,purchase,2026-07-13,49
                c,c2,rate,2026-07-13,5
                e,c1,view,2026-06-21,
                e,c1,enroll,2026-07-26,
                """);
        Files.writeString(dir.resolve("social.csv"), """
                from_user_id,to_user_id,type,at
                a,b,answer,2026-07-28
                b,a,reply,2026-07-29
                c,a,comment,2026-07-27
                c,a,tip,2026-07-30
                c,a,tip,2026-06-21
                b,a,like,2026-07-30
                """);
        Files.writeString(dir.resolve("follows.csv"), """
                follower_id,followee_id,at
                e,a,2026-07-29
                a,d,2026-01-05
                """);
        ImportReport report = importer.importDirectory(dir, ImportProgress.NONE);
        assertTrue(report.complete() && report.totalRejected() == 0, report.toString());
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/refresh", ""), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void funnelsCountOrderedStepsAndTheSavedQueryAgrees() {
        Map<String, Object> f = get("/api/funnels?from=2026-07-01&to=2026-07-30&groupBy=course");
        assertEquals(List.of("view", "enroll", "purchase", "complete"), f.get("steps"));
        Map<String, Object> overall = (Map<String, Object>) f.get("overall");
        assertEquals(List.of(3, 2, 2, 1), longs(overall.get("counts")));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) f.get("groups");
        Map<String, List<Integer>> byCourse = new java.util.HashMap<>();
        groups.forEach(g -> byCourse.put((String) g.get("key"), longs(g.get("counts"))));
        assertEquals(Map.of("c1", List.of(2, 1, 1, 1), "c2", List.of(2, 1, 1, 0)), byCourse);
        for (String course : List.of("c1", "c2")) {
            Map<String, Object> q = post("/api/queries/conversion-funnel", Map.of("params", Map.of("course", course,
                    "from", "2026-07-01", "to", "2026-07-30")));
            List<Object> row = ((List<List<Object>>) q.get("rows")).get(0);
            assertEquals(byCourse.get(course), longs(row.subList(1, 5)), course);
        }
        Map<String, Object> creator = get("/api/funnels?from=2026-07-01&to=2026-07-30&groupBy=creator");
        assertEquals(List.of(3, 2, 2, 1), longs(((List<Map<String, Object>>) creator.get("groups")).get(0).get("counts")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void courseQualityShrinksTowardThePlatformAndTheSavedQueryAgrees() {
        Map<String, Object> c1 = get("/api/courses/c1");
        Map<String, Object> q = (Map<String, Object>) c1.get("quality");
        // latest ratings: c1 a 5 and b 3 (b's earlier 5 replaced); c2 c 5: platform mean 13/3
        assertEquals(2, ((Number) q.get("ratings")).intValue());
        assertEquals((10 * 13.0 / 3 + 8) / 12, number(q.get("bayesRating")), 1e-9);
        assertEquals(2, ((Number) q.get("enrolled")).intValue()); // a and e
        assertEquals(1, ((Number) q.get("completed")).intValue());
        assertEquals("d", c1.get("creatorId"));
        assertEquals(0.0, number(c1.get("price")), 0.0);
        assertEquals(List.of("t1"), ((List<Map<String, Object>>) c1.get("topics")).stream().map(t -> t.get("topicId")).toList());
        Map<String, Object> saved = post("/api/queries/course-quality", Map.of("params", Map.of()));
        List<List<Object>> rows = (List<List<Object>>) saved.get("rows");
        List<Object> savedC1 = rows.stream().filter(r -> "c1".equals(r.get(0))).findFirst().orElseThrow();
        assertEquals(number(q.get("bayesRating")), number(savedC1.get(4)), 1e-4);
        List<Map<String, Object>> list = (List<Map<String, Object>>) get("/api/courses?sort=quality").get("items");
        assertEquals(2, list.size());
        assertTrue(number(((Map<String, Object>) list.get(0).get("quality")).get("score"))
                >= number(((Map<String, Object>) list.get(1).get("quality")).get("score")));
        assertEquals(List.of("c2"), ((List<Map<String, Object>>) get("/api/courses?tier=premium").get("items")).stream()
                .map(i -> i.get("courseId")).toList());
        assertEquals(List.of("c1"), ((List<Map<String, Object>>) get("/api/courses?topic=t1").get("items")).stream()
                .map(i -> i.get("courseId")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void lifecycleStagesLeaderboardsEngagementAndCohorts() {
        // at 2026-07-30: a, b, c active; e back after 35 silent days; d never did anything since January
        Map<String, Object> life = get("/api/lifecycle");
        assertEquals("2026-07-30T00:00:00Z", life.get("asOf"));
        Map<String, Object> stages = (Map<String, Object>) ((List<Map<String, Object>>) life.get("groups")).get(0).get("stages");
        assertEquals(3, stages.get("active"));
        assertEquals(1, stages.get("won-back"));
        assertEquals(1, stages.get("churned"));
        // one user's stage, judged alone, agrees (e back, d churned, a active)
        assertEquals("won-back", get("/api/users/e/lifecycle").get("stage"));
        assertEquals("churned", get("/api/users/d/lifecycle").get("stage"));
        assertEquals("active", get("/api/users/a/lifecycle").get("stage"));
        assertEquals("2026-07-30T00:00:00Z", get("/api/users/a/lifecycle").get("asOf"));
        assertEquals(404, problem("/api/users/nobody/lifecycle").getStatus().getCode());
        // on 07-01 a and d had been silent since joining (churned), b, c and e active (06-21)
        Map<String, Object> flows = get("/api/lifecycle/transitions?from=2026-07-01&to=2026-07-30");
        Map<String, Integer> flow = new java.util.HashMap<>();
        ((List<Map<String, Object>>) flows.get("flows")).forEach(fl -> flow.put(fl.get("from") + ">" + fl.get("to"),
                ((Number) fl.get("users")).intValue()));
        assertEquals(Map.of("churned>active", 1, "active>active", 2, "churned>churned", 1, "active>won-back", 1), flow);
        // a: answered b (5), b's reply (2), c's comment (1), c's tip of 07-30 (10), e's follow (3)
        List<Map<String, Object>> board = (List<Map<String, Object>>) get("/api/leaderboards?window=30d").get("items");
        assertEquals("a", board.get(0).get("userId"));
        assertEquals(21.0, number(board.get(0).get("points")), 1e-9);
        Map<String, Object> saved = post("/api/queries/contribution-leaderboard", Map.of("params", Map.of()));
        List<Object> top = ((List<List<Object>>) saved.get("rows")).get(0);
        assertEquals("a", top.get(0));
        assertEquals(21, ((Number) top.get(2)).intValue());
        // engagement: a was active on 4 days of the 30 (07-11, 07-12, 07-21, 07-28)
        Map<String, Object> user = (Map<String, Object>) get("/api/users/a").get("engagement");
        assertEquals(4, ((Number) user.get("visitDays")).intValue());
        Map<String, Object> byTier = get("/api/engagement?groupBy=tier");
        Map<String, Object> free = ((List<Map<String, Object>>) byTier.get("groups")).get(0);
        assertEquals("free", free.get("key"));
        assertEquals(5, free.get("users"));
        assertEquals(4, free.get("activeUsers")); // everyone but d
        // one weekly cohort (all joined the week of 2026-01-05), nobody active in that first week
        Map<String, Object> cohorts = get("/api/cohorts?period=week");
        List<Map<String, Object>> triangle = (List<Map<String, Object>>) ((List<Map<String, Object>>) cohorts.get("groups"))
                .get(0).get("cohorts");
        assertEquals(1, triangle.size());
        assertEquals("2026-01-05T00:00:00Z", triangle.get(0).get("start"));
        assertEquals(5, triangle.get(0).get("size"));
        assertEquals(0.0, number(((List<Object>) triangle.get(0).get("retention")).get(0)), 0.0);
        // win-back: d has churned and gets candidates; e is already back
        Map<String, Object> winBack = get("/api/users/d/win-back");
        assertEquals("churned", winBack.get("stage"));
        assertEquals(409, problem("/api/users/e/win-back").getStatus().getCode());
    }

    @Test
    void badParametersAre400NamingThem() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/api/engagement?window=abc", "window"),
                Map.entry("/api/engagement?window=0d", "window"),
                Map.entry("/api/engagement?groupBy=planet", "groupBy"),
                Map.entry("/api/engagement?asOf=yesterday", "asOf"),
                Map.entry("/api/engagement?asOf=2030-01-01", "asOf"),
                Map.entry("/api/funnels?groupBy=planet", "groupBy"),
                Map.entry("/api/funnels?from=2026-07-20&to=2026-07-01", "from"),
                Map.entry("/api/cohorts?period=day", "period"),
                Map.entry("/api/courses?sort=price", "sort"),
                Map.entry("/api/courses?tier=gold", "tier"),
                Map.entry("/api/lifecycle/transitions", "from"),
                Map.entry("/api/leaderboards?limit=0", "limit"));
        cases.forEach((uri, parameter) -> {
            HttpClientResponseException e = problem(uri);
            assertEquals(400, e.getStatus().getCode(), uri);
            assertEquals(parameter, e.getResponse().getBody(Map.class).orElseThrow().get("parameter"), uri);
        });
        // an id that names nothing is a 404, in the path or in a parameter (which the problem names)
        for (Map.Entry<String, String> e : Map.of("/api/courses?topic=nope", "topic",
                "/api/leaderboards?community=99999", "community").entrySet()) {
            HttpClientResponseException notFound = problem(e.getKey());
            assertEquals(404, notFound.getStatus().getCode(), e.getKey());
            assertEquals(e.getValue(), notFound.getResponse().getBody(Map.class).orElseThrow().get("parameter"));
        }
        assertEquals(404, problem("/api/courses/nope").getStatus().getCode());
        assertEquals(404, problem("/api/users/ghost/win-back").getStatus().getCode());
    }

    private static List<Integer> longs(Object list) {
        return ((List<?>) list).stream().map(o -> ((Number) o).intValue()).toList();
    }

    private HttpClientResponseException problem(String uri) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET(uri), Argument.of(String.class), Argument.of(Map.class)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String uri, Object body) {
        return http.toBlocking().retrieve(HttpRequest.POST(uri, body), Map.class);
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
