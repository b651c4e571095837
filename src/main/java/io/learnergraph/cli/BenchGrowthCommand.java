package io.learnergraph.cli;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.growth.Lifecycle;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.service.GrowthService;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench growth --users 1000000}: every growth endpoint over HTTP on a demo platform
 * projected from CSV: the first request (cold: the view is computed) and the median and worst
 * of the next ones (cached per snapshot).
 */
@Command(name = "growth", mixinStandardHelpOptions = true,
        description = "Time each growth endpoint cold and cached on a demo platform.")
public class BenchGrowthCommand implements Callable<Integer> {

    @Mixin
    DemoPlatformOptions demo;

    @Option(names = "--port", defaultValue = "8089", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--repeats", defaultValue = "20", description = "cached requests per endpoint (default ${DEFAULT-VALUE})")
    int repeats;

    private final String key = "bench-" + java.util.UUID.randomUUID();

    @Override
    public Integer call() throws Exception {
        Path data = demo.directory();
        Contexts.scratchDatabase("learnergraph-bench-growth");
        System.setProperty("learnergraph.security.keys.admin", key);
        try (ApplicationContext context = Contexts.withServer(port)) {
            GraphSnapshot s = Contexts.importAndProject(context, data).snapshot();
            System.out.println();
            int last = s.activity().lastMinute();
            String to = Time.iso(last);
            String from = Time.iso(last - 90 * Time.DAY);
            String course = s.courses().ids()[0];
            List<String> paths = new ArrayList<>(List.of(
                    "/api/engagement", "/api/engagement?groupBy=tier", "/api/engagement?groupBy=community",
                    "/api/funnels?from=" + from + "&to=" + to, "/api/funnels?from=" + from + "&to=" + to + "&groupBy=course",
                    "/api/funnels?from=" + from + "&to=" + to + "&groupBy=creator",
                    "/api/funnels?from=" + from + "&to=" + to + "&groupBy=tier",
                    "/api/cohorts?period=week", "/api/cohorts?period=month&groupBy=tier",
                    "/api/courses/" + course, "/api/courses?sort=quality&limit=20",
                    "/api/lifecycle", "/api/lifecycle?groupBy=tier",
                    "/api/lifecycle/transitions?from=" + Time.iso(last - 60 * Time.DAY) + "&to=" + to,
                    "/api/leaderboards?window=30d", "/api/leaderboards?window=30d&community=0"));
            // a dormant user for win-back (the stages are then cached, so this is not what is timed)
            Lifecycle.Stage[] stages = context.getBean(GrowthService.class).stages(
                    context.getBean(GrowthService.class).snapshot(), last).stage();
            for (int u = 0; u < stages.length; u++) {
                if (stages[u] == Lifecycle.Stage.DORMANT) {
                    paths.add("/api/users/" + s.users().ids()[u] + "/win-back");
                    break;
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            System.out.println("| endpoint | cold ms | cached median ms | cached max ms | status |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (String p : paths) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + p))
                        .header("Authorization", "Bearer " + key).GET().build();
                long t0 = System.nanoTime();
                HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
                double cold = (System.nanoTime() - t0) / 1e6;
                double[] warm = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long t = System.nanoTime();
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                    warm[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(warm);
                System.out.printf(Locale.ROOT, "| `%s` | %.0f | %.1f | %.1f | %d |%n", p.replace(from, "FROM")
                                .replace(to, "TO").replace(Time.iso(last - 60 * Time.DAY), "FROM60"), cold,
                        warm[warm.length / 2], warm[warm.length - 1], first.statusCode());
            }
        }
        return 0;
    }
}
