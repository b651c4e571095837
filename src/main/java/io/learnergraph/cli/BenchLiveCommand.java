package io.learnergraph.cli;

import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.CommunityResult;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.service.CentralityMeasure;
import io.learnergraph.service.RecommendationService;
import io.learnergraph.service.SnapshotService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench live --users N}: the live graph under load, through the product's own import and
 * HTTP API. A demo platform is bulk-loaded, the server started, then for {@code --seconds} a
 * writer posts events at {@code --events-per-second}, readers ask for recommendations, and a
 * prober enrols users in their top recommended course and times until it is gone from their
 * recommendations (event accepted → visible). Then the incremental work against from scratch on
 * the graph the events made (merge against reload, warm PageRank and Leiden against cold), and a
 * restart until the first answer.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Events in while recommendations are read: event-to-visible latency, events/s, read latency; "
                + "incremental against from-scratch refresh; restart time.")
public class BenchLiveCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    DemoPlatformOptions demo;

    @Option(names = "--events-per-second", defaultValue = "1000", description = "ingest rate (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "length of the load (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--readers", defaultValue = "2", description = "concurrent recommendation readers (default ${DEFAULT-VALUE})")
    int readers;

    @Option(names = "--port", defaultValue = "8091", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    private final String key = "bench-live-" + java.util.UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds < 1 || readers < 0) {
            throw new IllegalArgumentException("--events-per-second and --seconds must be >= 1, --readers >= 0");
        }
        Path csv = demo.directory();
        Path data = Contexts.scratchDatabase("learnergraph-bench-live");
        System.setProperty("learnergraph.security.keys.admin", key);
        long t0 = System.nanoTime();
        try (ApplicationContext context = Contexts.withServer(port)) {
            ImportReport report = context.getBean(GraphImporter.class).importDirectory(csv, ImportProgress.NONE);
            System.out.printf(Locale.ROOT, "imported %,d rows (%s path) in %.1f s%n", report.totalImported(),
                    report.mode().name().toLowerCase(Locale.ROOT), report.seconds());
            SnapshotService snapshots = context.getBean(SnapshotService.class);
            long p0 = System.nanoTime();
            GraphSnapshot s = snapshots.current();
            System.out.printf(Locale.ROOT, "projection: %,d users, %,d events in %.1f s%n", s.users().count(),
                    s.activity().eventCount(), (System.nanoTime() - p0) / 1e9);
            long i0 = System.nanoTime();
            context.getBean(RecommendationService.class).index();
            System.out.printf(Locale.ROOT, "recommender index in %.1f s; ready to serve %.1f s after the start%n",
                    (System.nanoTime() - i0) / 1e9, (System.nanoTime() - t0) / 1e9);
            load(s);
            incremental(context, snapshots);
        }
        restart(data);
        return 0;
    }

    /** The writer, the readers and the prober at once, for {@code seconds}. */
    private void load(GraphSnapshot s) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong accepted = new AtomicLong();
        ConcurrentLinkedQueue<Long> readNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> visibleNanos = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        threads.add(new Thread(() -> write(s, running, accepted, started), "bench-writer"));
        for (int r = 0; r < readers; r++) {
            int seed = r;
            threads.add(new Thread(() -> read(s, running, readNanos, seed), "bench-reader-" + r));
        }
        threads.add(new Thread(() -> probe(s, running, visibleNanos), "bench-prober"));
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        started.await();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nload for %.0f s: %,d events accepted = %,.0f events/s (target %d)%n", elapsed,
                accepted.get(), accepted.get() / elapsed, rate);
        System.out.println("event accepted -> gone from the user's recommendations: " + percentiles(visibleNanos));
        System.out.printf(Locale.ROOT, "recommendation reads under the load (%d readers): %,.0f/s; %s%n", readers,
                readNanos.size() / elapsed, percentiles(readNanos));
    }

    /** Events at the target rate, in 5 requests a second: learning events and interactions. */
    private void write(GraphSnapshot s, AtomicBoolean running, AtomicLong accepted, CountDownLatch started) {
        SplittableRandom random = new SplittableRandom(7);
        int perBatch = Math.max(1, rate / 5);
        String[] learning = {"view", "view", "view", "enroll", "progress", "complete"};
        String[] social = {"like", "comment", "follow"};
        long minute = s.activity().lastMinute();
        long next = System.nanoTime();
        started.countDown();
        while (running.get()) {
            List<Map<String, Object>> batch = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                String user = s.users().ids()[random.nextInt(s.users().count())];
                String at = Instant.ofEpochSecond((minute + 1 + random.nextInt(60)) * 60).toString();
                if (random.nextInt(10) < 7) {
                    batch.add(Map.of("kind", "learning", "user_id", user, "course_id",
                            s.courses().ids()[random.nextInt(s.courses().count())], "type",
                            learning[random.nextInt(learning.length)], "at", at, "value", 60));
                } else {
                    String other = s.users().ids()[random.nextInt(s.users().count())];
                    if (other.equals(user)) {
                        continue;
                    }
                    String type = social[random.nextInt(social.length)];
                    batch.add(type.equals("follow")
                            ? Map.of("kind", "follow", "follower_id", user, "followee_id", other, "at", at)
                            : Map.of("kind", "social", "from_user_id", user, "to_user_id", other, "type", type, "at", at));
                }
            }
            try {
                Map<String, Object> r = post("/api/events", batch);
                accepted.addAndGet(((Number) r.get("accepted")).longValue());
            } catch (Exception e) {
                System.out.println("writer: " + e.getMessage());
            }
            next += 200_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
        }
    }

    private void read(GraphSnapshot s, AtomicBoolean running, ConcurrentLinkedQueue<Long> nanos, int seed) {
        SplittableRandom random = new SplittableRandom(100 + seed);
        while (running.get()) {
            String user = s.users().ids()[random.nextInt(s.users().count())];
            long t = System.nanoTime();
            try {
                get("/api/users/" + user + "/recommendations?limit=10");
                nanos.add(System.nanoTime() - t);
            } catch (Exception e) {
                System.out.println("reader: " + e.getMessage());
            }
        }
    }

    /** Enrols a user in their top course and waits until it leaves their recommendations. */
    @SuppressWarnings("unchecked")
    private void probe(GraphSnapshot s, AtomicBoolean running, ConcurrentLinkedQueue<Long> nanos) {
        SplittableRandom random = new SplittableRandom(3);
        long minute = s.activity().lastMinute();
        while (running.get()) {
            try {
                String user = s.users().ids()[random.nextInt(s.users().count())];
                List<Map<String, Object>> items = (List<Map<String, Object>>) get("/api/users/" + user
                        + "/recommendations?limit=5&explain=false").getOrDefault("items", List.of());
                if (items.isEmpty()) {
                    continue;
                }
                String course = (String) items.get(0).get("courseId");
                long t = System.nanoTime();
                post("/api/events", List.of(Map.of("kind", "learning", "user_id", user, "course_id", course,
                        "type", "enroll", "at", Instant.ofEpochSecond((minute + 61) * 60).toString())));
                while (true) {
                    List<Map<String, Object>> now = (List<Map<String, Object>>) get("/api/users/" + user
                            + "/recommendations?limit=5&explain=false").getOrDefault("items", List.of());
                    if (now.stream().noneMatch(i -> course.equals(i.get("courseId")))) {
                        nanos.add(System.nanoTime() - t);
                        break;
                    }
                    if (System.nanoTime() - t > TimeUnit.SECONDS.toNanos(30)) {
                        System.out.println("prober: not visible in 30 s for " + user + " / " + course);
                        break;
                    }
                    sleepNanos(2_000_000);
                }
                sleepNanos(100_000_000);
            } catch (Exception e) {
                System.out.println("prober: " + e.getMessage());
            }
        }
    }

    /** Merge against reload, warm against cold PageRank and Leiden, on the graph the load made. */
    private void incremental(ApplicationContext context, SnapshotService snapshots) {
        AnalyticsService analytics = context.getBean(AnalyticsService.class);
        GraphSnapshot before = snapshots.current();
        double[] pagerankBefore = analytics.centrality(before, CentralityMeasure.PAGERANK, new int[0]).scores();
        int[] leidenBefore = analytics.defaultCommunities(before).result().partition().community();
        int delta = snapshots.deltaSizeOrLoaded();
        long t = System.nanoTime();
        GraphSnapshot merged = snapshots.merge();
        double mergeSeconds = (System.nanoTime() - t) / 1e9;
        boolean[] touched = snapshots.touchedBetween(before.version(), merged);
        int touchedCount = 0;
        for (boolean b : touched == null ? new boolean[0] : touched) {
            touchedCount += b ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%nafter the load: %,d delta events on v%d (%,d events; %.2f %%), %,d users touched%n",
                delta, before.version(), before.activity().eventCount(),
                100.0 * delta / Math.max(1, before.activity().eventCount()), touchedCount);
        System.out.printf(Locale.ROOT, "merge in memory: %.2f s%n", mergeSeconds);
        // the listeners' work on the new snapshot (recommender index with warm PageRank and Leiden,
        // churn scores, write-back) runs in the background: its times are in the log
        long r = System.nanoTime();
        GraphSnapshot reloaded = snapshots.refresh();
        double reloadSeconds = (System.nanoTime() - r) / 1e9;
        System.out.printf(Locale.ROOT, "reload from the store (from scratch): %.2f s -> merge %.1fx faster%n",
                reloadSeconds, reloadSeconds / mergeSeconds);
        sleepNanos(TimeUnit.SECONDS.toNanos(5)); // let the reloaded snapshot's listeners finish first

        long c = System.nanoTime();
        PageRank.Result cold = PageRank.compute(merged.social(), PageRank.Parameters.defaults());
        double coldSeconds = (System.nanoTime() - c) / 1e9;
        long w = System.nanoTime();
        PageRank.Result warm = PageRank.compute(merged.social(), PageRank.Parameters.defaults()
                .withInitial(pagerankBefore));
        double warmSeconds = (System.nanoTime() - w) / 1e9;
        double l1 = 0;
        for (int v = 0; v < cold.scores().length; v++) {
            l1 += Math.abs(cold.scores()[v] - warm.scores()[v]);
        }
        System.out.printf(Locale.ROOT, "PageRank cold %.2f s (%d iterations), warm %.2f s (%d iterations): %.1fx, "
                + "L1 difference %.2e%n", coldSeconds, cold.iterations(), warmSeconds, warm.iterations(),
                coldSeconds / warmSeconds, l1);

        ModularityParameters p = ModularityParameters.defaults();
        long lc = System.nanoTime();
        CommunityResult leidenCold = Leiden.compute(merged.socialUndirected(), p);
        double leidenColdSeconds = (System.nanoTime() - lc) / 1e9;
        long lw = System.nanoTime();
        CommunityResult leidenWarm = Leiden.compute(merged.socialUndirected(), p, leidenBefore, touched);
        double leidenWarmSeconds = (System.nanoTime() - lw) / 1e9;
        System.out.printf(Locale.ROOT, "Leiden cold %.2f s (Q %.4f), warm from the previous partition %.2f s (Q %.4f): "
                        + "%.1fx, modularity difference %.4f%n", leidenColdSeconds, leidenCold.modularity(),
                leidenWarmSeconds, leidenWarm.modularity(), leidenColdSeconds / leidenWarmSeconds,
                leidenWarm.modularity() - leidenCold.modularity());
    }

    /**
     * The same data directory started again (in this JVM: the JVM's own start is not counted),
     * until the first recommendation is answered: once reading the snapshot saved in the data
     * directory, once with saving off, so projecting the store, side by side.
     */
    private void restart(Path data) throws Exception {
        double saved = restartOnce(data, true);
        double projected = restartOnce(data, false);
        System.out.printf(Locale.ROOT, "restart from the saved snapshot %.1f s, from the store %.1f s: %.1fx%n",
                saved, projected, projected / saved);
    }

    private double restartOnce(Path data, boolean persisted) throws Exception {
        System.setProperty("learnergraph.live.persist-snapshot", String.valueOf(persisted));
        long t = System.nanoTime();
        try (ApplicationContext context = Contexts.withServer(port)) {
            double started = (System.nanoTime() - t) / 1e9;
            SnapshotService snapshots = context.getBean(SnapshotService.class);
            GraphSnapshot s = snapshots.current();
            double snapshot = (System.nanoTime() - t) / 1e9;
            get("/api/users/" + s.users().ids()[0] + "/recommendations?limit=5");
            double first = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "%nrestart on %s (snapshot %s, from %s): context and Neo4j up %.1f s, "
                            + "snapshot ready %.1f s (feed position %,d), first recommendation %.1f s after the start%n",
                    data, persisted ? "saving on" : "saving off", snapshots.origin().name().toLowerCase(Locale.ROOT),
                    started, snapshot, snapshots.position(), first);
            return first;
        } finally {
            System.clearProperty("learnergraph.live.persist-snapshot");
        }
    }

    private static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
        long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (a.length == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "%,d samples, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", a.length,
                at(a, 0.5), at(a, 0.9), at(a, 0.99), a[a.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return ObjectMapper.getDefault().readValue(r.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ObjectMapper.getDefault().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return ObjectMapper.getDefault().readValue(r.body(), Map.class);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
