package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.churn.ChurnDefinition;
import io.learnergraph.analysis.churn.ChurnFeature;
import io.learnergraph.analysis.churn.ChurnFeatures;
import io.learnergraph.analysis.churn.ChurnModel;
import io.learnergraph.analysis.churn.ChurnTrainer;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.config.ChurnSettings;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.ingest.RowValidator;
import io.learnergraph.store.ChurnStore;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

/**
 * Trains the churn model on the current snapshot, keeps the latest one (in memory and as a
 * :ChurnModel node, so restarts and replicas share it), scores every active user at the latest
 * event of the snapshot, and writes {@code churnRisk} back onto :User. Scores are cached per
 * snapshot and model; a new snapshot is re-scored (and written back) in the background.
 */
@Singleton
public class ChurnService {

    private static final Logger LOG = LoggerFactory.getLogger(ChurnService.class);

    @Serdeable
    public record Coefficient(String feature, String label, boolean graph, double weight, double mean, double sd) {
    }

    @Serdeable
    public record Bin(double meanPredicted, double observed, int count) {
    }

    /**
     * The model as served: quality out of fold, then everything needed to score with it
     * (standardisation and weights per feature). Stored apart, as {@link StoredChurnModel}.
     */
    @Serdeable
    public record ModelView(double auc, double aucWithoutGraphFeatures, double graphLift, int folds, int samples,
                            int population, int positives, double brier, List<Bin> calibration,
                            List<Coefficient> coefficients, double intercept, double lambda, int iterations,
                            String trainedAt, String asOf, String cutoff, int horizonDays, int activeDays,
                            long snapshotVersion) {
    }

    /** A validated training request. */
    public record TrainRequest(int asOfMinute, ChurnDefinition definition) {
    }

    /** Every active user scored at {@code scoredAt} by one model on one snapshot; {@code order} by risk, highest first. */
    /** Risks of the active users of {@code snapshot}: its dense ids are the ones the rows name. */
    public record Scores(GraphSnapshot snapshot, Instant modelTrainedAt, int scoredAt, ChurnModel model,
                         ChurnFeatures.Matrix matrix, double[] risk, int[] order) {
        public long snapshotVersion() {
            return snapshot.version();
        }

        public String scoredAtText() {
            return ChurnFeatures.describe(scoredAt);
        }
    }

    private record Current(ChurnModel model, ModelView view) {
    }

