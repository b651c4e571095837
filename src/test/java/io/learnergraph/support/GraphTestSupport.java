package io.learnergraph.support;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Base of tests that need the application context: each test class gets its own embedded Neo4j
 * in a fresh directory, Bolt and HTTP on free loopback ports (a server someone is trying out on
 * 8080 or 7687 must not fail the suite), and no demo data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GraphTestSupport implements TestPropertyProvider {

    protected final Path dataDir = newTempDir("learnergraph-test");

    @Override
    public Map<String, String> getProperties() {
        return Map.of("learnergraph.data-dir", dataDir.toString(),
                "learnergraph.neo4j.bolt-port", "0",
                "micronaut.server.port", "-1",
                "learnergraph.demo.load-when-empty", "false",
                // API keys have their own tests (SecurityIT); elsewhere they would only be noise
                "learnergraph.security.enabled", "false",
                // the learnt blend has its own tests (BlendFitIT): elsewhere the configured
                // weights keep answers independent of when a background fit finishes
                "learnergraph.recommendations.fit.enabled", "false");
    }

    /** The documented sample set in graph-import/sample. */
    public static Path sampleDir() {
        return Path.of("graph-import", "sample").toAbsolutePath();
    }

    public static Path newTempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated demo platform (four tiers) in a fresh temporary directory. */
    public static Path demoDir(int users, long seed) {
        Path dir = newTempDir("demo-" + users + "-" + seed);
        new io.learnergraph.demo.DemoPlatformGenerator(io.learnergraph.demo.DemoPlatformGenerator.Parameters.of(users,
                seed), java.util.List.of("free", "basic", "premium", "vip")).writeTo(dir);
        return dir;
    }

    /**
     * Imports a generated demo platform through the application's importer, all rows accepted,
     * and refreshes the projection through the API.
     */
    protected static void importDemo(io.learnergraph.ingest.GraphImporter importer,
                                     io.micronaut.http.client.HttpClient http, int users, long seed) {
        io.learnergraph.ingest.ImportReport report = importer.importDirectory(demoDir(users, seed),
                io.learnergraph.ingest.ImportProgress.NONE);
        org.junit.jupiter.api.Assertions.assertTrue(report.complete() && report.totalRejected() == 0, report.toString());
        http.toBlocking().retrieve(io.micronaut.http.HttpRequest.POST("/api/graph/refresh", ""), Map.class);
    }

    /** Copies a directory's regular files (not subdirectories) into a fresh temporary one. */
    public static Path copyOf(Path dir) {
        Path copy = newTempDir("learnergraph-import");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }
}
