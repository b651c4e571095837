package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.analysis.recommend.BlendFit;
import io.learnergraph.analysis.recommend.LearnedRanker;
import io.learnergraph.analysis.recommend.RecommendationParameters;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;
import io.learnergraph.analysis.recommend.RecommenderIndex;
import io.learnergraph.config.BlendFitSettings;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.config.RecommendationSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The blend weights learnt from the platform's own history ({@link BlendFit}): fitted in the
 * background at start and on a new snapshot at most every {@code refit-every-minutes}, or on
 * demand; the configured weights serve until a fit is chosen, and whenever it is not (too little
 * history, or not better than the configured blend on held-out users). The fit is seeded: replicas
 * that fit the same snapshot get the same weights without sharing anything (each fits the
 * snapshot it has when its fit starts). A failed fit keeps the weights in use.
 */
@io.micronaut.context.annotation.Context // at start, so that the first snapshot is fitted however it is reached
public class BlendFitService {

    private static final Logger LOG = LoggerFactory.getLogger(BlendFitService.class);

    /** Where the weights in use come from. */
    public enum Status {
        CONFIGURED, FITTING, FITTED, NOT_BETTER, NOT_ENOUGH_HISTORY, NOT_ENOUGH_MEMORY, DISABLED, FAILED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @Serdeable
    public record SourceScore(double recall, double ndcg) {
    }

    /**
     * The answer of {@code GET /api/recommendations/model}.
     *
     * @param status   where {@code weights} come from: fitted, configured (nothing fitted yet),
     *                 fitting, not-better, not-enough-history, not-enough-memory, disabled, failed
     * @param ranking  how blended requests rank candidates: {@code learned} (the learned ranking
     *                 over candidate features) or {@code weights} (the weighted sum)
     * @param weights  the blend weights requests use (a request's {@code weights=} overrides, and
     *                 then the weighted sum ranks)
     * @param fitted   the last fit's weights, whether used or not
     * @param ranker   the last fit's learned ranking, whether used or not: its weight per feature
     *                 (log-odds per standard deviation)
     * @param validation Recall@K / NDCG@K on the held-out half of the sampled users: the learned
     *                 ranking, the fitted weights, the configured ones, and each source alone
     */
    @Serdeable
    public record ModelView(String status, String ranking, Map<String, Double> weights,
                            Map<String, Double> configured,
                            @Nullable Map<String, Double> fitted, @Nullable Map<String, Double> ranker,
                            @Nullable Map<String, SourceScore> validation,
                            int k, int holdoutDays, @Nullable String cutoff, @Nullable String until, int truthUsers,
                            int fitUsers, int validationUsers, @Nullable Long snapshotVersion,
                            @Nullable String fittedAt, @Nullable Double seconds, @Nullable String note) {
    }

    private record Model(Status status, SourceWeights weights, LearnedRanker ranker, BlendFit.Fitted fitted,
                         long version, Instant at, double seconds, String note) {
    }

