package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.DeltaLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.recommend.LearningPaths;
import io.learnergraph.analysis.recommend.RecommendationParameters;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;
import io.learnergraph.analysis.recommend.RecommendationParameters.Strategy;
import io.learnergraph.analysis.recommend.Recommendations;
import io.learnergraph.analysis.recommend.Recommender;
import io.learnergraph.analysis.recommend.RecommenderIndex;
import io.learnergraph.analysis.recommend.SimilarCourses;
import io.learnergraph.analysis.recommend.UpgradeAdvisor;
import io.learnergraph.analysis.recommend.UserDelta;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.config.RecommendationSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves recommendations from a {@link RecommenderIndex} over the current snapshot, its default
 * communities and PageRank. The index is rebuilt in the background when a new snapshot arrives;
 * until it is ready, requests are served from the previous one (each answer names its snapshot
 * version), so a refresh never stalls the recommender services that call us.
 */
@Singleton
public class RecommendationService {

    private static final Logger LOG = LoggerFactory.getLogger(RecommendationService.class);

    /** One request's options; null fields take the configured defaults. */
    public record Options(Integer limit, String strategy, Boolean includeGated, Boolean explain, String weights,
                          Double diversity, Double beta) {
        public static Options defaults() {
            return new Options(null, null, null, null, null, null, null);
        }
    }

    /**
     * An answer with the snapshot its dense ids refer to (its version is the answer's version)
     * and the change-feed position it reflects (the user's own events up to there are in it).
     */
    public record Answer(GraphSnapshot snapshot, RecommendationParameters parameters, Recommendations recommendations,
                         Long feedPosition) {
    }

