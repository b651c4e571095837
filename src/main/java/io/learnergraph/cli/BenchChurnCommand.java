package io.learnergraph.cli;

import io.learnergraph.analysis.churn.ChurnDefinition;
import io.learnergraph.analysis.churn.ChurnFeatures;
import io.learnergraph.analysis.churn.ChurnModel;
import io.learnergraph.analysis.churn.ChurnTrainer;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.config.ChurnSettings;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.ingest.RowValidator;
import io.learnergraph.service.ChurnService;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code bench churn --users 1000000}: the churn pipeline's cost on a demo platform projected
 * from CSV (a Neo4j import of that size takes hours here): features at the cutoff (graph rebuilt
 * as of then, Louvain, PageRank, triangles, windows), cross-validated training, and scoring every
 * active user at the latest event, with the heap they need.
 */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = "Time churn feature extraction, training and scoring on a demo platform.")
public class BenchChurnCommand implements Callable<Integer> {

    @Mixin
    DemoPlatformOptions demo;

    @Option(names = "--as-of", defaultValue = "2026-10-01", description = "training time (default ${DEFAULT-VALUE})")
    String asOf;

    @Override
    public Integer call() throws Exception {
        Path data = demo.directory();
        int at = (int) (RowValidator.parseTime(asOf).orElseThrow(() -> new IllegalArgumentException(
                "--as-of: unparsable time '" + asOf + "'")).toEpochSecond() / 60);
        Contexts.scratchDatabase("learnergraph-bench-churn");
        ChurnSettings settings;
        List<String> tiers;
        GraphSnapshot s;
        try (ApplicationContext context = Contexts.withoutServer()) {
            settings = context.getBean(ChurnSettings.class);
            tiers = context.getBean(LearnerGraphSettings.class).tiers();
            s = Contexts.importAndProject(context, data).snapshot(); // the snapshot outlives the context
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long base = rt.totalMemory() - rt.freeMemory();
        System.out.printf(Locale.ROOT, "activity log %,d MiB, heap used %,d MiB%n", s.activity().bytes() >> 20,
                base >> 20);
        ChurnDefinition def = new ChurnDefinition(settings.activeDays(), settings.horizonDays());
        ChurnTrainer.Parameters p = ChurnService.trainerParameters(settings);
        for (int run = 1; run <= 2; run++) { // the first run includes JIT warm-up
            long t0 = System.nanoTime();
            ChurnFeatures.Matrix m = ChurnFeatures.extract(s, at - def.horizonMinutes(), def, tiers);
            double features = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            ChurnTrainer.Trained t = ChurnTrainer.train(s, at, def, tiers, p, Instant.now(), x -> { });
            double train = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            ChurnFeatures.Matrix now = ChurnFeatures.extract(s, s.activity().lastMinute(), def, tiers);
            ChurnModel model = t.model();
            double[] risk = new double[now.rows()];
            IntStream.range(0, now.rows()).parallel().forEach(i -> risk[i] = model.risk(now, i));
            double score = (System.nanoTime() - t0) / 1e9;
            long used = rt.totalMemory() - rt.freeMemory();
            ChurnModel.Metrics q = model.metrics();
            System.out.printf(Locale.ROOT, "run %d: features at the cutoff for %,d active users %.1f s; training end to end "
                            + "(features, %d-fold CV of 2 models on %,d rows, final fit on %,d) %.1f s; scoring %,d users "
                            + "at the latest event %.1f s; AUC %.4f (without graph %.4f); heap now %,d MiB%n", run,
                    m.rows(), features, q.folds(), q.samples(), q.population(), train, now.rows(), score, q.auc(),
                    q.aucWithoutGraphFeatures(), used >> 20);
        }
        return 0;
    }
}
