package io.learnergraph.store;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same code path against a server reached by URI (a Neo4j started here and addressed as
 * bolt://), and persistence of the embedded database across restarts.
 */
class ExternalModeIT {

    @Test
    void importsThroughABoltUriExactlyAsEmbedded() {
        Path serverHome = GraphTestSupport.newTempDir("external-neo4j");
        try (EmbeddedNeo4j server = EmbeddedNeo4j.start(serverHome, 0, "64m");
             ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                     "learnergraph.neo4j.uri", server.boltUri().toString(),
                     "learnergraph.data-dir", GraphTestSupport.newTempDir("external-app").toString(),
                     "learnergraph.demo.load-when-empty", "false")).start()) {
            Neo4jStore store = ctx.getBean(Neo4jStore.class);
            assertEquals("external", store.mode());
            assertEquals(-1, store.embeddedBoltPort());
            assertTrue(store.reachable());

            ImportReport report = ctx.getBean(GraphImporter.class)
                    .importDirectory(GraphTestSupport.copyOf(GraphTestSupport.sampleDir()), ImportProgress.NONE);

            assertTrue(report.complete());
            StatsStore.GraphCounts counts = ctx.getBean(StatsStore.class).counts();
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
            Throwable e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
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
}
