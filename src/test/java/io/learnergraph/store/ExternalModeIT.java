package io.learnergraph.store;

import io.learnergraph.model.GraphCounts;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.SecurityException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same code path against a server reached by URI (a Neo4j started here and addressed as
 * bolt://), and persistence of the embedded database across restarts.
 */
class ExternalModeIT {

    @Test
    void importsThroughABoltUriExactlyAsEmbedded() {
        Path serverHome = GraphTestSupport.newTempDir("external-neo4j");
        try (EmbeddedNeo4j server = EmbeddedNeo4j.start(serverHome, 0, "64m", "external-mode-test");
             ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                     "learnergraph.neo4j.uri", server.boltUri().toString(),
                     "learnergraph.neo4j.password", "external-mode-test",
                     "learnergraph.data-dir", GraphTestSupport.newTempDir("external-app").toString(),
                     "learnergraph.demo.load-when-empty", "false")).start()) {
            Neo4jStore store = ctx.getBean(Neo4jStore.class);
            assertEquals("external", store.mode());
            assertEquals(-1, store.embeddedBoltPort());
            assertTrue(store.reachable());

            ImportReport report = ctx.getBean(GraphImporter.class)
                    .importDirectory(GraphTestSupport.copyOf(GraphTestSupport.sampleDir()), ImportProgress.NONE);

            assertTrue(report.complete());
            GraphCounts counts = ctx.getBean(StatsStore.class).counts();
            assertEquals(Map.of("User", 6L, "Topic", 5L, "Course", 5L, "Tier", 4L), counts.nodes());
            assertEquals(18, counts.relationships().size()); // every relationship type of the sample
        }
    }

    @Test
    void aSecondUserOfTheSameEmbeddedDirectoryGetsAClearError() {
        Path dir = GraphTestSupport.newTempDir("locked");
        Map<String, Object> props = Map.of("learnergraph.data-dir", dir.toString(),
                "learnergraph.neo4j.bolt-port", "0", "learnergraph.demo.load-when-empty", "false");
        try (ApplicationContext first = ApplicationContext.builder().deduceEnvironment(false).properties(props).start()) {
            first.getBean(Neo4jStore.class);
            Throwable e = assertThrows(RuntimeException.class, () ->
                    ApplicationContext.builder().deduceEnvironment(false).properties(props).start().close());
            while (e.getCause() != null && !(e instanceof io.learnergraph.LearnerGraphException)) {
                e = e.getCause();
            }
            assertTrue(e instanceof io.learnergraph.LearnerGraphException.DatabaseUnavailable, e.toString());
            assertTrue(e.getMessage().contains(dir.resolve("neo4j").toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("another LearnerGraph process"), e.getMessage());
        }
    }

    @Test
    void theEmbeddedDatabasePersistsAcrossRestarts() {
        Map<String, Object> props = Map.of(
                "learnergraph.data-dir", GraphTestSupport.newTempDir("persist").toString(),
                "learnergraph.neo4j.bolt-port", "0",
                "learnergraph.demo.load-when-empty", "false");
        String fingerprint;
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(props).start()) {
            ctx.getBean(GraphImporter.class)
                    .importDirectory(GraphTestSupport.copyOf(GraphTestSupport.sampleDir()), ImportProgress.NONE);
            fingerprint = ctx.getBean(StatsStore.class).fingerprint();
        }
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(props).start()) {
            assertEquals(fingerprint, ctx.getBean(StatsStore.class).fingerprint());
            assertEquals("embedded", ctx.getBean(Neo4jStore.class).mode());
        }
    }

    @Test
    void embeddedBoltRefusesAnyoneWithoutThePasswordInTheDataDirectory() throws Exception {
        Path dir = GraphTestSupport.newTempDir("bolt-auth");
        Map<String, Object> props = Map.of("learnergraph.data-dir", dir.toString(),
                "learnergraph.neo4j.bolt-port", "0", "learnergraph.demo.load-when-empty", "false");
        String firstPassword;
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(props).start()) {
            Neo4jStore store = ctx.getBean(Neo4jStore.class);
            Path file = dir.toRealPath().resolve("neo4j.password");
            assertEquals(Optional.of(file), store.embeddedPasswordFile());
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(file));
            firstPassword = Files.readString(file).strip();
            assertTrue(firstPassword.length() >= 32, "a generated password, not a guessable one");
            URI bolt = URI.create("bolt://127.0.0.1:" + store.embeddedBoltPort());

            assertRefused(bolt, AuthTokens.none());
            assertRefused(bolt, AuthTokens.basic("neo4j", "neo4j"));
            assertRefused(bolt, AuthTokens.basic("neo4j", firstPassword + "x"));
            try (Driver driver = GraphDatabase.driver(bolt,
                    AuthTokens.basic("neo4j", firstPassword))) {
                assertEquals(1, driver.executableQuery("CREATE (x:Trusted) RETURN count(x) AS n").execute()
                        .records().get(0).get("n").asInt());
            }
        }
        // a restart keeps the password (the file is the truth), and the store opens with it again
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(props).start()) {
            assertEquals(firstPassword, Files.readString(dir.resolve("neo4j.password")).strip());
            assertTrue(ctx.getBean(Neo4jStore.class).reachable());
        }
    }

    private static void assertRefused(URI bolt, AuthToken token) {
        try (Driver driver = GraphDatabase.driver(bolt, token)) {
            assertThrows(SecurityException.class,
                    () -> driver.executableQuery("CREATE (x:Intruder)").execute());
        }
    }
}
