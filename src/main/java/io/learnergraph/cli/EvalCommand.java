package io.learnergraph.cli;

import picocli.CommandLine.Command;

/** {@code eval}: offline evaluations. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Offline evaluation.",
        subcommands = {EvalRecommendationsCommand.class, EvalChurnCommand.class})
public class EvalCommand {
}
