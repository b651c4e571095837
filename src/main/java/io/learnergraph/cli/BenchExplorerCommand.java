package io.learnergraph.cli;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.growth.Time;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * {@code bench explorer --users 1000000}: the explorer's endpoints over HTTP on a demo platform
 * loaded through the product's import and projection: the overview, the largest community's
 * graph, neighbourhood expansions capped at {@code --limit} (the best-connected users, random
 * users, the biggest courses, random topics, and the same users as of a date), and search.
 * Latencies are client-side, per request, one at a time.
 */
@Command(name = "explorer", mixinStandardHelpOptions = true,
        description = "Time the explorer's endpoints (overview, community graph, neighbourhood, search).")
public class BenchExplorerCommand implements Callable<Integer> {

    @Mixin
    DemoPlatformOptions demo;

    @Option(names = "--port", defaultValue = "8090", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--limit", defaultValue = "500", description = "neighbourhood cap (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--requests", defaultValue = "200", description = "requests per random group (default ${DEFAULT-VALUE})")
    int requests;

    private final String key = "bench-" + java.util.UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();
    private static final Pattern RETURNED = Pattern.compile("\"total\":(\\d+)");

    @Override
    public Integer call() throws Exception {
        Path data = demo.directory();
        Contexts.scratchDatabase("learnergraph-bench-explorer");
        System.setProperty("learnergraph.security.keys.admin", key);
        try (ApplicationContext context = Contexts.withServer(port)) {
            GraphSnapshot s = Contexts.importAndProject(context, data).snapshot();
            System.out.println();
            System.out.println("| request | n | p50 ms | p95 ms | p99 ms | max ms | neighbours before the cap (median / max) |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            time("overview, first (computes Leiden, PageRank, engagement)", List.of("/api/explore/communities"));
            time("overview, again", repeat("/api/explore/communities", 20));
            int biggest = largestCommunity();
            time("largest community, 200 members, first", List.of("/api/explore/communities/" + biggest + "?limit=200"));
            time("largest community, 200 members", repeat("/api/explore/communities/" + biggest + "?limit=200", 20));
            time("largest community, 2000 members", repeat("/api/explore/communities/" + biggest + "?limit=2000", 20));
            int n = s.users().count();
            Integer[] byDegree = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt((Integer u) ->
                    -(s.socialUndirected().degree(u) + s.learning().degree(u)))).limit(50).toArray(Integer[]::new);
            List<String> top = Arrays.stream(byDegree).map(u -> neighbourhood("users", s.users().ids()[u], null)).toList();
            time("user neighbourhood, 50 best-connected users, first touch", top);
            time("user neighbourhood, 50 best-connected users", top);
            SplittableRandom rnd = new SplittableRandom(1);
            List<String> random = IntStream.range(0, requests).mapToObj(i -> neighbourhood("users",
                    s.users().ids()[rnd.nextInt(n)], null)).toList();
            time("user neighbourhood, random users", random);
            String mid = Time.iso(s.activity().firstMinute() / 2 + s.activity().lastMinute() / 2).substring(0, 10);
            time("user neighbourhood as of " + mid + ", best-connected", Arrays.stream(byDegree)
                    .map(u -> neighbourhood("users", s.users().ids()[u], mid)).toList());
            Integer[] courses = IntStream.range(0, s.courses().count()).boxed().sorted(Comparator.comparingInt(
                    (Integer c) -> -s.learners().degree(c))).limit(20).toArray(Integer[]::new);
            time("course neighbourhood, 20 biggest courses", Arrays.stream(courses)
                    .map(c -> neighbourhood("courses", s.courses().ids()[c], null)).toList());
            time("course neighbourhood as of " + mid + ", 20 biggest", Arrays.stream(courses)
                    .map(c -> neighbourhood("courses", s.courses().ids()[c], mid)).toList());
            time("topic neighbourhood, random topics", IntStream.range(0, Math.min(requests, 100)).mapToObj(i ->
                    neighbourhood("topics", s.topics().ids()[rnd.nextInt(s.topics().count())], null)).toList());
            List<String> searches = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String name = s.users().names()[rnd.nextInt(n)];
                String q = name == null ? "u" + i : name.substring(0, Math.min(4, name.length()));
                searches.add("/api/explore/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            }
            time("search, first (builds the lower-cased index)", searches.subList(0, 1));
            time("search, 4-letter name prefixes", searches);
        }
        return 0;
    }

    private String neighbourhood(String kind, String id, String asOf) {
        return "/api/explore/" + kind + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/neighbourhood?limit="
                + limit + (asOf == null ? "" : "&asOf=" + asOf);
    }

    private static List<String> repeat(String path, int times) {
        return java.util.Collections.nCopies(times, path);
    }

    /** The overview lists communities largest first: the first one, asked of the API as the page does. */
    private int largestCommunity() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/explore/communities"))
                .header("Authorization", "Bearer " + key).GET().build();
        Matcher m = Pattern.compile("\"community\":(\\d+)").matcher(http.send(request,
                HttpResponse.BodyHandlers.ofString()).body());
        if (!m.find()) {
            throw new IllegalStateException("no community of at least the privacy floor's size");
        }
        return Integer.parseInt(m.group(1));
    }

    private void time(String label, List<String> paths) throws Exception {
        double[] ms = new double[paths.size()];
        List<Integer> totals = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + paths.get(i)))
                    .header("Authorization", "Bearer " + key).GET().build();
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(paths.get(i) + " answered " + r.statusCode() + ": " + r.body());
            }
            Matcher m = RETURNED.matcher(r.body());
            if (m.find()) {
                totals.add(Integer.parseInt(m.group(1)));
            }
        }
        Arrays.sort(ms);
        totals.sort(null);
        String sizes = totals.isEmpty() ? "" : String.format(Locale.ROOT, "%,d / %,d", totals.get(totals.size() / 2),
                totals.get(totals.size() - 1));
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", label, ms.length,
                pct(ms, 0.5), pct(ms, 0.95), pct(ms, 0.99), ms[ms.length - 1], sizes);
    }

    private static double pct(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