    private final RecommendationSettings recommendations;
    private final BlendFitSettings settings;
    private final SnapshotService snapshots;
    private final List<String> tiers;
    /** One fit at a time: a background fit skips when one runs, a fit on demand waits for it. */
    private final ReentrantLock fitting = new ReentrantLock();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blend-fit");
        t.setDaemon(true);
        return t;
    });
    private volatile Model model;

    public BlendFitService(RecommendationSettings recommendations, BlendFitSettings settings,
                           SnapshotService snapshots, LearnerGraphSettings app) {
        this.recommendations = recommendations;
        this.settings = settings;
        this.snapshots = snapshots;
        this.tiers = app.tiers();
        SourceWeights configured = RecommendationService.configuredWeights(recommendations);
        this.model = new Model(settings.enabled() ? Status.CONFIGURED : Status.DISABLED, configured, null, null, -1,
                null, 0, null);
        if (settings.enabled() && settings.inBackground()) {
            snapshots.onNewSnapshot(s -> {
                Model m = model;
                // a platform that had too little history (an empty database before its import) is
                // refitted on its next snapshot; a fitted one at most every refit-every-minutes
                boolean settled = m.status() == Status.FITTED || m.status() == Status.NOT_BETTER;
                boolean due = m.at() == null || !settled || (settings.refitEveryMinutes() > 0 && Instant.now()
                        .isAfter(m.at().plusSeconds(60L * settings.refitEveryMinutes())));
                if (due && m.version() < s.version()) {
                    fitInBackground();
                }
            });
        }
    }

    /** The weights requests use. */
    public SourceWeights weights() {
        return model.weights();
    }

    /** The learned ranking blended requests use, or null for the weighted sum. */
    public LearnedRanker ranker() {
        return model.ranker();
    }

    /** The last fit's learned ranking, whether in use or not (null before a fit). */
    public LearnedRanker fittedRanker() {
        BlendFit.Fitted f = model.fitted();
        return f == null || f.result() == null ? null : f.result().ranker();
    }

    /** Starts a fit on the current snapshot in the background (skipped if one is running then). */
    public void fitInBackground() {
        worker.submit(() -> {
            if (!fitting.tryLock()) {
                return;
            }
            try {
                GraphSnapshot s = snapshots.current();
                if (model.version() < s.version()) { // snapshots that arrived during a fit queue one fit, not one each
                    fit(s);
                }
            } catch (RuntimeException e) {
                failed(e);
            } finally {
                fitting.unlock();
            }
        });
    }

    /**
     * Fits now on the current snapshot (after any fit running) and answers the model; a snapshot
     * already fitted is not fitted again (the fit is seeded: it would give the same answer).
     */
    public ModelView fitNow() {
        if (!settings.enabled()) {
            throw new LearnerGraphException.Conflict("fitting the blend is off (learnergraph.recommendations.fit"
                    + ".enabled: false): requests use the configured weights");
        }
        fitting.lock(); // after a fit already running, on the snapshot current then
        try {
            GraphSnapshot s = snapshots.current();
            Model m = model;
            boolean done = m.status() == Status.FITTED || m.status() == Status.NOT_BETTER
                    || m.status() == Status.NOT_ENOUGH_HISTORY;
            if (!done || m.version() < s.version()) {
                fit(s);
            }
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        } finally {
            fitting.unlock();
        }
        return view();
    }

    private void failed(RuntimeException e) {
        LOG.warn("fitting the blend failed: {}", e.getMessage());
        Model m = model;
        model = new Model(Status.FAILED, m.weights(), m.ranker(), m.fitted(), m.version(), Instant.now(), 0,
                e.getMessage());
    }

    private void fit(GraphSnapshot s) {
        long t0 = System.nanoTime();
        Model before = model;
        // the history is a second snapshot beside the live one, with its own recommender index
        Runtime rt = Runtime.getRuntime();
        long need = 2 * (s.graphBytes() + s.activity().bytes());
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            model = new Model(Status.NOT_ENOUGH_MEMORY, before.weights(), before.ranker(), before.fitted(), s.version(),
                    Instant.now(), 0, String.format(java.util.Locale.ROOT,
                    "the history needs about %,d MB beside the live graph, %,d MB of heap are free: start with a "
                            + "larger -Xmx to fit the blend", need >> 20, free >> 20));
            LOG.warn("blend not fitted on snapshot v{}: {}", s.version(), model.note());
            return;
        }
        model = new Model(Status.FITTING, before.weights(), before.ranker(), before.fitted(), before.version(),
                before.at(), before.seconds(), null);
        RecommendationParameters base = RecommendationService.configuredDefaults(recommendations).withIncludeGated(false);
        BlendFit.Parameters p = new BlendFit.Parameters(BlendFit.Parameters.DEFAULT_K, BlendFit.Parameters.DEFAULT_STEPS,
                settings.candidatesPerSource());
        BlendFit.Fitted f = BlendFit.onHistory(s, settings.holdoutDays(), snapshots.weights(), this::historyIndex,
                base, p, settings.users(), recommendations.seed());
        double seconds = (System.nanoTime() - t0) / 1e9;
        SourceWeights configured = base.weights();
        Model next;
        if (f.result() == null || f.truthUsers() < settings.minUsers()) {
            next = new Model(Status.NOT_ENOUGH_HISTORY, configured, null, f, s.version(), Instant.now(), seconds,
                    f.truthUsers() + " users took a course in the last " + settings.holdoutDays() + " days, fewer than "
                            + "min-users " + settings.minUsers());
        } else if (!f.result().chosen() && !f.result().rankerChosen()) {
            next = new Model(Status.NOT_BETTER, configured, null, f, s.version(), Instant.now(), seconds,
                    "neither the fitted weights nor the learned ranking beat the configured blend on the held-out users");
        } else {
            BlendFit.Result r = f.result();
            next = new Model(Status.FITTED, r.chosen() ? r.weights() : configured,
                    r.rankerChosen() ? r.ranker() : null, f, s.version(), Instant.now(), seconds, null);
        }
        model = next;
        LOG.info("blend fitted on snapshot v{} in {} s: {} ({} users took a course in the last {} days){}", s.version(),
                String.format("%.1f", seconds), next.status().key(), f.truthUsers(), settings.holdoutDays(),
                f.result() == null ? "" : String.format(java.util.Locale.ROOT, "; held-out Recall@%d fitted %.4f, "
                        + "learned ranking %.4f, configured %.4f", p.k(), f.result().fitted().recall(),
                f.result().ranked().recall(), f.result().fixed().recall()));
    }

    /** The recommender on the history, built as the live one is: Leiden communities, PageRank influence. */
    private RecommenderIndex historyIndex(GraphSnapshot history) {
        int[] community = Leiden.compute(history.socialUndirected(), ModularityParameters.defaults()).partition()
                .community();
        double[] pagerank = PageRank.compute(history.social(), PageRank.Parameters.defaults()).scores();
        return RecommenderIndex.build(history, recommendations.alpha(), tiers, community, pagerank,
                recommendations.itemNeighbours());
    }

    public ModelView view() {
        Model m = model;
        BlendFit.Fitted f = m.fitted();
        BlendFit.Result r = f == null ? null : f.result();
        Map<String, SourceScore> validation = r == null ? null : new LinkedHashMap<>();
        if (r != null) {
            if (r.ranker() != null) {
                validation.put("learned", new SourceScore(r.ranked().recall(), r.ranked().ndcg()));
            }
            validation.put("fitted", new SourceScore(r.fitted().recall(), r.fitted().ndcg()));
            validation.put("configured", new SourceScore(r.fixed().recall(), r.fixed().ndcg()));
            r.bySource().forEach((k, v) -> validation.put(k, new SourceScore(v.recall(), v.ndcg())));
        }
        boolean dated = f != null && f.end() != io.learnergraph.analysis.graph.ActivityLog.NO_MINUTE;
        return new ModelView(m.status().key(), m.ranker() != null ? "learned" : "weights", map(m.weights()),
                map(RecommendationService.configuredWeights(recommendations)), r == null ? null : map(r.weights()),
                r == null || r.ranker() == null ? null : r.ranker().weightsByName(), validation, BlendFit.Parameters.DEFAULT_K, settings.holdoutDays(), dated ? Time.iso(f.cutoff()) : null,
                dated ? Time.iso(f.end()) : null, f == null ? 0 : f.truthUsers(), r == null ? 0 : r.fitUsers(),
                r == null ? 0 : r.validationUsers(), m.version() < 0 ? null : m.version(),
                m.at() == null ? null : m.at().toString(), m.at() == null ? null : m.seconds(), m.note());
    }

    private static Map<String, Double> map(SourceWeights w) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("knowledge", w.knowledge());
        out.put("collaborative", w.collaborative());
        out.put("social", w.social());
        out.put("popular", w.popular());
        return out;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