    private final AnalyticsService analytics;
    private final SnapshotService snapshots;
    private final RecommendationSettings settings;
    private final BlendFitService blend;
    private final List<String> tiers;
    private final AtomicReference<RecommenderIndex> ready = new AtomicReference<>();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recommender-index");
        t.setDaemon(true);
        return t;
    });
    private volatile long minimumVersion;
    private CompletableFuture<RecommenderIndex> building;
    private long buildingVersion = -1;

    public RecommendationService(AnalyticsService analytics, SnapshotService snapshots,
                                 RecommendationSettings settings, LearnerGraphSettings app, BlendFitService blend) {
        this.analytics = analytics;
        this.snapshots = snapshots;
        this.settings = settings;
        this.blend = blend;
        this.tiers = app.tiers();
        defaults(); // fail at startup, not on the first request, if the configuration is invalid
        snapshots.onNewSnapshot(this::buildFor);
        // on every instance, not only the one that took the DELETE: the old index names the user
        snapshots.onErasure(this::requireVersion);
    }

    public RecommendationSettings settings() {
        return settings;
    }

    /** The index for the current snapshot, or the previous one while the current one is built. */
    public RecommenderIndex index() {
        GraphSnapshot s = analytics.snapshot();
        RecommenderIndex r = ready.get();
        if (r != null && r.snapshot().version() >= s.version()) {
            return r;
        }
        CompletableFuture<RecommenderIndex> f = buildFor(s);
        return r != null && r.snapshot().version() >= minimumVersion ? r : AnalyticsService.join(f);
    }

    /**
     * No answer may come from an index older than this snapshot version any more (after an
     * erasure, the previous index still holds the erased user): requests wait for the new one.
     */
    public void requireVersion(long version) {
        minimumVersion = Math.max(minimumVersion, version);
        ready.updateAndGet(r -> r != null && r.snapshot().version() < version ? null : r);
    }

    private synchronized CompletableFuture<RecommenderIndex> buildFor(GraphSnapshot s) {
        if (building != null && buildingVersion >= s.version()) {
            return building;
        }
        buildingVersion = s.version();
        building = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            GraphSnapshot current = analytics.snapshot(); // the newest, pinned for the whole build
            AnalyticsService.CommunityRun communities = analytics.defaultCommunities(current);
            AnalyticsService.CentralityRun pagerank = analytics.centrality(current, CentralityMeasure.PAGERANK,
                    new int[0]);
            RecommenderIndex index = RecommenderIndex.build(current, settings.alpha(), tiers,
                    communities.result().partition().community(), pagerank.scores(), settings.itemNeighbours());
            ready.accumulateAndGet(index, (old, fresh) -> fresh.snapshot().version() < minimumVersion ? old
                    : old == null || fresh.snapshot().version() > old.snapshot().version() ? fresh : old);
            LOG.info("recommender index for snapshot v{} built in {} ms", current.version(),
                    (System.nanoTime() - t0) / 1_000_000);
            return index;
        }, builder);
        CompletableFuture<RecommenderIndex> mine = building;
        mine.whenComplete((i, e) -> {
            if (e != null) {
                LOG.warn("recommender index for v{} failed: {}", s.version(), e.getMessage());
                synchronized (this) {
                    if (building == mine) {
                        building = null; // the next request retries
                    }
                }
            }
        });
        return mine;
    }

    public Answer recommend(String userId, Options o) {
        return recommend(userId, parameters(o));
    }

    /** Recommendations under parameters built by the caller (a blend of its own: win-back). */
    public Answer recommend(String userId, RecommendationParameters p) {
        LiveView live = snapshots.live();
        RecommenderIndex index = index();
        GraphSnapshot s = index.snapshot();
        int u = user(s, userId);
        UserDelta d = userDelta(index, live, u);
        // without the overlay the answer is as of the index's snapshot: no position to claim
        return new Answer(s, p, new Recommender(index).recommend(u, p, d == null ? UserDelta.NONE : d),
                d == null ? null : live.feedPosition());
    }

    /**
     * What the user did since the index's snapshot, by the live graph: their enrolments and
     * completions leave their recommendations, their new ties count as social proof, at once.
     * Null when the index's ids no longer match the live graph (a reload or an erasure is being
     * indexed): the answer is then as of the index's snapshot.
     */
    private UserDelta userDelta(RecommenderIndex index, LiveView live, int u) {
        java.util.List<DeltaLog.View> deltas = snapshots.deltasSince(index.snapshot().version(), live);
        return deltas == null ? null
                : UserDelta.of(deltas, u, snapshots.weights(), index.snapshot().referenceMinute());
    }

    /** One list per known user; unknown ids are reported, not fatal, so one bad id costs one entry. */
    public record Batch(GraphSnapshot snapshot, RecommendationParameters parameters, List<Recommendations> results,
                        List<String> unknownUserIds) {
    }

    public Batch batch(List<String> userIds, Options o) {
        if (userIds == null || userIds.isEmpty()) {
            throw new LearnerGraphException.InvalidInput("userIds", "userIds must list at least one user id");
        }
        if (userIds.size() > settings.batchMaxUsers()) {
            throw new LearnerGraphException.InvalidInput("userIds", "at most " + settings.batchMaxUsers()
                    + " user ids per batch, were " + userIds.size());
        }
        RecommenderIndex index = index();
        GraphSnapshot s = index.snapshot();
        RecommendationParameters p = parameters(o);
        Recommender r = new Recommender(index);
        List<String> unknown = userIds.stream().filter(id -> id == null || s.users().indexOf(id).isEmpty()).toList();
        List<Recommendations> results = userIds.parallelStream().filter(id -> id != null)
                .map(id -> s.users().indexOf(id))
                .filter(java.util.OptionalInt::isPresent)
                .map(i -> r.recommend(i.getAsInt(), p)).toList();
        return new Batch(s, p, results, unknown);
    }

    /** The user's tier and whether a higher one would unlock what the recommender finds for them. */
    public RecommendationViews.Upgrade upgrade(String userId) {
        RecommenderIndex index = index();
        GraphSnapshot s = index.snapshot();
        int u = user(s, userId);
        RecommendationParameters p = defaults().withLimit(settings.upgradeCandidates()).withExplain(false);
        UpgradeAdvisor.Advice a = UpgradeAdvisor.advise(new Recommender(index), u, p, settings.upgradeThreshold());
        return new RecommendationViews.Upgrade(userId, a.currentTier(), a.suggestedTier(), a.share(), a.shareByTier(),
                a.evidence().stream().map(r -> RecommendationViews.course(s, r.course(), r.score())).toList(),
                a.reason(), s.version());
    }

    /** The topics between the user and a goal topic, in prerequisite order, with a course for each. */
    public RecommendationViews.LearningPathView learningPath(String userId, String topicId) {
        LiveView live = snapshots.live();
        RecommenderIndex index = index();
        GraphSnapshot s = index.snapshot();
        int u = user(s, userId);
        if (topicId == null || topicId.isBlank()) {
            throw new LearnerGraphException.InvalidInput("topic", "topic is required: the id of the goal topic");
        }
        int t = s.topics().indexOf(topicId).orElseThrow(() -> new LearnerGraphException.NotFound(
                "no topic '" + topicId + "'"));
        LearningPaths.LearningPath path;
        try {
            UserDelta d = userDelta(index, live, u);
            path = LearningPaths.compute(index, u, t, d == null ? UserDelta.NONE : d);
        } catch (io.learnergraph.analysis.knowledge.PrerequisiteCycle e) {
            throw new LearnerGraphException.Conflict("the prerequisites of topic '" + topicId + "' contain a cycle: "
                    + String.join(" -> ", e.topics()) + "; fix topic_prerequisites and re-import");
        }
        return RecommendationViews.learningPath(s, userId, path);
    }

    /** Courses learnt together with this one and covering the same topics. */
    public RecommendationViews.SimilarCoursesView similar(String courseId, int limit) {
        RecommenderIndex index = index();
        GraphSnapshot s = index.snapshot();
        int c = course(s, courseId);
        return RecommendationViews.similar(s, c, SimilarCourses.similar(index, c, limit));
    }

    /** The answer of {@code GET /api/users/{id}/recommendations}. */
    public RecommendationViews.UserRecommendations forUser(String userId, Options o) {
        Answer a = recommend(userId, o);
        return RecommendationViews.view(a.snapshot(), a.parameters().strategy().key(), a.recommendations(),
                a.feedPosition());
    }

    /** The answer of {@code POST /api/recommendations/batch}. */
    public RecommendationViews.BatchResponse batchView(List<String> userIds, Options o) {
        Batch b = batch(userIds, o);
        String strategy = b.parameters().strategy().key();
        return new RecommendationViews.BatchResponse(b.snapshot().version(), b.results().stream()
                .map(r -> RecommendationViews.view(b.snapshot(), strategy, r, null)).toList(), b.unknownUserIds());
    }

    public int course(GraphSnapshot s, String courseId) {
        return s.courses().indexOf(courseId).orElseThrow(() -> new LearnerGraphException.NotFound(
                "no course '" + courseId + "'"));
    }

    private static int user(GraphSnapshot s, String userId) {
        return s.users().indexOf(userId).orElseThrow(() -> new LearnerGraphException.NotFound(
                "no user '" + userId + "'"));
    }

    /**
     * The defaults requests start from: the configured ones, with the blend learnt from the
     * platform's history when one is in use ({@link BlendFitService}).
     */
    public RecommendationParameters defaults() {
        return configuredDefaults(settings).withWeights(blend.weights()).withRanker(blend.ranker());
    }

    /** The configured blend weights ({@code learnergraph.recommendations.weights}). */
    public static SourceWeights configuredWeights(RecommendationSettings settings) {
        try {
            return SourceWeights.of(settings.weights());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learnergraph.recommendations.weights: " + e.getMessage(), e);
        }
    }

    /** The configured defaults as parameters, the configured weights included. */
    public static RecommendationParameters configuredDefaults(RecommendationSettings settings) {
        try {
            return new RecommendationParameters(settings.defaultLimit(), Strategy.BLEND, false, true,
                    configuredWeights(settings), settings.beta(), settings.diversity(), settings.halfLifeDays(),
                    settings.windowDays(), settings.exactWorkBudget(), settings.walks(), settings.seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learnergraph.recommendations: " + e.getMessage(), e);
        }
    }

    /** Request options over the defaults; every invalid value is a 400 naming its parameter. */
    public RecommendationParameters parameters(Options o) {
        RecommendationParameters p = defaults();
        if (o.limit() != null) {
            if (o.limit() < 1 || o.limit() > RecommendationParameters.MAX_LIMIT) {
                throw new LearnerGraphException.InvalidInput("limit", "limit must be between 1 and "
                        + RecommendationParameters.MAX_LIMIT + ", was " + o.limit());
            }
            p = p.withLimit(o.limit());
        }
        if (o.strategy() != null) {
            p = p.withStrategy(strategy(o.strategy()));
        }
        if (o.includeGated() != null) {
            p = p.withIncludeGated(o.includeGated());
        }
        if (o.explain() != null) {
            p = p.withExplain(o.explain());
        }
        if (o.weights() != null) {
            p = p.withWeights(weights(o.weights(), p.weights()));
        }
        if (o.diversity() != null) {
            if (!(o.diversity() >= 0 && o.diversity() <= 1)) {
                throw new LearnerGraphException.InvalidInput("diversity", "diversity must be in 0..1, was " + o.diversity());
            }
            p = p.withDiversity(o.diversity());
        }
        if (o.beta() != null) {
            if (!(o.beta() >= 0 && o.beta() <= 2)) {
                throw new LearnerGraphException.InvalidInput("beta", "beta must be in 0..2, was " + o.beta());
            }
            p = p.withBeta(o.beta());
        }
        return p;
    }

    static Strategy strategy(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Strategy.values()).filter(s -> s.name().equals(v)).findFirst()
                .orElseThrow(() -> new LearnerGraphException.InvalidInput("strategy", "unknown strategy '" + value
                        + "'; allowed: " + String.join(", ", Arrays.stream(Strategy.values()).map(Strategy::key).toList())));
    }

    /** {@code knowledge:0.5,social:0.1}: the named weights replace the defaults, the others stay. */
    static SourceWeights weights(String value, SourceWeights base) {
        Map<String, Double> w = new HashMap<>(Map.of("knowledge", base.knowledge(), "collaborative",
                base.collaborative(), "social", base.social(), "popular", base.popular()));
        for (String part : value.split(",")) {
            String[] kv = part.split(":", 2);
            String key = kv[0].strip().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !SourceWeights.NAMES.contains(key)) {
                throw new LearnerGraphException.InvalidInput("weights", "weights must look like knowledge:0.5,social:0.2"
                        + " with sources " + String.join(", ", SourceWeights.NAMES) + "; got '" + part.strip() + "'");
            }
            double x;
            try {
                x = Double.parseDouble(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new LearnerGraphException.InvalidInput("weights", "weight of " + key + " is not a number: '"
                        + kv[1].strip() + "'");
            }
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new LearnerGraphException.InvalidInput("weights", "weight of " + key + " must be >= 0, was " + x);
            }
            w.put(key, x);
        }
        if (w.values().stream().allMatch(x -> x == 0)) {
            throw new LearnerGraphException.InvalidInput("weights", "at least one source weight must be > 0");
        }
        return SourceWeights.of(w);
    }

    @PreDestroy
    void stop() {
        builder.shutdownNow();
    }
}
