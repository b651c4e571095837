package io.learnergraph.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** The generated platforms an evaluation runs on instead of an import directory. */
final class PresetOptions {

    @Option(names = "--presets", description = "generate and evaluate these demo presets instead of DIR: all, or a "
            + "comma-separated list of demo, prerequisites, social, popular, mixed")
    String presets;

    @Option(names = "--users", defaultValue = "10000", description = "users per generated platform with --presets "
            + "(default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "generator seeds with --presets "
            + "(default ${DEFAULT-VALUE})")
    List<Long> seeds;

    /** The report over the named presets, checked. */
    PresetReport report(String metric) {
        return new PresetReport(users, seeds, metric);
    }
}
