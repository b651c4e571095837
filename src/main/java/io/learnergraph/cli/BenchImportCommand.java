package io.learnergraph.cli;

import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench import --users N}: generates a demo platform, imports it into a fresh embedded
 * database and reports rows/s per file, peak heap and the database's size on disk.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Generate a demo platform and import it into a fresh embedded database; report rows/s.")
public class BenchImportCommand implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "15000", description = "demo users (default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--seed", defaultValue = "1", description = "demo seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--work-dir", description = "where to put the CSVs and the database (default: a temp dir)")
    Path workDir;

    @Override
    public Integer call() throws IOException {
        Path work = workDir != null ? workDir : Files.createTempDirectory("learnergraph-bench");
        Path csv = work.resolve("csv");
        Path data = work.resolve("data");
        DemoPlatformGenerator.Summary demo = new DemoPlatformGenerator(
                DemoPlatformGenerator.Parameters.of(users, seed), List.of("free", "basic", "premium", "vip")).writeTo(csv);
        System.out.printf(Locale.ROOT, "demo platform: %d users, %d learning events, %d social events, %d follows "
                + "(generated in %.1f s)%n", demo.users(), demo.learning(), demo.social(), demo.follows(), demo.seconds());
        System.setProperty("learnergraph.data-dir", data.toString());
        System.setProperty("learnergraph.neo4j.uri", "");
        System.setProperty("learnergraph.neo4j.bolt-port", "0");
        resetPeaks();
        ImportReport report;
        try (ApplicationContext context = Contexts.withoutServer()) {
            report = context.getBean(GraphImporter.class).importDirectory(csv, ImportProgress.NONE);
        }
        System.out.print(ImportSummary.format(report));
        System.out.printf(Locale.ROOT, "peak heap: %.0f MiB; database on disk: %.0f MiB; JVM max heap %.0f MiB; "
                        + "%d cores%n", peakHeap() / 1048576.0, sizeOf(data.resolve("neo4j")) / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0, Runtime.getRuntime().availableProcessors());
        return report.complete() ? 0 : 1;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