    private final AnalyticsService analytics;
    private final ChurnSettings settings;
    private final List<String> tiers;
    private final ChurnStore store;
    private final ObjectMapper json;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "churn-rescore");
        t.setDaemon(true);
        return t;
    });
    private volatile Current current;
    private volatile boolean storeChecked;
    private volatile Scores scores;

    public ChurnService(AnalyticsService analytics, ChurnSettings settings, LearnerGraphSettings app, ChurnStore store,
                        ObjectMapper json, SnapshotService snapshots) {
        this.analytics = analytics;
        this.settings = settings;
        this.tiers = app.tiers();
        this.store = store;
        this.json = json;
        if (settings.writeBack()) {
            snapshots.onNewSnapshot(s -> background.submit(() -> {
                try {
                    if (current != null && analytics.snapshot().version() == s.version()) {
                        writeBack(scores(s)); // only the newest snapshot is scored: no backlog
                    }
                } catch (RuntimeException e) {
                    LOG.warn("churn re-score of snapshot v{} failed: {}", s.version(), e.getMessage());
                }
            }));
        }
    }

    /** The trainer's parameters from {@code learnergraph.churn.*}. */
    public static ChurnTrainer.Parameters trainerParameters(ChurnSettings settings) {
        return new ChurnTrainer.Parameters(settings.lambdaGrid(), settings.folds(), settings.seed(),
                settings.maxCvSamples());
    }

    /** Configured tiers, lowest first. */
    public List<String> tiers() {
        return tiers;
    }

    public ChurnSettings settings() {
        return settings;
    }

    /** Checks asOf and the horizon against the data: 400 naming the parameter when they do not fit. */
    public TrainRequest request(String asOf, Integer horizonDays) {
        int horizon = horizonDays == null ? settings.horizonDays() : horizonDays;
        if (horizon < 1 || horizon > 365) {
            throw new LearnerGraphException.InvalidInput("horizonDays", "horizonDays must be in 1..365, was " + horizon);
        }
        ChurnDefinition def = new ChurnDefinition(settings.activeDays(), horizon);
        ActivityLog log = analytics.snapshot().activity();
        if (log.lastMinute() == ActivityLog.NO_MINUTE) {
            throw new LearnerGraphException.Conflict("the graph has no dated learning or social events to train on");
        }
        int at;
        if (asOf == null || asOf.isBlank()) {
            at = log.lastMinute();
        } else {
            long seconds = RowValidator.parseTime(asOf.strip()).map(t -> t.toEpochSecond()).orElseThrow(() ->
                    new LearnerGraphException.InvalidInput("asOf", "asOf: unparsable time '" + asOf
                            + "' (expected ISO-8601, e.g. 2026-10-01 or 2026-10-01T00:00:00Z)"));
            if (seconds / 60 > log.lastMinute()) {
                throw new LearnerGraphException.InvalidInput("asOf", "asOf " + asOf + " is after the latest event ("
                        + ChurnFeatures.describe(log.lastMinute()) + "): the days without data would count as churn");
            }
            at = (int) (seconds / 60);
        }
        if (at - def.horizonMinutes() <= log.firstMinute()) {
            throw new LearnerGraphException.InvalidInput("asOf", "asOf " + ChurnFeatures.describe(at) + " minus "
                    + horizon + " days is not after the first event (" + ChurnFeatures.describe(log.firstMinute())
                    + "): there is no history to learn from; choose a later asOf or a shorter horizon");
        }
        return new TrainRequest(at, def);
    }

    /** Whether training this snapshot should run as a job rather than inside the request. */
    public boolean isLarge() {
        return analytics.snapshot().users().count() > settings.syncMaxUsers();
    }

    /** Trains, stores, scores and writes back. */
    public ModelView train(TrainRequest r, DoubleConsumer progress) {
        GraphSnapshot s = analytics.snapshot();
        ChurnTrainer.Parameters p = trainerParameters(settings);
        ChurnTrainer.Trained t;
        try {
            t = ChurnTrainer.train(s, r.asOfMinute(), r.definition(), tiers, p, Instant.now(),
                    f -> progress.accept(f * 0.7));
        } catch (ChurnTrainer.NotEnoughData e) {
            throw new LearnerGraphException.InvalidInput("asOf", e.getMessage());
        }
        ModelView view = view(t.model(), s.version());
        current = new Current(t.model(), view);
        storeChecked = true;
        try {
            store.saveModel(json.writeValueAsString(StoredChurnModel.of(t.model(), s.version())), t.model().trainedAt(),
                    Instant.ofEpochSecond(r.asOfMinute() * 60L), t.model().metrics().auc());
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the churn model: " + e.getMessage(), e);
        }
        LOG.info("Churn model at {} (horizon {} days): AUC {} ({} without graph features), {} of {} active users churned",
                view.asOf(), r.definition().horizonDays(), String.format("%.3f", view.auc()),
                String.format("%.3f", view.aucWithoutGraphFeatures()), view.positives(), view.population());
        progress.accept(0.8);
        Scores sc = scores(s);
        progress.accept(0.9);
        if (settings.writeBack()) {
            writeBack(sc);
        }
        return view;
    }

    /** The latest model; 409 when none was ever trained. */
    public ModelView model() {
        return currentModel().view();
    }

    /** Scores of snapshot {@code s} under the latest model (computed once per snapshot and model). */
    public Scores scores(GraphSnapshot s) {
        Current c = currentModel();
        Scores cached = scores;
        if (cached != null && cached.snapshotVersion() == s.version() && cached.model() == c.model()) {
            return cached;
        }
        synchronized (this) {
            cached = scores;
            if (cached != null && cached.snapshotVersion() == s.version() && cached.model() == c.model()) {
                return cached;
            }
            int at = s.activity().lastMinute();
            ChurnFeatures.Matrix m = ChurnFeatures.extract(s, at, c.model().definition(), tiers);
            double[] risk = new double[m.rows()];
            IntStream.range(0, m.rows()).parallel().forEach(i -> risk[i] = c.model().risk(m, i));
            int[] order = IntStream.range(0, m.rows()).boxed()
                    .sorted((a, b) -> risk[a] != risk[b] ? Double.compare(risk[b], risk[a]) : Integer.compare(a, b))
                    .mapToInt(Integer::intValue).toArray();
            Scores fresh = new Scores(s, c.model().trainedAt(), at, c.model(), m, risk, order);
            if (scores == null || scores.snapshotVersion() <= s.version()) {
                scores = fresh; // an older snapshot's scores are answered, never kept over newer ones
            }
            return fresh;
        }
    }

    /**
     * Writes churnRisk onto every user of the scored snapshot (null for those not active), by
     * that snapshot's store ids. A newer snapshot is scored and written by its own listener.
     */
    public long writeBack(Scores sc) {
        GraphSnapshot s = sc.snapshot();
        if (analytics.snapshot().version() != s.version()) {
            return 0;
        }
        long start = System.nanoTime();
        List<ChurnStore.Risk> rows = new ArrayList<>(s.users().count());
        for (int u = 0; u < s.users().count(); u++) {
            int row = sc.matrix().rowOf(u);
            rows.add(new ChurnStore.Risk(s.users().storeIds()[u], row < 0 ? null : sc.risk()[row]));
        }
        long written = store.writeRisks(rows, Instant.ofEpochSecond(sc.scoredAt() * 60L));
        LOG.info("Wrote churnRisk of {} users (snapshot v{}) in {} s", written, sc.snapshotVersion(),
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return written;
    }

    public List<ChurnModel.Factor> topFactors(Scores sc, int row) {
        return sc.model().topFactors(sc.matrix(), row, settings.topFactors());
    }

    private Current currentModel() {
        Current c = current;
        if (c == null && !storeChecked) {
            synchronized (this) {
                if (current == null && !storeChecked) {
                    current = load();
                    storeChecked = true;
                }
                c = current;
            }
        }
        if (c == null) {
            throw new LearnerGraphException.Conflict("no churn model has been trained yet: POST /api/churn/train "
                    + "(optionally ?asOf=...&horizonDays=...) first");
        }
        return c;
    }

    /** The stored model, or null when there is none (or it was written by a version with other features). */
    private Current load() {
        try {
            String text = store.latestModel().orElse(null);
            if (text == null) {
                return null;
            }
            if (!json.readValue(text, Map.class).containsKey("format")) {
                // written before the stored form had its own record: the API body then
                ModelView v = json.readValue(text, ModelView.class);
                return new Current(model(v), v);
            }
            StoredChurnModel stored = json.readValue(text, StoredChurnModel.class);
            ChurnModel m = stored.model();
            return new Current(m, view(m, stored.snapshotVersion()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the stored churn model could not be read ({}); train a new one", e.getMessage());
            return null;
        }
    }

    static ModelView view(ChurnModel m, long version) {
        ChurnModel.Metrics q = m.metrics();
        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < m.features().length; j++) {
            ChurnFeature f = m.features()[j];
            coefficients.add(new Coefficient(f.key(), f.label(), f.isGraph(), m.weights()[j], m.means()[j], m.sds()[j]));
        }
        return new ModelView(q.auc(), q.aucWithoutGraphFeatures(), q.auc() - q.aucWithoutGraphFeatures(), q.folds(),
                q.samples(), q.population(), q.positives(), q.brier(),
                q.calibration().stream().map(b -> new Bin(b.meanPredicted(), b.observed(), b.count())).toList(),
                coefficients, m.intercept(), m.lambda(), q.iterations(), m.trainedAt().toString(),
                ChurnFeatures.describe(m.asOfMinute()), ChurnFeatures.describe(m.cutoffMinute()),
                m.definition().horizonDays(), m.definition().activeDays(), version);
    }

    /** A model stored as its API body (before {@link StoredChurnModel}), still read. */
    static ChurnModel model(ModelView v) {
        return new StoredChurnModel(StoredChurnModel.FORMAT, v.activeDays(), v.horizonDays(),
                (int) (Instant.parse(v.asOf()).getEpochSecond() / 60), v.trainedAt(), v.snapshotVersion(),
                v.coefficients().stream().map(c -> new StoredChurnModel.Feature(c.feature(), c.mean(), c.sd(),
                        c.weight())).toList(), v.intercept(), v.lambda(),
                new StoredChurnModel.Metrics(v.auc(), v.aucWithoutGraphFeatures(), v.folds(), v.samples(),
                        v.population(), v.positives(), v.brier(), v.calibration().stream()
                        .map(b -> new StoredChurnModel.Bin(b.meanPredicted(), b.observed(), b.count())).toList(),
                        v.iterations())).model();
    }

    /** Users (dense ids) in the top {@code influencer-share} by PageRank. */
    public boolean[] influencers(GraphSnapshot s) {
        int[] ranking = analytics.ranking(s, CentralityMeasure.PAGERANK, new int[0]);
        boolean[] top = new boolean[ranking.length];
        int k = (int) Math.ceil(ranking.length * settings.influencerShare());
        Arrays.stream(ranking, 0, Math.min(k, ranking.length)).forEach(u -> top[u] = true);
        return top;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
