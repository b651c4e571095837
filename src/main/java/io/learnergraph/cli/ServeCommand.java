package io.learnergraph.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;

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
        ApplicationContext context = Micronaut.build(new String[0]).mainClass(LearnerGraphCli.class).deduceEnvironment(false)
                .banner(false).start();
        context.findBean(EmbeddedServer.class).ifPresent(server ->
                System.out.println("LearnerGraph API on " + server.getURL() + "/api  (health: " + server.getURL()
                        + "/api/health)"));
        context.findBean(io.learnergraph.api.security.ApiKeys.class).flatMap(k -> k.generatedKeyFile()).ifPresent(f ->
                System.out.println("API key (admin, generated because none is configured): " + f.toAbsolutePath()
                        + "  e.g. curl -H \"Authorization: Bearer $(cat " + f + ")\" " + "localhost:"
                        + context.findBean(EmbeddedServer.class).map(EmbeddedServer::getPort).orElse(8080) + "/api/stats"));
        serving = true;
        return 0;
    }
}
