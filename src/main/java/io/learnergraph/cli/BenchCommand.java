package io.learnergraph.cli;

import picocli.CommandLine.Command;

/** {@code bench ...}: measurements reported in src/site/markdown/performance.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (src/site/markdown/performance.md).",
        subcommands = {BenchImportCommand.class, BenchProjectionCommand.class, BenchAnalyticsCommand.class,
                BenchRecommendationsCommand.class, BenchChurnCommand.class, BenchGrowthCommand.class,
                BenchLiveCommand.class, BenchExplorerCommand.class})
public class BenchCommand {
}
