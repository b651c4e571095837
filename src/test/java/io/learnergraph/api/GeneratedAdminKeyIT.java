package io.learnergraph.api;

import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security on with no key configured: an admin key is generated into the data directory, owner-only. */
@MicronautTest
class GeneratedAdminKeyIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("learnergraph.security.enabled", "true");
        return p;
    }

    @Test
    void theGeneratedKeyIsOwnerOnlyAndWorks() throws Exception {
        Path file = dataDir.resolve("admin.key");
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String key = Files.readString(file).strip();
        assertTrue(key.length() >= 40, "256 random bits, base64url");
        assertEquals(200, http.toBlocking().exchange(HttpRequest.GET("/api/stats").bearerAuth(key), String.class).code());
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/api/stats"), Argument.of(String.class), Argument.of(Map.class)));
        assertEquals(401, e.getStatus().getCode());
    }
}
