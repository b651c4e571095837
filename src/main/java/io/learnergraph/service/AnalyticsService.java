package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.centrality.Betweenness;
import io.learnergraph.analysis.centrality.Coreness;
import io.learnergraph.analysis.centrality.Eigenvector;
import io.learnergraph.analysis.centrality.Harmonic;
import io.learnergraph.analysis.centrality.NodeScores;
import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.CommunityResult;
import io.learnergraph.analysis.community.LabelPropagation;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.Louvain;
import io.learnergraph.analysis.community.Modularity;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.community.Partition;
import io.learnergraph.analysis.community.WeaklyConnectedComponents;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.DeltaLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.profile.CommunityProfiler;
import io.learnergraph.analysis.profile.InterestProfiles;
import io.learnergraph.config.AnalyticsSettings;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the analyses on a snapshot the caller pinned ({@link #snapshot()} once, at the start of a
 * request or job, then passed to every call) and caches each result per snapshot version and
 * parameters; concurrent identical requests compute once. A new snapshot drops older results.
 * No method reads "the current snapshot" by itself: an answer built from several analyses must
 * not pair the scores of one snapshot with the ids of another.
 */
@Singleton
public class AnalyticsService {

    /** Defaults of the API's community parameters (one place). */
    public static final double RESOLUTION_DEFAULT = ModularityParameters.RESOLUTION_DEFAULT;
    public static final long SEED_DEFAULT = ModularityParameters.SEED_DEFAULT;

    public record CommunityRun(long version, CommunityAlgorithm algorithm, double resolution, long seed,
                               CommunityResult result, CommunityProfiler.Profiles profiles, double seconds) {
    }

    /** @param method how it was computed: "exact", or the sampling and its error bound */
    public record CentralityRun(long version, CentralityMeasure measure, double[] scores, String method,
                                double seconds) {
    }

    public record Degrees(int[] in, int[] out, double[] weightedIn, double[] weightedOut) {
    }

    private final SnapshotService snapshots;
    private final PrivacyFloor privacyFloor;
    private final AnalyticsSettings settings;
    private final SnapshotCache cache = new SnapshotCache(Integer.MAX_VALUE);
    /** The latest default Leiden and PageRank runs: warm starts for the next merged snapshot. */
    private volatile CommunityRun lastLeiden;
    private volatile CentralityRun lastPageRank;

    public AnalyticsService(SnapshotService snapshots, AnalyticsSettings settings, PrivacyFloor privacyFloor) {
        this.snapshots = snapshots;
        this.settings = settings;
        this.privacyFloor = privacyFloor;
        if (!centralities.keySet().containsAll(java.util.EnumSet.allOf(CentralityMeasure.class))) {
            throw new IllegalStateException("a centrality measure without an algorithm");
        }
        snapshots.onNewSnapshot(s -> cache.retain(s.version()));
    }

    public GraphSnapshot snapshot() {
        return snapshots.current();
    }

    public AnalyticsSettings settings() {
        return settings;
    }

    /** The rule for groups too small to show alone. */
    public PrivacyFloor privacyFloor() {
        return privacyFloor;
    }

    /** The snapshot with every change applied so far, pinned (user-level answers read it). */
    public LiveView live() {
        return snapshots.live();
    }

    /**
     * One user as of the live view: degrees counting the ties formed since the snapshot (a
     * follow or interaction with someone not tied before adds one), the latest activity, the tier
     * after the latest membership change.
     */
    public record LiveUser(int in, int out, double weightedIn, double weightedOut, long lastActive, String tier) {
    }

    public LiveUser liveUser(LiveView v, int u) {
        GraphSnapshot s = v.snapshot();
        Degrees d = degrees(s);
        CsrGraph social = s.social();
        DeltaLog.View delta = v.delta();
        int in = d.in()[u];
        int out = d.out()[u];
        double win = d.weightedIn()[u];
        double wout = d.weightedOut()[u];
        long last = s.users().lastActive()[u];
        java.util.Set<Integer> newOut = new java.util.HashSet<>();
        for (int e : delta.byActor(u)) {
            if (delta.kind(e) != DeltaLog.Kind.FOLLOW && delta.minute(e) != ActivityLog.NO_MINUTE) {
                last = last == GraphSnapshot.NO_TIME ? delta.minute(e) : Math.max(last, delta.minute(e));
            }
            if (delta.kind(e) != DeltaLog.Kind.LEARNING) {
                int t = delta.target(e);
                wout += snapshots.weights().weight(delta.type(e), time(delta.minute(e)), s.referenceMinute());
                if (social.findArc(u, t) < 0 && newOut.add(t)) {
                    out++;
                }
            }
        }
        java.util.Set<Integer> newIn = new java.util.HashSet<>();
        for (int e : delta.byTarget(u)) {
            int a = delta.actor(e);
            win += snapshots.weights().weight(delta.type(e), time(delta.minute(e)), s.referenceMinute());
            if (social.findArc(a, u) < 0 && newIn.add(a)) {
                in++;
            }
        }
        return new LiveUser(in, out, win, wout, last, v.tier(u));
    }

    private static long time(int minute) {
        return minute == ActivityLog.NO_MINUTE ? GraphSnapshot.NO_TIME : minute;
    }

    public CommunityRun communities(GraphSnapshot s, CommunityAlgorithm algorithm, double resolution, long seed) {
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new LearnerGraphException.InvalidInput("resolution", "resolution must be > 0, was " + resolution);
        }
        String key = s.version() + "|communities|" + algorithm + "|" + resolution + "|" + seed;
        return cached(key, () -> {
            long start = System.nanoTime();
            CsrGraph g = s.socialUndirected();
            ModularityParameters p = ModularityParameters.defaults().withResolution(resolution).withSeed(seed);
            CommunityResult result = switch (algorithm) {
                case LEIDEN -> {
                    CommunityRun previous = lastLeiden;
                    boolean[] touched = previous == null || resolution != RESOLUTION_DEFAULT || seed != SEED_DEFAULT
                            ? null : snapshots.touchedBetween(previous.version(), s);
                    yield touched == null ? Leiden.compute(g, p)
                            : Leiden.compute(g, p, previous.result().partition().community(), touched);
                }
                case LOUVAIN -> Louvain.compute(g, p);
                case LABEL_PROPAGATION -> LabelPropagation.compute(g, LabelPropagation.Parameters.defaults().withSeed(seed));
                case WCC -> {
                    Partition wcc = WeaklyConnectedComponents.compute(s.social()).partition();
                    yield new CommunityResult(wcc, Modularity.of(g, wcc.community(), resolution), 1, true);
                }
            };
            double[] influence = centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores();
            CommunityProfiler.Profiles profiles = CommunityProfiler.profile(s, result.partition(), influence,
                    CommunityProfiler.Parameters.of(privacyFloor.minimum(), settings.inactiveDays()));
            CommunityRun run = new CommunityRun(s.version(), algorithm, resolution, seed, result, profiles,
                    (System.nanoTime() - start) / 1e9);
            if (algorithm == CommunityAlgorithm.LEIDEN && resolution == RESOLUTION_DEFAULT && seed == SEED_DEFAULT) {
                lastLeiden = run;
            }
            return run;
        });
    }

    /** The partition that labels users everywhere else (Leiden with default parameters). */
    public CommunityRun defaultCommunities(GraphSnapshot s) {
        return communities(s, CommunityAlgorithm.LEIDEN, RESOLUTION_DEFAULT, SEED_DEFAULT);
    }

    public CentralityRun centrality(GraphSnapshot s, CentralityMeasure measure, int[] sources) {
        if (measure == CentralityMeasure.PERSONALIZED_PAGERANK && sources.length == 0) {
            throw new LearnerGraphException.InvalidInput("sources",
                    "personalized_pagerank needs sources: one or more user ids, comma separated");
        }
        int[] sorted = sources.clone();
        Arrays.sort(sorted);
        String key = s.version() + "|centrality|" + measure + "|" + Arrays.toString(sorted);
        return cached(key, () -> {
            long start = System.nanoTime();
            Scored scored = centralities.get(measure).compute(s, sorted, s.users().count() <= settings.exactMaxUsers());
            double[] scores = scored.result().scores();
            String method = scored.method();
            CentralityRun run = new CentralityRun(s.version(), measure, scores, method,
                    (System.nanoTime() - start) / 1e9);
            if (measure == CentralityMeasure.PAGERANK) {
                lastPageRank = run;
            }
            return run;
        });
    }

    /** A measure's scores and how they were computed ("exact", or the sampling and its bound). */
    private record Scored(NodeScores result, String method) {
        static Scored exact(NodeScores result) {
            return new Scored(result, "exact");
        }
    }

    /** How one measure is computed on a snapshot: sorted source users (personalised measures), exact or sampled. */
    @FunctionalInterface
    private interface Centrality {
        Scored compute(GraphSnapshot s, int[] sources, boolean exact);
    }

    /** Measure → algorithm: one entry each (checked when the service is made). */
    private final Map<CentralityMeasure, Centrality> centralities = new java.util.EnumMap<>(Map.of(
            CentralityMeasure.PAGERANK, this::pageRank,
            CentralityMeasure.PERSONALIZED_PAGERANK, (s, sources, exact) -> Scored.exact(PageRank.compute(s.social(),
                    PageRank.Parameters.defaults().withSources(sources))),
            CentralityMeasure.BETWEENNESS, this::betweenness,
            CentralityMeasure.EIGENVECTOR, (s, sources, exact) -> Scored.exact(Eigenvector.compute(
                    s.socialUndirected(), Eigenvector.Parameters.defaults())),
            CentralityMeasure.HARMONIC, this::harmonic,
            CentralityMeasure.DEGREE, (s, sources, exact) -> {
                double[] in = Arrays.stream(degrees(s).in()).asDoubleStream().toArray();
                return Scored.exact(() -> in);
            },
            CentralityMeasure.CORENESS, (s, sources, exact) -> Scored.exact(Coreness.compute(s.socialUndirected()))));

    /** PageRank, warm from the previous snapshot's ranks when only merges came between (same ids). */
    private Scored pageRank(GraphSnapshot s, int[] sources, boolean exact) {
        CentralityRun previous = lastPageRank;
        PageRank.Parameters p = PageRank.Parameters.defaults();
        if (previous != null && snapshots.touchedBetween(previous.version(), s) != null) {
            p = p.withInitial(previous.scores());
        }
        return Scored.exact(PageRank.compute(s.social(), p));
    }

    private Scored betweenness(GraphSnapshot s, int[] sources, boolean exact) {
        CsrGraph g = s.socialUndirected().unweighted();
        if (exact) {
            return Scored.exact(Betweenness.exact(g));
        }
        Betweenness.Result r = Betweenness.sampled(g, settings.betweennessEpsilon(), settings.betweennessDelta(),
                SEED_DEFAULT);
        return new Scored(r, String.format(java.util.Locale.ROOT,
                "sampled: %d shortest paths, error <= %.4f with probability %.2f (Riondato-Kornaropoulos)",
                r.samples(), r.epsilon(), 1 - r.delta()));
    }

    private Scored harmonic(GraphSnapshot s, int[] sources, boolean exact) {
        Harmonic.Result r = exact ? Harmonic.exact(s.socialUndirected())
                : Harmonic.sampled(s.socialUndirected(), settings.harmonicSamples(), SEED_DEFAULT);
        return new Scored(r, r.exact() ? "exact" : "sampled: " + r.sources() + " BFS sources (Eppstein-Wang)");
    }

    /**
     * Users ordered by a measure, highest first (ties by dense id), cached per snapshot: a
     * leaderboard request then reads the head of an array instead of sorting every user.
     */
    public int[] ranking(GraphSnapshot s, CentralityMeasure measure, int[] sources) {
        CentralityRun run = centrality(s, measure, sources);
        int[] sorted = sources.clone();
        Arrays.sort(sorted);
        String key = run.version() + "|ranking|" + measure + "|" + Arrays.toString(sorted);
        return cached(key, () -> {
            double[] score = run.scores();
            return java.util.stream.IntStream.range(0, score.length).boxed()
                    .sorted((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b))
                    .mapToInt(Integer::intValue).toArray();
        });
    }

    /** Users' TF-IDF topic profiles and their k-means interest groups, cached per snapshot. */
    public InterestProfiles.Result interests(GraphSnapshot s) {
        return cached(s.version() + "|interests", () -> InterestProfiles.compute(s, new InterestProfiles.Parameters(
                settings.interestGroups(), settings.interestSample(), 100, SEED_DEFAULT)));
    }

    /** In and out degrees on the directed social graph: distinct users and total tie weight. */
    public Degrees degrees(GraphSnapshot s) {
        return cached(s.version() + "|degrees", () -> {
            CsrGraph g = s.social();
            int n = g.nodeCount();
            int[] in = new int[n];
            int[] out = new int[n];
            double[] win = new double[n];
            double[] wout = new double[n];
            for (int v = 0; v < n; v++) {
                out[v] = g.degree(v);
                for (int a = g.start(v); a < g.end(v); a++) {
                    in[g.target(a)]++;
                    win[g.target(a)] += g.weight(a);
                    wout[v] += g.weight(a);
                }
            }
            return new Degrees(in, out, win, wout);
        });
    }

    /** User ids to dense ids; unknown ids are a 400 naming the parameter. */
    public int[] userIndexes(GraphSnapshot s, java.util.List<String> ids, String parameter) {
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            String id = ids.get(i);
            out[i] = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound(parameter,
                    "unknown user id '" + id + "' in " + parameter));
        }
        return out;
    }

    private <T> T cached(String key, Supplier<T> compute) {
        return cache.get(key, compute);
    }

    /** The future's value; a failure rethrown as the RuntimeException that caused it. */
    static <T> T join(CompletableFuture<T> f) {
        return SnapshotCache.join(f);
    }
}
