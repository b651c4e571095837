package io.learnergraph.service;

import io.learnergraph.analysis.churn.ChurnDefinition;
import io.learnergraph.analysis.churn.ChurnFeature;
import io.learnergraph.analysis.churn.ChurnModel;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A churn model as stored in Neo4j (a {@code :ChurnModel} node's JSON), apart from the API's
 * {@link ChurnService.ModelView}: the API body may change without changing what is stored, and
 * the {@code format} says which layout a stored model has. A model of another format, or with
 * features this version does not compute, is not read (train a new one).
 *
 * @param format the layout's number, {@link #FORMAT} when written by this code
 */
@Serdeable
public record StoredChurnModel(int format, int activeDays, int horizonDays, int asOfMinute, String trainedAt,
                               long snapshotVersion, List<Feature> features, double intercept, double lambda,
                               Metrics metrics) {

    public static final int FORMAT = 1;

    @Serdeable
    public record Feature(String key, double mean, double sd, double weight) {
    }

    @Serdeable
    public record Metrics(double auc, double aucWithoutGraphFeatures, int folds, int samples, int population,
                          int positives, double brier, List<Bin> calibration, int iterations) {
    }

    @Serdeable
    public record Bin(double meanPredicted, double observed, int count) {
    }

    public static StoredChurnModel of(ChurnModel m, long snapshotVersion) {
        List<Feature> features = new ArrayList<>();
        for (int j = 0; j < m.features().length; j++) {
            features.add(new Feature(m.features()[j].key(), m.means()[j], m.sds()[j], m.weights()[j]));
        }
        ChurnModel.Metrics q = m.metrics();
        return new StoredChurnModel(FORMAT, m.definition().activeDays(), m.definition().horizonDays(), m.asOfMinute(),
                m.trainedAt().toString(), snapshotVersion, features, m.intercept(), m.lambda(),
                new Metrics(q.auc(), q.aucWithoutGraphFeatures(), q.folds(), q.samples(), q.population(),
                        q.positives(), q.brier(), q.calibration().stream()
                        .map(b -> new Bin(b.meanPredicted(), b.observed(), b.count())).toList(), q.iterations()));
    }

    /** The model to score with; refused when written in another format or over other features. */
    public ChurnModel model() {
        if (format != FORMAT) {
            throw new IllegalStateException("the stored churn model has format " + format + ", this version reads "
                    + FORMAT);
        }
        Map<String, ChurnFeature> byKey = new HashMap<>();
        for (ChurnFeature f : ChurnFeature.values()) {
            byKey.put(f.key(), f);
        }
        int d = ChurnFeature.values().length;
        if (features.size() != d) {
            throw new IllegalStateException("the stored model has " + features.size() + " features, this version " + d);
        }
        double[] means = new double[d];
        double[] sds = new double[d];
        double[] weights = new double[d];
        for (Feature f : features) {
            ChurnFeature c = byKey.get(f.key());
            if (c == null) {
                throw new IllegalStateException("the stored model uses an unknown feature '" + f.key() + "'");
            }
            means[c.ordinal()] = f.mean();
            sds[c.ordinal()] = f.sd();
            weights[c.ordinal()] = f.weight();
        }
        ChurnModel.Metrics q = new ChurnModel.Metrics(metrics.auc(), metrics.aucWithoutGraphFeatures(), metrics.folds(),
                metrics.samples(), metrics.population(), metrics.positives(), metrics.brier(), metrics.calibration()
                .stream().map(b -> new ChurnModel.CalibrationBin(b.meanPredicted(), b.observed(), b.count())).toList(),
                metrics.iterations());
        return new ChurnModel(new ChurnDefinition(activeDays, horizonDays), asOfMinute, ChurnFeature.values(), means,
                sds, weights, intercept, lambda, q, Instant.parse(trainedAt));
    }
}
