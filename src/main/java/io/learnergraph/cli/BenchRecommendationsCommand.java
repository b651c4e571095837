package io.learnergraph.cli;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.recommend.RecommendationParameters;
import io.learnergraph.analysis.recommend.RecommendationParameters.Strategy;
import io.learnergraph.analysis.recommend.Recommendations;
import io.learnergraph.analysis.recommend.Recommender;
import io.learnergraph.analysis.recommend.RecommenderIndex;
import io.learnergraph.service.RecommendationService;
import io.learnergraph.service.SnapshotService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code bench recommendations}: serving latency and throughput from the in-memory projection.
 * Generates (or reuses) a demo platform, builds the projection straight from its CSV files
 * (a Neo4j import of tens of millions of events would take hours here; the serving path is the
 * same), starts the HTTP API, times single requests in process per source, then drives the API
 * over loopback with wrk (Debian package {@code wrk}) and prints wrk's report.
 */
@Command(name = "recommendations", mixinStandardHelpOptions = true,
        description = "Recommendation latency in process and requests/s over HTTP (wrk) on a demo platform.")
public class BenchRecommendationsCommand implements Callable<Integer> {

    @Mixin
    DemoPlatformOptions demo;

    @Option(names = "--requests", defaultValue = "5000", description = "timed in-process requests per strategy (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--port", defaultValue = "8089", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--wrk-seconds", defaultValue = "30", description = "wrk duration; 0 skips HTTP (default ${DEFAULT-VALUE})")
    int wrkSeconds;

    @Option(names = "--wrk-connections", defaultValue = "2,16", split = ",",
            description = "wrk runs, one per connection count: few for latency, more for throughput (default ${DEFAULT-VALUE})")
    List<Integer> connections;

    @Option(names = "--mixed-seconds", defaultValue = "0",
            description = "then a wrk run of this length over the hot read endpoints in a mix (default ${DEFAULT-VALUE}: none)")
    int mixedSeconds;

    @Option(names = "--wrk-threads", defaultValue = "2", description = "wrk threads (default ${DEFAULT-VALUE})")
    int wrkThreads;

    private final String serviceKey = "bench-" + java.util.UUID.randomUUID();

    @Override
    public Integer call() throws Exception {
        if (demo.users < 50 || requests < 1 || wrkSeconds < 0 || connections.stream().anyMatch(c -> c < 1) || wrkThreads < 1) {
            throw new IllegalArgumentException("--users must be >= 50, --requests, --wrk-connections and --wrk-threads >= 1");
        }
        Path data = demo.directory();
        Contexts.scratchDatabase("learnergraph-bench-rec");
        // requests carry a service key, as a recommender service's would
        System.setProperty("learnergraph.security.keys.service", serviceKey);
        // only warms the cache before the mixed run: a looser bound than the default keeps that short
        System.setProperty("learnergraph.analytics.betweenness-epsilon", "0.05");
        try (ApplicationContext context = Contexts.withServer(port)) {
            SnapshotService snapshots = context.getBean(SnapshotService.class);
            GraphSnapshot s = Contexts.importAndProject(context, data).snapshot();
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf(Locale.ROOT, "%,d user-course pairs, %,d social pairs; heap used %,d MiB%n",
                    s.learning().arcCount(), s.social().arcCount(), (rt.totalMemory() - rt.freeMemory()) >> 20);
            RecommendationService service = context.getBean(RecommendationService.class);
            long t0 = System.nanoTime();
            RecommenderIndex index = service.index();
            System.out.printf(Locale.ROOT, "recommender index (Leiden, PageRank, catalogue) ready in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);

            t0 = System.nanoTime();
            io.learnergraph.analysis.profile.InterestProfiles.Result interests =
                    context.getBean(io.learnergraph.service.AnalyticsService.class).interests(s);
            System.out.printf(Locale.ROOT, "interest profiles: TF-IDF over %,d topics, k-means++ into %d groups on a "
                            + "sample, every user assigned, in %.1f s%n", s.topics().count(), interests.groupCount(),
                    (System.nanoTime() - t0) / 1e9);

            int[] sample = sampleUsers(s, 20_000);
            // the model fitted on this platform's history: its learned ranking is timed whether chosen or not
            io.learnergraph.service.BlendFitService fits = context.getBean(io.learnergraph.service.BlendFitService.class);
            io.learnergraph.analysis.recommend.LearnedRanker learned = null;
            try {
                t0 = System.nanoTime();
                var model = fits.fitNow();
                learned = fits.fittedRanker();
                System.out.printf(Locale.ROOT, "model fitted on the last %d days of history in %.1f s: %s, ranking by %s%n",
                        model.holdoutDays(), (System.nanoTime() - t0) / 1e9, model.status(), model.ranking());
            } catch (io.learnergraph.LearnerGraphException.Conflict e) {
                System.out.println("no model fitted: " + e.getMessage());
            }
            inProcess(index, service.defaults().withRanker(null), learned, sample);
            if (wrkSeconds > 0) {
                overHttp(context, s, sample);
            }
        }
        return 0;
    }

    /** Users with at least one learning event (the cold-start path is cheaper), chosen at random. */
    private int[] sampleUsers(GraphSnapshot s, int n) {
        SplittableRandom rnd = new SplittableRandom(demo.seed);
        int[] out = new int[n];
        for (int i = 0; i < n; ) {
            int u = rnd.nextInt(s.users().count());
            if (s.learning().degree(u) > 0) {
                out[i++] = u;
            }
        }
        return out;
    }

    private void inProcess(RecommenderIndex index, RecommendationParameters defaults,
                           io.learnergraph.analysis.recommend.LearnedRanker learned, int[] sample) {
        Recommender r = new Recommender(index);
        System.out.printf(Locale.ROOT, "%nin process, one thread, %,d requests each after %,d warm-up, limit 10:%n",
                requests, Math.min(requests, 2000));
        System.out.println("| request | p50 ms | p90 ms | p99 ms | max ms | P3 from neighbour lists |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Strategy strategy : new Strategy[]{Strategy.BLEND, null, Strategy.KNOWLEDGE, Strategy.COLLABORATIVE,
                Strategy.SOCIAL, Strategy.POPULAR}) {
            if (strategy == null && learned == null) {
                continue;
            }
            for (boolean explain : strategy == Strategy.BLEND || strategy == null ? new boolean[]{true, false}
                    : new boolean[]{true}) {
                // null: the blend ranked by the learned model instead of the weights
                RecommendationParameters p = strategy == null ? defaults.withRanker(learned).withExplain(explain)
                        : defaults.withStrategy(strategy).withExplain(explain);
                for (int i = 0; i < Math.min(requests, 2000); i++) {
                    r.recommend(sample[(i * 7919) % sample.length], p);
                }
                long[] ns = new long[requests];
                int approximate = 0;
                for (int i = 0; i < requests; i++) {
                    long t = System.nanoTime();
                    Recommendations rec = r.recommend(sample[i % sample.length], p);
                    ns[i] = System.nanoTime() - t;
                    approximate += rec.collaborative().equals("exact") || rec.collaborative().equals("none") ? 0 : 1;
                }
                Arrays.sort(ns);
                System.out.printf(Locale.ROOT, "| %s%s | %.2f | %.2f | %.2f | %.2f | %.1f%% |%n",
                        strategy == null ? "blend, learned ranking" : strategy.key(),
                        explain ? ", explained" : "", ms(ns, 0.5), ms(ns, 0.9), ms(ns, 0.99), ns[ns.length - 1] / 1e6,
                        100.0 * approximate / requests);
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private void overHttp(ApplicationContext context, GraphSnapshot s, int[] sample) throws IOException, InterruptedException {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        Path ids = Files.createTempFile("learnergraph-bench-ids", ".txt");
        List<String> lines = new ArrayList<>();
        for (int u : sample) {
            lines.add(s.users().ids()[u]);
        }
        Files.write(ids, lines, StandardCharsets.UTF_8);
        Path script = Path.of("src", "bench", "wrk", "recommendations.lua");
        if (!Files.exists(script)) {
            System.out.println("no " + script + " (run from the repository root); skipping wrk");
            return;
        }
        String url = "http://127.0.0.1:" + server.getPort();
        // a short warm-up run first, so the JIT has compiled the HTTP path
        run(List.of("wrk", "-t" + wrkThreads, "-c16", "-d10s", "-s", script.toString(), url), ids, false);
        // the HTTP stack's own ceiling here: a small in-memory answer behind the same key check
        List<String> ceiling = List.of("wrk", "-t" + wrkThreads, "-c16", "-d" + Math.max(5, wrkSeconds / 3) + "s",
                "-H", "Authorization: Bearer " + serviceKey, url + "/api/graph/projection");
        System.out.printf(Locale.ROOT, "%nceiling, GET /api/graph/projection (about 600 bytes from memory): %s%n",
                String.join(" ", ceiling).replace(serviceKey, "<key>"));
        run(ceiling, ids, true);
        for (int c : connections) {
            int threads = Math.min(wrkThreads, c);
            List<String> command = List.of("wrk", "-t" + threads, "-c" + c, "-d" + wrkSeconds + "s",
                    "--latency", "-s", script.toString(), url);
            System.out.printf(Locale.ROOT, "%nover HTTP on loopback (wrk and the server share the machine): %s%n",
                    String.join(" ", command));
            run(command, ids, true);
        }
        if (mixedSeconds > 0) {
            // a serving deployment computes these after every refresh (write-back-on-refresh); warm
            // them here too, or the first user request would wait for sampled betweenness
            long t0 = System.nanoTime();
            io.learnergraph.service.AnalyticsService analytics = context.getBean(io.learnergraph.service.AnalyticsService.class);
            io.learnergraph.analysis.graph.GraphSnapshot pinned = analytics.snapshot();
            for (io.learnergraph.service.CentralityMeasure m : io.learnergraph.service.CentralityMeasure.values()) {
                if (m != io.learnergraph.service.CentralityMeasure.PERSONALIZED_PAGERANK) {
                    analytics.centrality(pinned, m, new int[0]);
                }
            }
            analytics.defaultCommunities(pinned);
            analytics.degrees(pinned);
            System.out.printf(Locale.ROOT, "%nanalytics caches warmed (all centralities, communities) in %.0f s%n",
                    (System.nanoTime() - t0) / 1e9);
            Path courses = Files.createTempFile("learnergraph-bench-courses", ".txt");
            Files.write(courses, List.of(s.courses().ids()), StandardCharsets.UTF_8);
            Path mixed = Path.of("src", "bench", "wrk", "hot-reads.lua");
            List<String> command = List.of("wrk", "-t" + wrkThreads, "-c16", "-d" + mixedSeconds + "s", "--latency",
                    "-s", mixed.toString(), url);
            System.out.printf(Locale.ROOT, "%nhot read endpoints in a mix (recommendations with and without reasons, "
                    + "user, similar courses, influencers, communities, projection): %s%n", String.join(" ", command));
            this.courseIds = courses;
            String out = run(command, ids, true);
            System.out.println(out.contains("Non-2xx") || out.contains("Socket errors")
                    ? "errors: see above" : "errors: none (no non-2xx responses, no socket errors)");
            Files.deleteIfExists(courses);
        }
        Files.deleteIfExists(ids);
    }

    private Path courseIds;

    private String run(List<String> command, Path ids, boolean print) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LG_IDS", ids.toAbsolutePath().toString());
        pb.environment().put("LG_KEY", serviceKey);
        if (courseIds != null) {
            pb.environment().put("LG_COURSES", courseIds.toAbsolutePath().toString());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.out.println("wrk not found (apt-get install wrk); skipping the HTTP run");
            return "";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        if (print) {
            System.out.print(out);
        }
        return out;
    }
}
