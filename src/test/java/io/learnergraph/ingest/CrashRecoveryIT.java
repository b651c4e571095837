package io.learnergraph.ingest;

import io.learnergraph.cli.LearnerGraphCli;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.store.EmbeddedNeo4j;
import io.learnergraph.store.StatsStore;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 in the middle of an import, then the same import again: the graph must equal the one
 * an uninterrupted import gives. The import runs in a child JVM against a database in this JVM,
 * reached over Bolt, so that killing it leaves the database up as a crash of the importer would.
 */
class CrashRecoveryIT {

    private static final String PASSWORD = "crash-recovery-test";

    @Test
    void reRunAfterAKilledImportGivesTheUninterruptedGraph() throws Exception {
        Path data = GraphTestSupport.newTempDir("crash-data");
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(400, 7), List.of("free", "basic", "premium", "vip"))
                .writeTo(data);
        long learningRows = Files.lines(data.resolve("learning.csv")).count() - 1;

        try (EmbeddedNeo4j crashed = EmbeddedNeo4j.start(GraphTestSupport.newTempDir("crash-db"), 0, "64m", PASSWORD);
             EmbeddedNeo4j reference = EmbeddedNeo4j.start(GraphTestSupport.newTempDir("reference-db"), 0, "64m", PASSWORD)) {
            Path log = Files.createTempFile("crash-import", ".log");
            Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dlearnergraph.neo4j.uri=" + crashed.boltUri(),
                    "-Dlearnergraph.neo4j.password=" + PASSWORD,
                    "-Dlearnergraph.data-dir=" + GraphTestSupport.newTempDir("crash-app"),
                    "-Dlearnergraph.import.batch-size=200",
                    LearnerGraphCli.class.getName(), "import", data.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long viewed = 0;
            try (Driver driver = GraphDatabase.driver(crashed.boltUri(), crashed.authToken())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (viewed == 0 && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    viewed = driver.executableQuery("MATCH ()-[r:VIEWED]->() RETURN count(r) AS n").execute()
                            .records().get(0).get("n").asLong();
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close
                child.waitFor(30, TimeUnit.SECONDS);
                long learnedBeforeRerun = driver.executableQuery(
                        "MATCH (:User)-[r]->(:Course) WHERE type(r) <> 'CREATED' RETURN count(r) AS n").execute()
                        .records().get(0).get("n").asLong();
                assertTrue(viewed > 0 && learnedBeforeRerun < learningRows,
                        "the import must have been killed while learning.csv was being written: " + learnedBeforeRerun
                                + " of " + learningRows + "\n" + Files.readString(log));
            }

            String afterRerun = importAndFingerprint(crashed, data, 1);
            // the reference uses two event writers: equal graphs also show they change nothing
            String uninterrupted = importAndFingerprint(reference, data, 2);

            assertEquals(uninterrupted, afterRerun);
        }
    }

    private static String importAndFingerprint(EmbeddedNeo4j db, Path data, int eventWriters) {
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                "learnergraph.import.event-writers", String.valueOf(eventWriters),
                "learnergraph.neo4j.uri", db.boltUri().toString(),
                "learnergraph.neo4j.password", PASSWORD,
                "learnergraph.demo.load-when-empty", "false",
                "learnergraph.data-dir", GraphTestSupport.newTempDir("crash-app").toString())).start()) {
            ImportReport report = ctx.getBean(GraphImporter.class).importDirectory(data, ImportProgress.NONE);
            assertTrue(report.complete(), report.toString());
            assertEquals(0, report.totalRejected(), "the demo platform imports without rejects");
            return ctx.getBean(StatsStore.class).fingerprint();
        }
    }
}
