package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blend learnt from the platform's own history, end to end on a generated 600-user platform
 * imported from CSV: fitted on demand, judged on held-out users, and the weights it reports are
 * the ones recommendations are scored with.
 */
@MicronautTest
class BlendFitIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("learnergraph.recommendations.fit.enabled", "true");
        p.put("learnergraph.recommendations.fit.min-users", "10");
        p.put("learnergraph.recommendations.fit.users", "300");
        return p;
    }

    @BeforeAll
    void importPlatform() {
        importDemo(importer, http, 600, 8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFittedBlendIsJudgedOnHeldOutUsersAndServedAsReported() {
        Map<String, Object> model = http.toBlocking().retrieve(HttpRequest.POST("/api/recommendations/model/fit", ""),
                Argument.mapOf(String.class, Object.class));
        String status = (String) model.get("status");
        assertTrue(status.equals("fitted") || status.equals("not-better"), model.toString());
        int truthUsers = ((Number) model.get("truthUsers")).intValue();
        assertTrue(truthUsers >= 10, model.toString());
        assertEquals(Math.min(300, truthUsers), ((Number) model.get("fitUsers")).intValue()
                + ((Number) model.get("validationUsers")).intValue());
        Map<String, Map<String, Number>> validation = (Map<String, Map<String, Number>>) model.get("validation");
        double fitted = validation.get("fitted").get("recall").doubleValue();
        double configured = validation.get("configured").get("recall").doubleValue();
        // used only when at least as good on held-out users; kept out when worse or no different
        assertTrue(status.equals("fitted") ? fitted >= configured
                : fitted < configured || model.get("fitted").equals(model.get("configured")), model.toString());
        Map<String, Number> weights = (Map<String, Number>) model.get("weights");
        assertEquals(status.equals("fitted") ? model.get("fitted") : model.get("configured"), weights);
        if (status.equals("fitted")) {
            assertEquals(1.0, weights.values().stream().mapToDouble(Number::doubleValue).sum(), 1e-9);
        }
        assertEquals(model, http.toBlocking().retrieve(HttpRequest.GET("/api/recommendations/model"),
                Argument.mapOf(String.class, Object.class)));
        // the learned ranking is used only when it beat the weights on held-out users
        String ranking = (String) model.get("ranking");
        if (ranking.equals("learned")) {
            assertTrue(status.equals("fitted") && validation.get("learned").get("recall").doubleValue()
                    > Math.max(fitted, configured), model.toString());
            assertEquals(12, ((Map<?, ?>) model.get("ranker")).size(), "a weight per candidate feature");
        } else {
            assertEquals("weights", ranking);
        }
        // without MMR: an item's score is the learned probability, best first; with explicit
        // weights it is the blend of its source scores under those weights
        String explicit = "knowledge:" + weights.get("knowledge") + ",collaborative:" + weights.get("collaborative")
                + ",social:" + weights.get("social") + ",popular:" + weights.get("popular");
        int checked = 0;
        for (String user : List.of("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8")) {
            Map<String, Object> served = http.toBlocking().retrieve(HttpRequest.GET("/api/users/" + user
                    + "/recommendations?diversity=0&explain=false&limit=20"), Argument.mapOf(String.class, Object.class));
            double previous = Double.POSITIVE_INFINITY;
            for (Map<String, Object> item : (List<Map<String, Object>>) served.getOrDefault("items", List.of())) {
                double score = ((Number) item.get("score")).doubleValue();
                assertTrue(score <= previous && score > 0 && (ranking.equals("weights") || score < 1), item.toString());
                previous = score;
            }
            Map<String, Object> recs = http.toBlocking().retrieve(HttpRequest.GET("/api/users/" + user
                    + "/recommendations?diversity=0&explain=false&limit=20&weights=" + explicit),
                    Argument.mapOf(String.class, Object.class));
            for (Map<String, Object> item : (List<Map<String, Object>>) recs.getOrDefault("items", List.of())) {
                Map<String, Number> sources = (Map<String, Number>) item.get("sources");
                double blended = 0;
                for (String s : weights.keySet()) {
                    blended += weights.get(s).doubleValue() * sources.get(s).doubleValue();
                }
                assertEquals(blended, ((Number) item.get("score")).doubleValue(), 1e-9, user + " " + item);
                checked++;
            }
        }
        assertTrue(checked > 20, "items checked: " + checked);
    }
}
