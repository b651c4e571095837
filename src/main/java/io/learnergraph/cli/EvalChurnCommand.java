package io.learnergraph.cli;

import io.learnergraph.analysis.churn.ChurnFeature;
import io.learnergraph.analysis.churn.ChurnFeatures;
import io.learnergraph.analysis.churn.ChurnModel;
import io.learnergraph.analysis.churn.ChurnTrainer;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.service.ChurnService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code eval churn DIR --as-of TIME}: imports DIR into a fresh embedded database, trains the
 * churn model at TIME exactly as {@code POST /api/churn/train} does, and reports out-of-fold AUC
 * with and without the graph features, a recency-only baseline, what each graph feature adds
 * and takes away, the calibration table and the largest weights.
 *
 * <p>{@code eval churn --presets all --users N --seeds 1,2}: on generated platforms built
 * differently, judged forward against the planted departures rather than the proxy label: the
 * model trained as the product trains it (on the 30-day "quiet" label and on a 90-day "gone"
 * label), with and without its graph features, beside the six-feature outside-style baseline
 * trained on the same labels, all applied at T and scored on who really left in the 30 days after.
 */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = "Cross-validate the churn model at a time, with and without graph features; or judge it "
                + "against planted departures on every generated preset (--presets).")
public class EvalChurnCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "an import directory "
            + "(graph-import/README.md); omit with --presets")
    Path dir;

    @Option(names = "--as-of", description = "ISO-8601 time: features at as-of minus the horizon, labels up to it "
            + "(with --presets: 13 weeks before each platform's end)")
    String asOf;

    @picocli.CommandLine.Mixin
    PresetOptions platforms;

    @Option(names = "--horizon-days", description = "churn horizon (default: learnergraph.churn.horizon-days)")
    Integer horizonDays;

    @Option(names = "--data-dir", description = "empty directory for the evaluation database (default: a temporary one, deleted)")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        if (platforms.presets != null) {
            if (dir != null) {
                throw new io.learnergraph.LearnerGraphException.InvalidInput("DIR",
                        "give an import directory or --presets, not both");
            }
            java.util.Map<String, java.util.Map<String, double[]>> values = platforms.report(
                    "AUC against planted departures in the 30 days after T").run(PresetReport.names(platforms.presets),
                    dataDir,
                    (data, generated, work) -> EvalDatabase.run(data, work, context -> PlantedChurn.judge(
                            context.getBean(AnalyticsService.class).snapshot(), data, generated,
                            context.getBean(ChurnService.class),
                            context.getBean(LearnerGraphSettings.class).tiers())));
            PlantedChurn.printGoals(values);
            return 0;
        }
        if (dir == null || asOf == null) {
            throw new io.learnergraph.LearnerGraphException.InvalidInput(dir == null ? "DIR" : "--as-of",
                    "give an import directory and --as-of, or --presets");
        }
        boolean temporary = dataDir == null;
        Path work = EvalDatabase.workDir(dataDir);
        try {
            EvalDatabase.run(dir, work, context -> {
                ChurnService churn = context.getBean(ChurnService.class);
                GraphSnapshot s = context.getBean(AnalyticsService.class).snapshot();
                ChurnService.TrainRequest r;
                try {
                    r = churn.request(asOf, horizonDays);
                } catch (io.learnergraph.LearnerGraphException.InvalidInput e) {
                    throw new io.learnergraph.LearnerGraphException.InvalidInput("--as-of", e.getMessage()
                            .replace("asOf", "--as-of").replace("horizonDays", "--horizon-days"));
                }
                evaluate(s, r, churn, context.getBean(LearnerGraphSettings.class).tiers());
                return null;
            });
        } finally {
            if (temporary) {
                EvalDatabase.deleteRecursively(work);
            }
        }
        return 0;
    }

    private static void evaluate(GraphSnapshot s, ChurnService.TrainRequest r, ChurnService churn, List<String> tiers) {
        var settings = churn.settings();
        ChurnTrainer.Parameters p = ChurnService.trainerParameters(settings);
        long t0 = System.nanoTime();
        ChurnTrainer.Trained t;
        try {
            t = ChurnTrainer.train(s, r.asOfMinute(), r.definition(), tiers, p, Instant.now(), x -> { });
        } catch (ChurnTrainer.NotEnoughData e) {
            throw new io.learnergraph.LearnerGraphException.InvalidInput("--as-of", e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ChurnModel m = t.model();
        ChurnModel.Metrics q = m.metrics();
        System.out.printf(Locale.ROOT, "%nasOf %s, horizon %d days: features at %s; %,d users active then, %,d churned "
                        + "(%.1f %%); %d-fold cross-validation on %,d rows; trained in %.1f s%n%n",
                ChurnFeatures.describe(m.asOfMinute()), r.definition().horizonDays(),
                ChurnFeatures.describe(m.cutoffMinute()), q.population(), q.positives(),
                100.0 * q.positives() / q.population(), q.folds(), q.samples(), seconds);
        int d = ChurnFeature.values().length;
        boolean[] recency = new boolean[d];
        recency[ChurnFeature.RECENCY_DAYS.ordinal()] = true;
        boolean[] engagement = new boolean[d];
        for (ChurnFeature f : ChurnFeature.values()) {
            engagement[f.ordinal()] = !f.isGraph();
        }
        System.out.println("| model | AUC |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| all features | %.4f |%n", q.auc());
        System.out.printf(Locale.ROOT, "| without graph features | %.4f |%n", q.aucWithoutGraphFeatures());
        System.out.printf(Locale.ROOT, "| baseline: recency only | %.4f |%n",
                ChurnTrainer.crossValidatedAuc(t.matrix(), t.labels(), recency, p));
        System.out.printf(Locale.ROOT, "%ngraph lift: %+.4f AUC; Brier score %.4f%n%n", q.auc() - q.aucWithoutGraphFeatures(),
                q.brier());
        System.out.println("| graph feature | weight | AUC engagement + it | AUC all but it |");
        System.out.println("|---|---:|---:|---:|");
        for (ChurnFeature f : ChurnFeature.values()) {
            if (!f.isGraph()) {
                continue;
            }
            boolean[] plus = engagement.clone();
            plus[f.ordinal()] = true;
            boolean[] minus = new boolean[d];
            java.util.Arrays.fill(minus, true);
            minus[f.ordinal()] = false;
            System.out.printf(Locale.ROOT, "| %s | %+.3f | %.4f | %.4f |%n", f.key(), m.weights()[f.ordinal()],
                    ChurnTrainer.crossValidatedAuc(t.matrix(), t.labels(), plus, p),
                    ChurnTrainer.crossValidatedAuc(t.matrix(), t.labels(), minus, p));
        }
        System.out.println("\ncalibration (out of fold, ten equal bins):\n| mean predicted | observed | users |");
        System.out.println("|---:|---:|---:|");
        for (ChurnModel.CalibrationBin b : q.calibration()) {
            System.out.printf(Locale.ROOT, "| %.3f | %.3f | %,d |%n", b.meanPredicted(), b.observed(), b.count());
        }
        System.out.println("\nlargest weights (standardised features, log-odds per standard deviation):");
        IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble(j -> -Math.abs(m.weights()[j]))).limit(10)
                .forEach(j -> System.out.printf(Locale.ROOT, "  %+.3f  %s (%s)%n", m.weights()[j],
                        m.features()[j].key(), m.features()[j].label()));
    }
}
