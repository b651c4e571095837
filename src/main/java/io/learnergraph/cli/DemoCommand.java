package io.learnergraph.cli;

import io.learnergraph.config.Directories;
import io.learnergraph.demo.DemoPlatformGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code demo --users N --seed S --out DIR}: writes a generated platform as the import CSV set. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a demo platform as import CSV files (deterministic by seed), plus planted_truth.csv.")
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "3000", description = "number of users (default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--preset", defaultValue = "demo", description = "how the platform behaves: "
            + "demo, prerequisites, social, popular or mixed (default ${DEFAULT-VALUE}; src/site/markdown/evaluation.md)")
    String preset;

    @Option(names = "--tiers", split = ",", defaultValue = "free,basic,premium,vip",
            description = "membership tiers, lowest first (default ${DEFAULT-VALUE})")
    List<String> tiers;

    @Override
    public Integer call() {
        DemoPlatformGenerator.Mechanisms mechanisms;
        try {
            mechanisms = DemoPlatformGenerator.Mechanisms.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new io.learnergraph.LearnerGraphException.InvalidInput("--preset", "--preset: " + e.getMessage());
        }
        DemoPlatformGenerator.Summary s = new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(users, seed)
                .with(mechanisms), tiers).writeTo(Directories.writable("--out", out));
        System.out.printf(Locale.ROOT, "Wrote %s: %d users, %d topics, %d courses, %d follows, %d social events, "
                        + "%d learning events, %d membership changes (%d users churned) in %.1f s%n", out, s.users(),
                s.topics(), s.courses(), s.follows(), s.social(), s.learning(), s.memberships(), s.churned(),
                s.seconds());
        return 0;
    }
}
