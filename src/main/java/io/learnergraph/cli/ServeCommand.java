package io.learnergraph.cli;

import io.learnergraph.api.security.ApiKeys;
import io.learnergraph.store.Neo4jStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Starts the HTTP API (and embedded Neo4j unless a URI is configured). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the HTTP API. On an empty embedded database a demo platform is loaded first.")
public class ServeCommand implements Callable<Integer> {

    private static volatile boolean serving;

    static boolean serving() {
        return serving;
    }

    @Override
    public Integer call() {
        ApplicationContext context = Contexts.withServer();
        // SIGTERM or Ctrl-C: stop the server, then the context (Neo4j shuts down cleanly)
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "learnergraph-shutdown"));
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        System.out.println("LearnerGraph API on " + server.getURL() + "/api  (health: " + server.getURL()
                + "/api/health)");
        context.findBean(ApiKeys.class).flatMap(ApiKeys::generatedKeyFile).ifPresent(f ->
                System.out.println("API key (admin, generated because none is configured): " + f
                        + "  e.g. curl -H \"Authorization: Bearer $(cat " + relative(f) + ")\" localhost:"
                        + server.getPort() + "/api/stats"));
        Neo4jStore store = context.getBean(Neo4jStore.class);
        store.embeddedPasswordFile().ifPresent(f ->
                System.out.println("Neo4j (embedded) on bolt://127.0.0.1:" + store.embeddedBoltPort()
                        + ", user neo4j, password in " + f + " (owner-only; it allows writes)"));
        serving = true;
        return 0;
    }

    /** A path as short as it can be shown: relative to the working directory when under it. */
    private static Path relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p) : p;
    }
}
