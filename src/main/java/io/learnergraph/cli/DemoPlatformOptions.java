package io.learnergraph.cli;

import io.learnergraph.demo.DemoPlatformGenerator;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The data a benchmark runs on: a generated demo platform by size and seed, or an import directory. */
final class DemoPlatformOptions {

    @Option(names = "--users", defaultValue = "1000000", description = "demo platform users (default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--seed", defaultValue = "1", description = "demo seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dir", description = "an import directory to use instead of a generated demo (graph-import/README.md)")
    Path dir;

    /** The directory to read: {@code --dir}, or the demo generated (once) under target/. */
    Path directory() throws IOException {
        return demoDir(dir, users, seed);
    }

    /**
     * {@code dir} when given, else {@code target/bench-demo-USERS-SEED}, generated on first use
     * (the 1M-user demo takes minutes to write, so later runs reuse it).
     */
    static Path demoDir(Path dir, int users, long seed) throws IOException {
        Path data = dir != null ? dir : Path.of("target", "bench-demo-" + users + "-" + seed);
        if (!Files.exists(data.resolve("learning.csv"))) {
            if (dir != null) {
                throw new IllegalArgumentException("--dir has no learning.csv: " + dir);
            }
            DemoPlatformGenerator.Summary s = new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(users, seed),
                    List.of("free", "basic", "premium", "vip")).writeTo(data);
            System.out.printf(Locale.ROOT, "demo platform generated in %.0f s: %,d users, %,d courses, %,d learning events%n",
                    s.seconds(), s.users(), s.courses(), s.learning());
        }
        return data;
    }
}
