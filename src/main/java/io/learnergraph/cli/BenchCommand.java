package io.learnergraph.cli;

import picocli.CommandLine.Command;

/** {@code bench ...}: measurements reported in README's Performance section. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see README, Performance).",
        subcommands = {BenchImportCommand.class, BenchProjectionCommand.class, BenchAnalyticsCommand.class,
                BenchRecommendationsCommand.class, BenchChurnCommand.class, BenchGrowthCommand.class,
                BenchLiveCommand.class})
public class BenchCommand {
}
