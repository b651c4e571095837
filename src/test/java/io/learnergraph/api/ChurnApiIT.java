package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.service.ChurnService;
import io.learnergraph.store.ChurnStore;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The churn endpoints end to end on a generated 600-user platform imported from CSV: 409 before
 * training, 400s naming bad parameters, a trained model whose served risk is its own formula
 * applied to the served features, risk lists, CSV scores and churnRisk on :User agreeing.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChurnApiIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;
    @Inject
    ChurnStore churnStore;
    @Inject
    ObjectMapper json;
    @Inject
    io.learnergraph.service.AnalyticsService analytics;
    @Inject
    io.learnergraph.config.ChurnSettings churnSettings;
    @Inject
    io.learnergraph.config.LearnerGraphSettings app;
    @Inject
    io.learnergraph.service.SnapshotService snapshots;

    @BeforeAll
    void importPlatform() {
        importDemo(importer, http, 600, 5);
    }

    @Test
    @Order(1)
    void beforeTrainingEveryReadIs409SayingToTrain() {
        for (String uri : List.of("/api/churn/model", "/api/churn/risk", "/api/churn/scores", "/api/users/u1/churn")) {
            HttpClientResponseException e = problem(HttpRequest.GET(uri));
            assertEquals(409, e.getStatus().getCode(), uri);
            assertTrue(detail(e).contains("POST /api/churn/train"), detail(e));
        }
    }

    @Test
    @Order(2)
    void badTrainingParametersAre400NamingThem() {
        Map<String, String> cases = Map.of(
                "/api/churn/train?asOf=last%20tuesday", "asOf",
                "/api/churn/train?asOf=2030-01-01", "asOf",
                "/api/churn/train?asOf=2025-01-01", "asOf",
                "/api/churn/train?horizonDays=0", "horizonDays",
                "/api/churn/train?horizonDays=400", "horizonDays");
        cases.forEach((uri, parameter) -> {
            HttpClientResponseException e = problem(HttpRequest.POST(uri, ""));
            assertEquals(400, e.getStatus().getCode(), uri);
            assertEquals(parameter, e.getResponse().getBody(Map.class).orElseThrow().get("parameter"), uri);
        });
        assertTrue(detail(problem(HttpRequest.POST("/api/churn/train?asOf=2030-01-01", ""))).contains("after the latest event"));
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void trainedModelScoresEveryActiveUserConsistentlyEverywhere() throws Exception {
        Map<String, Object> model = http.toBlocking().retrieve(HttpRequest.POST("/api/churn/train?asOf=2026-10-01", ""),
                Map.class);
        double auc = number(model.get("auc"));
        assertTrue(auc > 0.7 && auc <= 1, "AUC " + auc);
        assertTrue(number(model.get("positives")) >= 5 && number(model.get("population")) > number(model.get("positives")));
        assertEquals("2026-10-01T00:00:00Z", model.get("asOf"));
        assertEquals("2026-09-01T00:00:00Z", model.get("cutoff"));
        assertEquals(30, ((Number) model.get("horizonDays")).intValue());
        List<Map<String, Object>> coefficients = (List<Map<String, Object>>) model.get("coefficients");
        assertEquals(io.learnergraph.analysis.churn.ChurnFeature.values().length, coefficients.size());
        assertEquals(10, ((List<?>) model.get("calibration")).size());
        assertEquals(model, http.toBlocking().retrieve(HttpRequest.GET("/api/churn/model"), Map.class));

        Map<String, Object> risk = get("/api/churn/risk?limit=20");
        List<Map<String, Object>> items = (List<Map<String, Object>>) risk.get("items");
        assertEquals(20, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(number(items.get(i - 1).get("risk")) >= number(items.get(i).get("risk")));
        }
        Map<String, Object> top = items.get(0);
        List<Map<String, Object>> factors = (List<Map<String, Object>>) top.get("topFactors");
        assertEquals(5, factors.size());
        assertTrue(number(factors.get(0).get("contribution")) >= number(factors.get(4).get("contribution")));

        // the served risk is the model's formula on the served features
        Map<String, Object> user = get("/api/users/" + top.get("userId") + "/churn");
        assertEquals(Boolean.TRUE, user.get("active"));
        Map<String, Object> features = (Map<String, Object>) user.get("features");
        double eta = number(model.get("intercept"));
        for (Map<String, Object> c : coefficients) {
            eta += number(c.get("weight")) * (number(features.get(c.get("feature"))) - number(c.get("mean")))
                    / number(c.get("sd"));
        }
        assertEquals(1 / (1 + Math.exp(-eta)), number(user.get("risk")), 1e-9);
        assertEquals(number(top.get("risk")), number(user.get("risk")), 1e-12);
        assertTrue(((Map<String, Object>) user.get("profile")).containsKey("topTopics"));

        // CSV: every active user once; the same numbers as the JSON and as churnRisk on :User
        HttpResponse<String> csv = http.toBlocking().exchange(HttpRequest.GET("/api/churn/scores"), String.class);
        assertTrue(csv.getContentType().orElseThrow().toString().startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("user_id,risk", lines.get(0));
        assertEquals(((Number) risk.get("activeUsers")).intValue(), lines.size() - 1);
        Map<String, Double> byUser = new HashMap<>();
        lines.subList(1, lines.size()).forEach(l -> byUser.put(l.split(",")[0], Double.parseDouble(l.split(",")[1])));
        assertEquals(number(top.get("risk")), byUser.get((String) top.get("userId")), 1e-12);
        Map<String, Double> written = new HashMap<>();
        // as an analyst sees it
        Map<String, Object> rows = http.toBlocking().retrieve(HttpRequest.POST("/api/cypher", Map.of("query",
                "MATCH (u:User) WHERE u.churnRisk IS NOT NULL RETURN u.id AS id, u.churnRisk AS risk", "limit", 10000)),
                Map.class);
        ((List<List<Object>>) rows.get("rows")).forEach(r -> written.put((String) r.get(0), number(r.get(1))));
        assertEquals(byUser, written);

        // the model stored in the graph is what a restarted server (or another replica) serves and scores with
        io.learnergraph.service.StoredChurnModel stored = json.readValue(churnStore.latestModel().orElseThrow(),
                io.learnergraph.service.StoredChurnModel.class);
        assertEquals(io.learnergraph.service.StoredChurnModel.FORMAT, stored.format());
        assertEquals(number(model.get("auc")), stored.metrics().auc(), 1e-12);
        ChurnService restarted = new ChurnService(analytics, churnSettings, app, churnStore, json, snapshots);
        assertEquals(number(model.get("auc")), restarted.model().auc(), 1e-12);
        assertEquals(number(model.get("intercept")), restarted.model().intercept(), 1e-12);
        assertEquals(model.get("trainedAt"), restarted.model().trainedAt());
        io.learnergraph.analysis.graph.GraphSnapshot pinned = analytics.snapshot();
        ChurnService.Scores again = restarted.scores(pinned);
        int row = again.matrix().rowOf(pinned.users().indexOf((String) top.get("userId")).orElseThrow());
        assertEquals(number(top.get("risk")), again.risk()[row], 1e-12);
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void riskListsFilterAndRankInfluencers() {
        Map<String, Object> all = get("/api/churn/risk?limit=10000");
        int active = ((Number) all.get("activeUsers")).intValue();
        assertEquals(active, ((Number) all.get("matched")).intValue());
        List<Map<String, Object>> high = (List<Map<String, Object>>) get("/api/churn/risk?minRisk=0.5&limit=10000").get("items");
        assertTrue(high.stream().allMatch(i -> number(i.get("risk")) >= 0.5));
        List<Map<String, Object>> premium = (List<Map<String, Object>>) get("/api/churn/risk?tier=premium&limit=10000").get("items");
        assertTrue(premium.stream().allMatch(i -> "premium".equals(i.get("tier"))));
        List<Map<String, Object>> items = (List<Map<String, Object>>) all.get("items");
        // a community shown on its own (the listed ones are at or above the privacy floor)
        java.util.Set<Integer> shown = ((List<Map<String, Object>>) get("/api/communities?limit=1000")
                .get("communities")).stream().map(c -> ((Number) c.get("id")).intValue())
                .collect(java.util.stream.Collectors.toSet());
        int community = items.stream().map(i -> ((Number) i.get("communityId")).intValue()).filter(shown::contains)
                .findFirst().orElseThrow();
        List<Map<String, Object>> inCommunity = (List<Map<String, Object>>) get("/api/churn/risk?limit=10000&community="
                + community).get("items");
        assertEquals(items.stream().filter(i -> ((Number) i.get("communityId")).intValue() == community).count(),
                inCommunity.size());
        Map<String, Object> influencers = get("/api/churn/risk?influencersOnly=true&limit=10000");
        List<Map<String, Object>> ranked = (List<Map<String, Object>>) influencers.get("items");
        assertFalse(ranked.isEmpty());
        assertTrue(ranked.size() <= Math.ceil(600 * 0.1));
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(number(ranked.get(i - 1).get("risk")) * number(ranked.get(i - 1).get("influence"))
                    >= number(ranked.get(i).get("risk")) * number(ranked.get(i).get("influence")) - 1e-12);
        }
        for (String uri : List.of("/api/churn/risk?minRisk=2", "/api/churn/risk?limit=0", "/api/churn/risk?tier=gold")) {
            assertEquals(400, problem(HttpRequest.GET(uri)).getStatus().getCode(), uri);
        }
        assertEquals(404, problem(HttpRequest.GET("/api/churn/risk?community=99999")).getStatus().getCode(),
                "an id that names nothing");
        assertEquals(404, problem(HttpRequest.GET("/api/users/ghost/churn")).getStatus().getCode());
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void usersWhoAreNotActiveAreNotScored() {
        Map<String, Object> all = get("/api/churn/risk?limit=10000");
        java.util.Set<Object> scored = new java.util.HashSet<>();
        ((List<Map<String, Object>>) all.get("items")).forEach(i -> scored.add(i.get("userId")));
        String quiet = null;
        for (int u = 0; u < 600 && quiet == null; u++) {
            if (!scored.contains("u" + u)) {
                quiet = "u" + u;
            }
        }
        Map<String, Object> user = get("/api/users/" + quiet + "/churn");
        assertEquals(Boolean.FALSE, user.get("active"));
        assertNull(user.get("risk"));
        assertTrue(((String) user.get("note")).contains("not active"));
    }

    private HttpClientResponseException problem(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(request, Argument.of(String.class), Argument.of(Map.class)));
    }

    private static String detail(HttpClientResponseException e) {
        return (String) e.getResponse().getBody(Map.class).orElseThrow().get("detail");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
