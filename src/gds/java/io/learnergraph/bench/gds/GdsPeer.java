package io.learnergraph.bench.gds;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.cli.BenchPeer;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Neo4j Graph Data Science 2.13.9 as a {@code bench analytics} peer: the bench's graph written
 * into a fresh embedded database (one node per vertex, one relationship per undirected edge),
 * projected natively as an undirected graph, then each algorithm run in {@code stats} mode at the
 * given concurrency. Projection and algorithms are timed separately; for each algorithm the
 * median wall time of the procedure call and GDS's own {@code computeMillis} are printed.
 */
public final class GdsPeer implements BenchPeer {

    private static final Label NODE = Label.label("N");
    private static final RelationshipType EDGE = RelationshipType.withName("R");
    private static final int BATCH = 100_000;

    @Override
    public String name() {
        return "gds";
    }

    @Override
    public void runAlgorithms(CsrGraph g, int runs, int sources, List<Integer> concurrency, Predicate<String> wanted,
                    PrintStream out)
            throws Exception {
        Path dir = Files.createTempDirectory("learnergraph-gds");
        DatabaseManagementService dbms = open(dir);
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            long t0 = System.nanoTime();
            long relationships = write(db, g);
            out.printf(Locale.ROOT, "gds: wrote %,d nodes and %,d relationships into embedded Neo4j in %.1f s; "
                    + "concurrency %s%n", g.nodeCount(), relationships, (System.nanoTime() - t0) / 1e9, concurrency);
            for (int threads : concurrency) {
                runAll(new Timer(out, db, runs, threads, sources, wanted));
            }
        } finally {
            dbms.shutdown();
            deleteTree(dir);
        }
    }

    @Override
    public void projectDatabase(Path home, int runs, List<Integer> concurrency, PrintStream out) {
        DatabaseManagementService dbms = open(home);
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            long stored = db.executeTransactionally("MATCH ()-[r]->() RETURN count(r) AS n", Map.of(),
                    result -> ((Number) result.next().get("n")).longValue());
            out.printf(Locale.ROOT, "gds native projection of every node and relationship (topology only: GDS "
                    + "cannot project temporal properties), %,d relationships stored%n", stored);
            for (int threads : concurrency) {
                for (int run = 1; run <= runs; run++) {
                    long start = System.nanoTime();
                    Map<String, Object> r = db.executeTransactionally("""
                            CALL gds.graph.project('bench', '*', '*', {readConcurrency: $c})
                            YIELD relationshipCount, projectMillis RETURN relationshipCount, projectMillis""",
                            Map.of("c", threads), result -> result.next());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long bytes = db.executeTransactionally("CALL gds.graph.list('bench') YIELD sizeInBytes "
                            + "RETURN sizeInBytes", Map.of(), result -> ((Number) result.next().get("sizeInBytes"))
                            .longValue());
                    db.executeTransactionally("CALL gds.graph.drop('bench') YIELD graphName RETURN graphName",
                            Map.of(), result -> result.next());
                    long relationships = ((Number) r.get("relationshipCount")).longValue();
                    out.printf(Locale.ROOT, "gds c%d run %d: %,d relationships in %.2f s = %,.0f relationships/s "
                                    + "(projectMillis %s); graph %,d bytes = %.1f bytes per relationship%n", threads, run,
                            relationships, seconds, relationships / seconds, r.get("projectMillis"), bytes,
                            (double) bytes / relationships);
                }
            }
        } finally {
            dbms.shutdown();
        }
    }

    private static DatabaseManagementService open(Path home) {
        return new DatabaseManagementServiceBuilder(home.toAbsolutePath())
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.gibiBytes(2))
                .setConfig(BoltConnector.enabled, false)
                .build();
    }

    /** Projects the database once at the timer's concurrency, runs every wanted algorithm, drops it. */
    private static void runAll(Timer t) {
        t.time("projection", "gds projection", """
                CALL gds.graph.project('bench', 'N', {R: {orientation: 'UNDIRECTED'}}, {readConcurrency: $c})
                YIELD relationshipCount, projectMillis
                WITH relationshipCount, projectMillis
                CALL gds.graph.drop('bench', false) YIELD graphName
                RETURN relationshipCount, projectMillis AS computeMillis""",
                r -> "relationships " + r.get("relationshipCount"));
        t.db().executeTransactionally("CALL gds.graph.project('bench', 'N', {R: {orientation: 'UNDIRECTED'}}, "
                + "{readConcurrency: $c}) YIELD graphName RETURN graphName", t.parameters(), result -> result.next());

        t.time("pagerank", "gds pagerank-20", """
                CALL gds.pageRank.stats('bench', {maxIterations: 20, tolerance: 0.0, concurrency: $c})
                YIELD ranIterations, computeMillis RETURN ranIterations, computeMillis""",
                r -> "iterations " + r.get("ranIterations"));
        t.time("wcc", "gds wcc", """
                CALL gds.wcc.stats('bench', {concurrency: $c})
                YIELD componentCount, computeMillis RETURN componentCount, computeMillis""",
                r -> "components " + r.get("componentCount"));
        t.time("louvain", "gds louvain", """
                CALL gds.louvain.stats('bench', {concurrency: $c})
                YIELD modularity, communityCount, ranLevels, computeMillis
                RETURN modularity, communityCount, ranLevels, computeMillis""", GdsPeer::community);
        t.time("leiden", "gds leiden", """
                CALL gds.leiden.stats('bench', {concurrency: $c, randomSeed: 42})
                YIELD modularity, communityCount, ranLevels, computeMillis
                RETURN modularity, communityCount, ranLevels, computeMillis""", GdsPeer::community);
        t.time("label-prop", "gds label-prop", """
                CALL gds.labelPropagation.stats('bench', {concurrency: $c, maxIterations: 20})
                YIELD communityCount, ranIterations, computeMillis
                RETURN communityCount, ranIterations, computeMillis""",
                r -> "communities " + r.get("communityCount") + ", " + r.get("ranIterations") + " iterations"
                        + labelPropagationModularity(t.db(), t.parameters()));
        t.time("betweenness", "gds betweenness", """
                CALL gds.betweenness.stats('bench', {concurrency: $c, samplingSize: $sources, samplingSeed: 42})
                YIELD computeMillis RETURN computeMillis""", r -> "sources " + t.sources());
        t.db().executeTransactionally("CALL gds.graph.drop('bench') YIELD graphName RETURN graphName", Map.of(),
                result -> result.next());
    }

    /** Writes the graph through the embedded API in batches; returns the relationship count. */
    @SuppressWarnings("deprecation") // internal ids are the fastest way back to a node inside one load
    private static long write(GraphDatabaseService db, CsrGraph g) {
        long[] ids = new long[g.nodeCount()];
        for (int from = 0; from < g.nodeCount(); from += BATCH) {
            try (Transaction tx = db.beginTx()) {
                for (int v = from; v < Math.min(g.nodeCount(), from + BATCH); v++) {
                    ids[v] = tx.createNode(NODE).getId();
                }
                tx.commit();
            }
        }
        long written = 0;
        Transaction tx = db.beginTx();
        try {
            int inBatch = 0;
            for (int v = 0; v < g.nodeCount(); v++) {
                Node source = null;
                for (int a = g.start(v); a < g.end(v); a++) {
                    int w = g.target(a);
                    if (v < w) {
                        if (source == null) {
                            source = tx.getNodeById(ids[v]);
                        }
                        source.createRelationshipTo(tx.getNodeById(ids[w]), EDGE);
                        written++;
                        if (++inBatch == BATCH) {
                            tx.commit();
                            tx.close();
                            tx = db.beginTx();
                            inBatch = 0;
                            source = null;
                        }
                    }
                }
            }
            tx.commit();
        } finally {
            tx.close();
        }
        return written;
    }

    /** Runs and prints one timed procedure call per algorithm the bench asked for. */
    private record Timer(PrintStream out, GraphDatabaseService db, int runs, int concurrency, long sources,
                         Predicate<String> wanted) {

        Map<String, Object> parameters() {
            return Map.of("c", concurrency, "sources", sources);
        }

        void time(String algorithm, String label, String query, Function<Map<String, Object>, String> describe) {
            String name = label + " c" + concurrency;
            if (!algorithm.equals("projection") && !wanted.test(algorithm)) {
                return;
            }
            try {
                timeRuns(name, query, describe);
            } catch (RuntimeException e) {
                // one failing procedure should not cost the other rows of a long benchmark
                out.printf(Locale.ROOT, "%-26s failed: %s%n", name, e.getMessage());
            }
        }

        private void timeRuns(String name, String query, Function<Map<String, Object>, String> describe) {
            double[] wall = new double[runs];
            double[] compute = new double[runs];
            Map<String, Object> last = null;
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                last = db.executeTransactionally(query, parameters(), result -> result.next());
                wall[r] = (System.nanoTime() - start) / 1e9;
                compute[r] = ((Number) last.get("computeMillis")).doubleValue() / 1e3;
            }
            Arrays.sort(wall);
            Arrays.sort(compute);
            out.printf(Locale.ROOT, "%-26s %10.3f %13s compute %.3f s; %s%n", name, wall[runs / 2], "",
                    compute[runs / 2], describe.apply(last));
        }
    }

    private static String community(Map<String, Object> r) {
        return String.format(Locale.ROOT, "modularity %.4f, %s communities, %s levels",
                ((Number) r.get("modularity")).doubleValue(), r.get("communityCount"), r.get("ranLevels"));
    }

    /** Label propagation's stats mode reports no modularity; measured once, outside the timing. */
    private static String labelPropagationModularity(GraphDatabaseService db, Map<String, Object> c) {
        try {
            db.executeTransactionally("""
                    CALL gds.labelPropagation.mutate('bench', {concurrency: $c, maxIterations: 20,
                        mutateProperty: 'lpaBench'}) YIELD nodePropertiesWritten RETURN 1""", c, result -> result.next());
            double q = db.executeTransactionally("""
                    CALL gds.modularity.stats('bench', {communityProperty: 'lpaBench'})
                    YIELD modularity RETURN modularity""", Map.of(),
                    result -> ((Number) result.next().get("modularity")).doubleValue());
            db.executeTransactionally("CALL gds.graph.nodeProperties.drop('bench', ['lpaBench']) YIELD graphName "
                    + "RETURN 1", Map.of(), result -> result.next());
            return String.format(Locale.ROOT, ", modularity %.4f", q);
        } catch (RuntimeException e) {
            return ", modularity not available (" + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
