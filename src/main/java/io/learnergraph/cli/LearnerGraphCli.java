package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code java -jar target/learnergraph.jar [serve|import|demo|bench] ...}; {@code serve} is the
 * default. The only place that prints to the console.
 */
@Command(name = "learnergraph", mixinStandardHelpOptions = true, version = "LearnerGraph 0.1.0",
        description = "Graph analytics for online-learning platforms over Neo4j.",
        subcommands = {ServeCommand.class, ImportCommand.class, DemoCommand.class, BenchCommand.class, EvalCommand.class,
                CommandLine.HelpCommand.class})
public class LearnerGraphCli implements Callable<Integer> {

    public static void main(String[] args) {
        useConfigFileOnDisk();
        int code = new CommandLine(new LearnerGraphCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(LearnerGraphCli::expectedErrors).execute(args);
        if (code != 0 || !ServeCommand.serving()) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        return new ServeCommand().call();
    }

    /**
     * Errors about the input or the database (bad values, unreachable Neo4j, unreadable files)
     * are one line naming the problem and exit code 2; anything else is a bug and keeps its trace.
     */
    static int expectedErrors(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof LearnerGraphException || e instanceof IllegalArgumentException
                || e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            String message = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
                    : e.getMessage();
            cmd.getErr().println(cmd.getCommandName() + " failed: " + message);
            return 2;
        }
        throw e;
    }

    /**
     * The packaged application.yml holds the defaults; the user's {@code config/application.yml}
     * in the working directory overrides them (as does {@code -Dmicronaut.config.files=...}).
     */
    static void useConfigFileOnDisk() {
        Path onDisk = Path.of("config", "application.yml");
        if (System.getProperty("micronaut.config.files") == null && System.getenv("MICRONAUT_CONFIG_FILES") == null
                && Files.isRegularFile(onDisk)) {
            System.setProperty("micronaut.config.files", onDisk.toAbsolutePath().toString());
        }
    }
}
