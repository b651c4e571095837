package io.learnergraph.api;

import io.learnergraph.analysis.ReferenceGraphs;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zachary's karate club imported as a platform (each friendship a follow in both directions), so
 * the API's answers can be checked against NetworkX's reference values end to end: CSV →
 * Neo4j → projection → analysis → HTTP. Mr. Hi's faction learns judo and is active; the
 * officer's faction learned karate 60 days before and has gone quiet.
 */
@MicronautTest
class AnalyticsApiIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;
    @Inject
    Neo4jStore store;

    private List<String> faction;

    @BeforeAll
    void importKarateClub() throws IOException {
        Path dir = newTempDir("karate-platform");
        faction = ReferenceGraphs.lines("graphs/karate.labels.csv").stream().skip(1).map(l -> l.split(",")[1]).toList();
        StringBuilder users = new StringBuilder("user_id,name,tier,joined_at\n");
        for (int i = 0; i < 34; i++) {
            users.append("u").append(i).append(",Member ").append(i).append(',')
                    .append(i % 2 == 0 ? "free" : "premium").append(",2026-01-01\n");
        }
        StringBuilder follows = new StringBuilder("follower_id,followee_id,at\n");
        for (String line : ReferenceGraphs.lines("graphs/karate.edges.csv").subList(1, 79)) {
            String[] e = line.split(",");
            follows.append("u").append(e[0]).append(",u").append(e[1]).append(",2026-02-01\n");
            follows.append("u").append(e[1]).append(",u").append(e[0]).append(",2026-02-01\n");
        }
        StringBuilder learning = new StringBuilder("user_id,course_id,type,at,value\n");
        for (int i = 0; i < 34; i++) {
            boolean hi = faction.get(i).equals("Mr. Hi");
            learning.append("u").append(i).append(hi ? ",judo101" : ",karate101").append(",enroll,")
                    .append(hi ? "2026-06-30" : "2026-05-01").append(",\n");
        }
        Files.writeString(dir.resolve("users.csv"), users);
        Files.writeString(dir.resolve("follows.csv"), follows);
        Files.writeString(dir.resolve("topics.csv"), "topic_id,name\njudo,Judo\nkarate,Karate\n");
        Files.writeString(dir.resolve("courses.csv"),
                "course_id,title,creator_id\njudo101,Judo 101,u0\nkarate101,Karate 101,u33\n");
        Files.writeString(dir.resolve("course_topics.csv"), "course_id,topic_id\njudo101,judo\nkarate101,karate\n");
        Files.writeString(dir.resolve("learning.csv"), learning);
        ImportReport report = importer.importDirectory(dir, ImportProgress.NONE);
        assertTrue(report.complete() && report.totalRejected() == 0, report.toString());
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/refresh", ""), Map.class);
    }

    @Test
    void pageRankOverHttpEqualsNetworkx() {
        double[] expected = ReferenceGraphs.values("karate", "pagerank_d085");
        Map<?, ?> body = get("/api/influencers?measure=pagerank&limit=34");
        List<?> items = (List<?>) body.get("items");
        assertEquals(34, items.size());
        assertEquals("u33", ((Map<?, ?>) items.get(0)).get("userId"), "member 33 ranks first, then 0");
        assertEquals("u0", ((Map<?, ?>) items.get(1)).get("userId"));
        for (Object o : items) {
            Map<?, ?> item = (Map<?, ?>) o;
            int node = Integer.parseInt(((String) item.get("userId")).substring(1));
            assertEquals(expected[node], ((Number) item.get("score")).doubleValue(), 1e-6, "node " + node);
        }
    }

    @ParameterizedTest
    @CsvSource({"betweenness,betweenness_normalized_unweighted", "coreness,coreness",
            "harmonic,harmonic_unweighted"})
    void centralitiesOverHttpEqualNetworkx(String measure, String reference) {
        double[] expected = ReferenceGraphs.values("karate", reference);
        Map<?, ?> body = get("/api/influencers?measure=" + measure + "&limit=34");
        assertEquals("exact", body.get("method"));
        for (Object o : (List<?>) body.get("items")) {
            Map<?, ?> item = (Map<?, ?>) o;
            int node = Integer.parseInt(((String) item.get("userId")).substring(1));
            assertEquals(expected[node], ((Number) item.get("score")).doubleValue(), 1e-6, measure + " of " + node);
        }
    }

    @Test
    void leidenCommunitiesWithProfiles() {
        Map<?, ?> body = get("/api/communities?algorithm=leiden&resolution=1.0&seed=42");
        assertEquals(0.4198, ((Number) body.get("modularity")).doubleValue(), 0.005);
        List<?> communities = (List<?>) body.get("communities");
        int members = 0;
        for (Object o : communities) {
            Map<?, ?> c = (Map<?, ?>) o;
            members += ((Number) c.get("size")).intValue();
            String topTopic = (String) ((Map<?, ?>) ((List<?>) c.get("topTopics")).get(0)).get("topicId");
            double churned = ((Number) c.get("churnedShare")).doubleValue();
            // judo learners are Mr. Hi's, active; karate learners are the officer's, gone quiet
            assertEquals(topTopic.equals("judo") ? 0.0 : 1.0, churned, 0.35, "community " + c);
            Map<?, ?> tiers = (Map<?, ?>) c.get("tierMix");
            assertEquals(1.0, tiers.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum(), 1e-9);
        }
        Map<?, ?> small = (Map<?, ?>) body.get("smallCommunities");
        assertEquals(34, members + ((Number) small.get("members")).intValue());
    }

    @Test
    void aCommunityWithItsMembersAndTheAssignmentsCsv() {
        Map<?, ?> list = get("/api/communities");
        int id = ((Number) ((Map<?, ?>) ((List<?>) list.get("communities")).get(0)).get("id")).intValue();
        Map<?, ?> one = get("/api/communities/" + id + "?limit=3");
        assertEquals(3, ((List<?>) one.get("members")).size());

        String csv = http.toBlocking().retrieve(HttpRequest.GET("/api/communities/assignments"), String.class);
        List<String> lines = csv.lines().toList();
        assertEquals("user_id,community_id", lines.get(0));
        assertEquals(35, lines.size());
    }

    @Test
    void personalisedPageRankFromTheOfficerFavoursHisSide() {
        Map<?, ?> body = get("/api/influencers?measure=personalized_pagerank&sources=u33&limit=34");
        List<?> items = (List<?>) body.get("items");
        assertEquals("u33", ((Map<?, ?>) items.get(0)).get("userId"), "the source ranks first");
        double officer = 0;
        double total = 0;
        for (Object o : items) {
            Map<?, ?> item = (Map<?, ?>) o;
            int node = Integer.parseInt(((String) item.get("userId")).substring(1));
            double score = ((Number) item.get("score")).doubleValue();
            total += score;
            officer += faction.get(node).equals("Officer") ? score : 0;
        }
        double[] global = ReferenceGraphs.values("karate", "pagerank_d085");
        double officerGlobally = 0;
        for (int i = 0; i < 34; i++) {
            officerGlobally += faction.get(i).equals("Officer") ? global[i] : 0;
        }
        assertEquals(1.0, total, 1e-9);
        // walks restarting at 33 keep more of their mass on his side than unbiased walks do
        assertTrue(officer > officerGlobally + 0.1, "officer's side: " + officer + " vs " + officerGlobally);
    }

    @Test
    void aUserWithCommunityAndScores() {
        Map<?, ?> user = get("/api/users/u33");
        assertEquals("premium", user.get("tier"));
        Map<?, ?> scores = (Map<?, ?>) user.get("scores");
        assertEquals(ReferenceGraphs.values("karate", "pagerank_d085")[33],
                ((Number) scores.get("pagerank")).doubleValue(), 1e-6);
        assertEquals(17, ((Number) ((Map<?, ?>) user.get("degree")).get("in")).intValue());
    }

    @Test
    void scoresAreWrittenBackForAnalysts() {
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/write-back", ""), Map.class);
        Map<String, Object> row = store.inRead(tx -> tx.run("MATCH (u:User {id:'u33'}) RETURN u.pagerank AS pr, "
                + "u.coreness AS core, u.communityId AS c, u.betweenness AS b").single().asMap());
        assertEquals(ReferenceGraphs.values("karate", "pagerank_d085")[33], (Double) row.get("pr"), 1e-6);
        assertEquals(4L, row.get("core"));
        assertEquals(ReferenceGraphs.values("karate", "betweenness_normalized_unweighted")[33],
                (Double) row.get("b"), 1e-6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/communities?algorithm=girvan|algorithm|400",
            "/api/communities?resolution=0|resolution|400",
            "/api/communities?resolution=-1|resolution|400",
            "/api/influencers?measure=fame|measure|400",
            "/api/influencers?limit=0|limit|400",
            "/api/influencers?limit=5000|limit|400",
            "/api/influencers?measure=personalized_pagerank|sources|400",
            "/api/influencers?measure=personalized_pagerank&sources=ghost|sources|404",
            "/api/influencers?community=99999|community|404"})
    void badParametersAreProblemsNamingTheParameter(String uri, String parameter, Integer status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET(uri), Argument.of(String.class), Argument.of(Map.class)));
        assertEquals(status == null ? 400 : status, e.getStatus().getCode(), "a malformed value is a 400, an id that "
                + "names nothing a 404");
        Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(parameter, problem.get("parameter"), problem.toString());
    }

    @Test
    void aCommunitiesJobRunsToCompletionAndFillsTheCache() throws InterruptedException {
        Map<?, ?> started = http.toBlocking().retrieve(HttpRequest.POST("/api/jobs",
                Map.of("type", "communities", "parameters", Map.of("algorithm", "louvain", "seed", "7"))), Map.class);
        String id = (String) started.get("id");
        Map<?, ?> job = started;
        for (int i = 0; i < 200 && !"SUCCEEDED".equals(job.get("state")); i++) {
            Thread.sleep(50);
            job = get("/api/jobs/" + id);
            assertTrue(!"FAILED".equals(job.get("state")), job.toString());
        }
        assertEquals("SUCCEEDED", job.get("state"));
        assertEquals(1.0, ((Number) job.get("progress")).doubleValue());
        double modularity = ((Number) ((Map<?, ?>) job.get("result")).get("modularity")).doubleValue();
        assertEquals(modularity, ((Number) get("/api/communities?algorithm=louvain&seed=7").get("modularity"))
                .doubleValue(), 1e-12);
    }

    @Test
    void unknownJobTypeAndJobAreProblems() {
        HttpClientResponseException bad = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/api/jobs", Map.of("type", "sleep")), Argument.of(String.class),
                        Argument.of(Map.class)));
        assertEquals(400, bad.getStatus().getCode());
        HttpClientResponseException missing = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.DELETE("/api/jobs/nope"), Argument.of(String.class), Argument.of(Map.class)));
        assertEquals(404, missing.getStatus().getCode());
    }

    @Test
    void postedEventsReachTheLiveGraphAtOnce() throws InterruptedException {
        int followersBefore = ((Number) ((Map<?, ?>) get("/api/users/u16").get("degree")).get("in")).intValue();
        long feedBefore = ((Number) get("/api/users/u16").get("feedPosition")).longValue();
        http.toBlocking().retrieve(HttpRequest.POST("/api/events", List.of(Map.of("kind", "follow",
                "follower_id", "u33", "followee_id", "u16", "at", "2026-07-01"))), Map.class);
        int followers = followersBefore;
        for (int i = 0; i < 100 && followers == followersBefore; i++) {
            Thread.sleep(10);
            followers = ((Number) ((Map<?, ?>) get("/api/users/u16").get("degree")).get("in")).intValue();
        }
        assertEquals(followersBefore + 1, followers, "the follow counts within a second");
        assertTrue(((Number) get("/api/users/u16").get("feedPosition")).longValue() > feedBefore);
    }

    @Test
    void interestProfilesAndGroupsFollowWhatEachFactionLearns() {
        Map<?, ?> hi = (Map<?, ?>) get("/api/users/u0").get("profile");
        Map<?, ?> officer = (Map<?, ?>) get("/api/users/u33").get("profile");
        assertEquals("judo", ((Map<?, ?>) ((List<?>) hi.get("topTopics")).get(0)).get("topicId"));
        assertEquals(1.0, ((Number) ((Map<?, ?>) ((List<?>) hi.get("topTopics")).get(0)).get("weight")).doubleValue(), 1e-9);
        assertEquals("karate", ((Map<?, ?>) ((List<?>) officer.get("topTopics")).get(0)).get("topicId"));
        for (int i = 0; i < 34; i++) {
            Map<?, ?> p = (Map<?, ?>) get("/api/users/u" + i).get("profile");
            Object expected = faction.get(i).equals("Mr. Hi") ? hi.get("interestGroup") : officer.get("interestGroup");
            assertEquals(expected, p.get("interestGroup"), "u" + i);
        }
        Map<?, ?> groups = get("/api/interest-groups");
        assertEquals(2, ((Number) groups.get("groupCount")).intValue(), "two distinct interests, two groups");
        List<?> list = (List<?>) groups.get("groups");
        long hiSize = faction.stream().filter("Mr. Hi"::equals).count();
        assertEquals(java.util.stream.Stream.of((int) hiSize, 34 - (int) hiSize).sorted().toList(),
                list.stream().map(g -> ((Number) ((Map<?, ?>) g).get("size")).intValue()).sorted().toList());
    }

    @Test
    void unknownUserAndCommunityAre404() {
        for (String uri : List.of("/api/users/nobody", "/api/communities/9999")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.GET(uri), Argument.of(String.class),
                            Argument.of(Map.class)));
            assertEquals(404, e.getStatus().getCode(), uri);
        }
    }

    private Map<?, ?> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }
}
