package io.learnergraph.ingest;

import io.learnergraph.cli.LearnerGraphCli;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.store.StatsStore;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk path builds exactly the graph the transactional path builds from the same files, with
 * the same reports and rejects, and a bulk load killed at any point leaves an empty database that
 * the next run loads from scratch.
 */
class BulkLoadIT {

    private record Outcome(ImportReport report, String fingerprint, Map<String, String> rejects) {
    }

    @Test
    void theSampleGivesTheSameGraphByBothPaths() throws IOException {
        assertSameByBothPaths(GraphTestSupport.sampleDir());
    }

    @Test
    void aDemoPlatformGivesTheSameGraphByBothPaths() throws IOException {
        Path dir = GraphTestSupport.newTempDir("bulk-demo");
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(300, 5), List.of("free", "basic", "premium", "vip"))
                .writeTo(dir);
        Outcome bulk = assertSameByBothPaths(dir);
        assertTrue(bulk.report().totalImported() > 30_000, bulk.report().toString());
    }

    /**
     * Every kind of repeated row, each with values that differ from its first occurrence, and bad
     * rows among them: the later values win on both paths, the bad rows are rejected alike.
     */
    @Test
    void repeatedAndBadRowsEndTheSameByBothPaths() throws IOException {
        Path dir = GraphTestSupport.newTempDir("bulk-repeats");
        write(dir, "users.csv", "user_id,name,tier,joined_at,country,team",
                "u1,Ada,premium,2026-01-03,GB,red",
                "u2,Alan,basic,2026-01-05,GB,",
                "u3,Grace,free,2026-01-07,US,blue",
                "u1,Ada Lovelace,vip,,FR,",          // name, tier and country change; joinedAt and team go
                "u4,Bad,platinum,2026-01-01,x,y",    // unknown tier
                "u5,Edsger,,2026-02-01,NL,");
        write(dir, "topics.csv", "topic_id,name,level",
                "t1,Algebra,1", "t2,Calculus,2", "t3,ML,3", "t2,Analysis,");
        write(dir, "courses.csv", "course_id,title,creator_id,tier,price,published_at",
                "c1,Linear Algebra,u1,free,0,2025-12-01",
                "c2,Analysis,u2,basic,19,2025-12-15",
                "c1,Linear Algebra II,u3,basic,9.5,2025-12-02", // the creator moves to u3
                "c3,Ghost,u9,free,0,2025-12-01");               // unknown creator
        write(dir, "course_topics.csv", "course_id,topic_id,weight",
                "c1,t1,1", "c2,t2,2", "c1,t1,3", "c2,t9,1");
        write(dir, "topic_prerequisites.csv", "topic_id,requires_topic_id",
                "t3,t1", "t3,t2", "t3,t1", "t1,t3", "t2,t2");
        write(dir, "follows.csv", "follower_id,followee_id,at",
                "u2,u1,2026-01-10", "u3,u1,2026-01-11", "u2,u1,2026-02-10", "u1,u1,2026-01-10", "u3,u2,");
        write(dir, "social.csv", "from_user_id,to_user_id,type,at,course_id",
                "u2,u1,comment,2026-01-15T09:30:00Z,c1",
                "u2,u1,comment,2026-01-15T09:30:00Z,c2",      // same event: its course changes
                "u2,u1,comment,2026-01-15T11:30:00+02:00,",   // the same instant again: no course
                "u2,u1,like,2026-01-15T09:30:00Z,",           // another type: another event
                "u3,u1,tip,2026-01-16,c9");                   // unknown course
        write(dir, "learning.csv", "user_id,course_id,type,at,value",
                "u2,c1,view,2026-01-12T09:00:00Z,120",
                "u2,c1,view,2026-01-12T09:00:00Z,180",
                "u2,c1,view,2026-01-12T09:00:00.000Z,240",
                "u2,c1,rate,2026-01-20,4",
                "u2,c1,rate,2026-01-20,5",
                "u3,c2,enroll,2026-01-21,",
                "u3,c2,rate,2026-01-21,9");
        write(dir, "memberships.csv", "user_id,tier,at",
                "u2,premium,2026-02-01", "u2,premium,2026-02-01", "u2,free,2026-03-01", "u3,vip,2026-01-20",
                "u9,vip,2026-01-20", "u5,gold,2026-01-20");

        Outcome bulk = assertSameByBothPaths(dir);
        Map<String, ImportReport.FileReport> byFile = new TreeMap<>();
        bulk.report().files().forEach(f -> byFile.put(f.file(), f));
        assertEquals(1, byFile.get("users.csv").rejected());
        assertEquals(5, byFile.get("users.csv").imported(), "a repeated row counts as imported: it was applied");
        assertEquals(2, byFile.get("topic_prerequisites.csv").rejected()); // the cycle and the self-loop
        assertEquals(2, byFile.get("memberships.csv").rejected());
    }

    @Test
    void bulkIsRefusedOnADatabaseThatHoldsData() throws IOException {
        Path data = GraphTestSupport.newTempDir("bulk-refused");
        try (ApplicationContext ctx = context(data)) {
            GraphImporter importer = ctx.getBean(GraphImporter.class);
            assertEquals(ImportReport.Mode.BULK,
                    importer.importDirectory(GraphTestSupport.sampleDir(), ImportProgress.NONE).mode());
            io.learnergraph.LearnerGraphException.InvalidInput e = assertThrows(
                    io.learnergraph.LearnerGraphException.InvalidInput.class, () -> importer.importDirectory(
                            GraphTestSupport.sampleDir(), GraphImporter.Mode.BULK, ImportProgress.NONE));
            assertTrue(e.getMessage().contains("not empty"), e.getMessage());
            ImportReport again = importer.importDirectory(GraphTestSupport.sampleDir(), ImportProgress.NONE);
            assertEquals(ImportReport.Mode.TRANSACTIONAL, again.mode());
            assertEquals("the database already holds data", again.why());
        }
    }

    /**
     * kill -9 while the importer writes the new store (its staging directory exists), then the
     * same import again: the database the next run opens is empty, the import goes the bulk path
     * again and ends with the graph an uninterrupted bulk load gives.
     */
    @Test
    void aKilledBulkLoadIsStartedAgainFromScratch() throws Exception {
        Path csv = GraphTestSupport.newTempDir("bulk-crash-csv");
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(3000, 9), List.of("free", "basic", "premium", "vip"))
                .writeTo(csv);
        Path data = GraphTestSupport.newTempDir("bulk-crash-data");
        Path staging = data.resolve("neo4j.bulk-staging");
        Path log = Files.createTempFile("bulk-crash", ".log");
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlearnergraph.data-dir=" + data,
                "-Dlearnergraph.neo4j.bolt-port=0", LearnerGraphCli.class.getName(), "import", csv.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.isDirectory(staging.resolve("data/databases/neo4j")) && child.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(300); // well inside the importer's work
        assertTrue(child.isAlive(), "the import must still be running when it is killed:\n" + Files.readString(log));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        String afterRerun;
        try (ApplicationContext ctx = context(data)) {
            StatsStore stats = ctx.getBean(StatsStore.class);
            assertTrue(stats.isEmpty(), "nothing of a killed bulk load is switched in");
            ImportReport report = ctx.getBean(GraphImporter.class).importDirectory(csv, ImportProgress.NONE);
            assertEquals(ImportReport.Mode.BULK, report.mode());
            assertTrue(report.complete(), report.toString());
            afterRerun = stats.fingerprint();
        }
        assertFalse(Files.exists(staging), "the staging directory is cleaned up");
        assertEquals(load(csv, GraphImporter.Mode.BULK).fingerprint(), afterRerun);
    }

    // ---- helpers

    private static Outcome assertSameByBothPaths(Path source) throws IOException {
        Outcome bulk = load(copy(source), GraphImporter.Mode.BULK);
        Outcome transactional = load(copy(source), GraphImporter.Mode.TRANSACTIONAL);
        assertEquals(ImportReport.Mode.BULK, bulk.report().mode());
        assertEquals(ImportReport.Mode.TRANSACTIONAL, transactional.report().mode());
        assertEquals(counts(transactional.report()), counts(bulk.report()));
        assertEquals(transactional.rejects(), bulk.rejects());
        assertEquals(transactional.fingerprint(), bulk.fingerprint());
        return bulk;
    }

    private static Outcome load(Path dir, GraphImporter.Mode mode) throws IOException {
        try (ApplicationContext ctx = context(GraphTestSupport.newTempDir("bulk-" + mode))) {
            ImportReport report = ctx.getBean(GraphImporter.class).importDirectory(dir, mode, ImportProgress.NONE);
            Map<String, String> rejects = new TreeMap<>();
            if (Files.isDirectory(dir.resolve("rejects"))) {
                try (Stream<Path> files = Files.list(dir.resolve("rejects"))) {
                    for (Path f : files.toList()) {
                        rejects.put(f.getFileName().toString(), Files.readString(f));
                    }
                }
            }
            return new Outcome(report, ctx.getBean(StatsStore.class).fingerprint(), rejects);
        }
    }

    private static List<String> counts(ImportReport report) {
        List<String> out = new ArrayList<>();
        for (ImportReport.FileReport f : report.files()) {
            out.add(f.file() + " read " + f.read() + " imported " + f.imported() + " rejected " + f.rejected()
                    + " error " + f.error() + " warnings " + f.warnings());
        }
        return out;
    }

    private static ApplicationContext context(Path data) {
        return ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                "learnergraph.data-dir", data.toString(),
                "learnergraph.neo4j.bolt-port", "0",
                "learnergraph.demo.load-when-empty", "false",
                "learnergraph.analytics.write-back-on-refresh", "false")).start();
    }

    private static Path copy(Path dir) {
        return GraphTestSupport.copyOf(dir);
    }

    private static void write(Path dir, String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
