package io.learnergraph.cli;

import io.learnergraph.config.Directories;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportReport;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code import DIR}: loads a directory of CSV files (see graph-import/README.md). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a directory of CSV files into the graph. Bad rows go to DIR/rejects/. "
                + "An empty embedded database is built by Neo4j's offline importer (bulk), any other by "
                + "transactions. Exit code 0 when every file was read, 1 otherwise.")
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "directory with users.csv, courses.csv, ...")
    Path dir;

    @ArgGroup(exclusive = true)
    WritePath writePath = new WritePath();

    /** Which write path; without either, bulk into an empty embedded database, else transactional. */
    static final class WritePath {
        @Option(names = "--bulk", description = "use Neo4j's offline importer; the embedded database must be empty")
        boolean bulk;

        @Option(names = "--transactional", description = "use transactions even on an empty database")
        boolean transactional;

        GraphImporter.Mode mode() {
            return bulk ? GraphImporter.Mode.BULK : transactional ? GraphImporter.Mode.TRANSACTIONAL
                    : GraphImporter.Mode.AUTO;
        }
    }

    @Override
    public Integer call() {
        Directories.readable("import directory", dir); // before Neo4j starts: a typo fails at once
        try (ApplicationContext context = Contexts.withoutServer()) {
            ImportReport report = context.getBean(GraphImporter.class)
                    .importDirectory(dir, writePath.mode(), new TerminalProgress(System.err));
            System.out.print(ImportSummary.format(report));
            return report.complete() ? 0 : 1;
        }
    }
}
