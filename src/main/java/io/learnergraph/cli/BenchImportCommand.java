package io.learnergraph.cli;

import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.ingest.CsvReader;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportFile;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
import io.learnergraph.store.StatsStore;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench import --users N}: a demo platform imported through the product's own import, by
 * each path into a fresh embedded database (bulk, and transactional on the same rows), then more
 * platforms on top of the bulk-loaded store (the incremental path on a populated store). Reports
 * rows/s per file, total time, peak heap and the database's size on disk for each.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a demo platform into fresh embedded databases by the bulk and the transactional path, "
                + "then more platforms on top (incremental); report rows/s, peak heap and size on disk.")
public class BenchImportCommand implements Callable<Integer> {

    /** The columns that hold ids, in every import file. */
    private static final Set<String> ID_COLUMNS = Set.of("user_id", "topic_id", "course_id", "creator_id",
            "requires_topic_id", "follower_id", "followee_id", "from_user_id", "to_user_id");

    @Option(names = "--users", defaultValue = "15000", description = "demo users (default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--seed", defaultValue = "1", description = "demo seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dir", description = "an import directory to use instead of a generated demo")
    Path dir;

    @Option(names = "--paths", split = ",", defaultValue = "bulk,transactional",
            description = "fresh-database runs, in order: bulk, transactional (default ${DEFAULT-VALUE})")
    List<String> paths;

    @Option(names = "--on-top", defaultValue = "2", description = "platforms imported on top of the bulk-loaded "
            + "store, each the same rows under new ids (default ${DEFAULT-VALUE}; 0 for none)")
    int onTop;

    @Option(names = "--work-dir", description = "where to put the databases (default: a temporary directory)")
    Path workDir;

    @Override
    public Integer call() throws IOException {
        for (String p : paths) {
            if (!p.equals("bulk") && !p.equals("transactional")) {
                throw new IllegalArgumentException("--paths takes bulk and transactional, not '" + p + "'");
            }
        }
        if (onTop < 0) {
            throw new IllegalArgumentException("--on-top must be >= 0, was " + onTop);
        }
        Path work = workDir != null ? workDir : Files.createTempDirectory("learnergraph-bench-import");
        Path csv = dir != null ? dir : DemoPlatformOptions.demoDir(null, users, seed);
        System.out.printf(Locale.ROOT, "rows: %s (%,.0f MiB of CSV); %d cores, JVM max heap %.0f MiB%n", csv,
                sizeOf(csv) / 1048576.0, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576.0);
        boolean complete = true;
        Path bulkData = null;
        for (String p : paths) {
            Path data = work.resolve(p + "-data");
            GraphImporter.Mode mode = p.equals("bulk") ? GraphImporter.Mode.BULK : GraphImporter.Mode.TRANSACTIONAL;
            complete &= run("fresh database, " + p, data, csv, mode);
            if (p.equals("bulk")) {
                bulkData = data;
            }
        }
        if (onTop > 0) {
            if (bulkData == null) {
                bulkData = work.resolve("bulk-data");
                complete &= run("fresh database, bulk (the base for the incremental runs)", bulkData, csv,
                        GraphImporter.Mode.BULK);
            }
            for (int i = 1; i <= onTop; i++) {
                Path renamed = renamed(csv, work.resolve("on-top-" + i), "p" + i + "-");
                complete &= run("incremental " + i + " of " + onTop + ": the same platform under new ids, on top",
                        bulkData, renamed, GraphImporter.Mode.AUTO);
            }
        }
        return complete ? 0 : 1;
    }

    private static boolean run(String title, Path data, Path csv, GraphImporter.Mode mode) throws IOException {
        System.setProperty("learnergraph.data-dir", data.toString());
        System.setProperty("learnergraph.neo4j.uri", "");
        System.setProperty("learnergraph.neo4j.bolt-port", "0");
        System.setProperty("learnergraph.analytics.write-back-on-refresh", "false");
        System.setProperty("learnergraph.churn.write-back", "false");
        System.out.printf("%n== %s%n", title);
        System.gc();
        ImportReport report;
        long relationships;
        long peak;
        try (HeapSampler heap = new HeapSampler(); ApplicationContext context = Contexts.withoutServer()) {
            report = context.getBean(GraphImporter.class).importDirectory(csv, mode, ImportProgress.NONE);
            peak = heap.peak();
            relationships = context.getBean(StatsStore.class).counts().relationships().values().stream()
                    .mapToLong(Long::longValue).sum();
        }
        System.out.print(ImportSummary.format(report));
        System.out.printf(Locale.ROOT, "peak heap in use %.0f MiB (sampled every 50 ms); database on disk %.0f MiB "
                + "(store and transaction logs); %,d relationships in it%n", peak / 1048576.0,
                sizeOf(data.resolve("neo4j")) / 1048576.0, relationships);
        return report.complete();
    }

    /** A copy of an import directory with every id prefixed: the same rows as new users, courses, topics. */
    private static Path renamed(Path from, Path to, String prefix) throws IOException {
        Files.createDirectories(to);
        for (ImportFile file : ImportFile.values()) {
            Path source = from.resolve(file.fileName());
            if (!Files.exists(source)) {
                continue;
            }
            try (CsvReader in = new CsvReader(Files.newInputStream(source));
                 BufferedWriter out = Files.newBufferedWriter(to.resolve(file.fileName()), StandardCharsets.UTF_8)) {
                List<String> header = in.next().fields();
                boolean[] id = new boolean[header.size()];
                for (int i = 0; i < header.size(); i++) {
                    id[i] = ID_COLUMNS.contains(header.get(i).strip().toLowerCase(Locale.ROOT));
                }
                out.write(String.join(",", header.stream().map(CsvReader::escape).toList()));
                out.write('\n');
                for (CsvReader.CsvRecord r = in.next(); r != null; r = in.next()) {
                    List<String> f = r.fields();
                    for (int i = 0; i < f.size(); i++) {
                        if (i > 0) {
                            out.write(',');
                        }
                        String v = f.get(i);
                        out.write(CsvReader.escape(i < id.length && id[i] && !v.isBlank() ? prefix + v : v));
                    }
                    out.write('\n');
                }
            }
        }
        return to;
    }

    /**
     * The most heap in use at any sampled moment (the pools' own peaks, summed, overstate it:
     * each pool peaks at another time).
     */
    static final class HeapSampler implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "heap-sampler");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

        HeapSampler() {
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(ManagementFactory.getMemoryMXBean()
                    .getHeapMemoryUsage().getUsed(), Math::max), 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
