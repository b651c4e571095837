package io.learnergraph.api;

import io.learnergraph.support.GraphTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server started on an empty database loads a generated demo platform before answering. */
@MicronautTest
class DemoOnEmptyDatabaseIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("learnergraph.demo.load-when-empty", "true");
        p.put("learnergraph.demo.users", "120");
        return p;
    }

    @Test
    void theDemoPlatformIsThereWithItsPlantedTruthFile() {
        Map<?, ?> stats = http.toBlocking().retrieve(HttpRequest.GET("/api/stats"), Map.class);
        assertEquals(120, ((Map<?, ?>) stats.get("nodes")).get("User"));
        assertTrue(((Number) ((Map<?, ?>) stats.get("relationships")).get("ENROLLED")).intValue() > 0);
        assertTrue(Files.exists(dataDir.resolve("demo-platform").resolve("planted_truth.csv")));
        Map<?, ?> communities = http.toBlocking().retrieve(HttpRequest.GET("/api/communities"), Map.class);
        assertTrue(((Number) communities.get("modularity")).doubleValue() > 0.3, communities.toString());
    }
}
