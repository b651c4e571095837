package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.recommend.OfflineEvaluation;
import io.learnergraph.analysis.recommend.RecommendationParameters;
import io.learnergraph.analysis.recommend.RecommendationParameters.SourceWeights;
import io.learnergraph.analysis.recommend.Recommender;
import io.learnergraph.analysis.recommend.RecommenderIndex;
import io.learnergraph.ingest.CutoffSplit;
import io.learnergraph.ingest.RowValidator;
import io.learnergraph.service.RecommendationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval recommendations DIR --cutoff TIME --k 10}: imports DIR's rows before the cutoff
 * into a fresh embedded database, recommends for every user who enrolled in a new course after
 * it, and scores the blend (configured, with fitted weights, with the learned ranking), each
 * source alone, the blend without each source (ablation) and three baselines (most-popular,
 * item-KNN, an outside-style prerequisites-and-contacts heuristic) on those later enrolments,
 * all on the same projection.
 *
 * <p>{@code eval recommendations --presets all --users N --seeds 1,2}: the same on generated
 * platforms built differently (the demo generator's presets), side by side, with the mean and
 * spread over seeds and presets.
 */
@Command(name = "recommendations", mixinStandardHelpOptions = true,
        description = "Score recommendations against enrolments after a cutoff, with baselines and ablations; "
                + "or on every generated preset side by side (--presets).")
public class EvalRecommendationsCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "an import directory "
            + "(graph-import/README.md); omit with --presets")
    Path dir;

    @Option(names = "--cutoff", description = "ISO-8601 time, e.g. 2026-08-01: history before, truth after "
            + "(with --presets: 10 weeks before each platform's end)")
    String cutoff;

    @picocli.CommandLine.Mixin
    PresetOptions platforms;

    @Option(names = "--k", defaultValue = "10", description = "list length scored (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--data-dir", description = "empty directory for the evaluation database (default: a temporary one, deleted)")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        if (k < 1 || k > RecommendationParameters.MAX_LIMIT) {
            throw new LearnerGraphException.InvalidInput("--k", "--k must be in 1.." + RecommendationParameters.MAX_LIMIT
                    + ", was " + k);
        }
        if (platforms.presets != null) {
            if (dir != null) {
                throw new LearnerGraphException.InvalidInput("DIR", "give an import directory or --presets, not both");
            }
            Map<String, Map<String, double[]>> values = platforms.report("Recall@" + k).run(
                    PresetReport.names(platforms.presets), dataDir, (data, generated, work) -> {
                        Instant at = generated.end().minusWeeks(HELD_OUT_WEEKS).atStartOfDay(ZoneOffset.UTC).toInstant();
                        Map<String, Double> out = new LinkedHashMap<>();
                        for (OfflineEvaluation.Metrics m : score(data, at, work, false)) {
                            out.put(m.system(), m.recall());
                        }
                        return out;
                    });
            printGoals(values);
            return 0;
        }
        if (dir == null || cutoff == null) {
            throw new LearnerGraphException.InvalidInput(dir == null ? "DIR" : "--cutoff",
                    "give an import directory and --cutoff, or --presets");
        }
        Instant at = RowValidator.parseTime(cutoff.strip()).map(t -> t.toInstant()).orElseThrow(() ->
                new LearnerGraphException.InvalidInput("--cutoff", "--cutoff: unparsable time '" + cutoff
                        + "' (expected ISO-8601, e.g. 2026-08-01 or 2026-08-01T00:00:00Z)"));
        boolean temporary = dataDir == null;
        Path work = EvalDatabase.workDir(dataDir);
        try {
            score(dir, at, work, true);
        } finally {
            if (temporary) {
                EvalDatabase.deleteRecursively(work);
            }
        }
        return 0;
    }

    /** Imports {@code data} before {@code at} into {@code work} and scores every system; prints all when {@code full}. */
    private List<OfflineEvaluation.Metrics> score(Path data, Instant at, Path work, boolean full) {
        CutoffSplit.Result split = CutoffSplit.split(data, at, work.resolve("before-cutoff"));
        System.out.printf(Locale.ROOT, "cutoff %s: %,d rows before it imported, %,d after it held out "
                + "(%,d enrolments scored against)%n", at, split.rowsKept(), split.rowsAfter(), split.heldOut().size());
        if (split.heldOut().isEmpty()) {
            throw new LearnerGraphException.InvalidInput("--cutoff", "--cutoff " + at + ": no enrolment in "
                    + data.resolve("learning.csv") + " at or after it, so nothing to score against; choose an earlier one");
        }
        if (split.rowsKept() == 0) {
            throw new LearnerGraphException.InvalidInput("--cutoff", "--cutoff " + at + ": no event before it, "
                    + "so no history to recommend from; choose a later one");
        }
        return EvalDatabase.run(split.before(), work, context -> {
            RecommendationService service = context.getBean(RecommendationService.class);
            // what the product would learn from this history (its own last days held out)
            io.learnergraph.service.BlendFitService fits = context.getBean(
                    io.learnergraph.service.BlendFitService.class);
            io.learnergraph.service.BlendFitService.ModelView model = fits.fitNow();
            return evaluate(service.index(), RecommendationService.configuredDefaults(service.settings()), model,
                    fits.ranker(), fits.fittedRanker(), split, full);
        });
    }

    private List<OfflineEvaluation.Metrics> evaluate(RecommenderIndex index, RecommendationParameters defaults,
                          io.learnergraph.service.BlendFitService.ModelView model,
                          io.learnergraph.analysis.recommend.LearnedRanker served,
                          io.learnergraph.analysis.recommend.LearnedRanker learned, CutoffSplit.Result split,
                          boolean full) {
        GraphSnapshot s = index.snapshot();
        Map<Integer, Set<Integer>> truthSets = new HashMap<>();
        int unknown = 0;
        for (CutoffSplit.HeldOut h : split.heldOut()) {
            var u = s.users().indexOf(h.userId());
            var c = s.courses().indexOf(h.courseId());
            if (u.isEmpty() || c.isEmpty()) {
                unknown++;
                continue;
            }
            if (!index.took(u.getAsInt(), c.getAsInt())) {
                truthSets.computeIfAbsent(u.getAsInt(), x -> new HashSet<>()).add(c.getAsInt());
            }
        }
        Map<Integer, int[]> truth = new HashMap<>();
        truthSets.forEach((u, set) -> truth.put(u, set.stream().mapToInt(Integer::intValue).toArray()));
        if (truth.isEmpty()) {
            throw new LearnerGraphException.InvalidInput("--cutoff", "no enrolment after the cutoff is by a user in a "
                    + "course known before it (" + unknown + " skipped); choose an earlier --cutoff");
        }
        long coldStart = truth.keySet().stream().filter(u -> index.snapshot().learning().degree(u) == 0).count();
        System.out.printf(Locale.ROOT, "%,d users to score (%,d of them without history before the cutoff); "
                + "%,d held-out enrolments on courses or users unknown before it skipped%n%n", truth.size(), coldStart, unknown);

        Recommender r = new Recommender(index);
        RecommendationParameters p = defaults.withLimit(k).withIncludeGated(true).withExplain(false);
        SourceWeights w = p.weights();
        if (model.fitted() != null) {
            System.out.printf(Locale.ROOT, "fitted on the last %d days before the cutoff (%,d users took a course "
                            + "then): %s, ranking by %s; weights %s; on its own held-out users Recall@%d %.4f learned "
                            + "ranking, %.4f fitted weights, %.4f configured%n%n",
                    model.holdoutDays(), model.truthUsers(), model.status(), model.ranking(), model.fitted(), model.k(),
                    model.validation().containsKey("learned") ? model.validation().get("learned").recall() : Double.NaN,
                    model.validation().get("fitted").recall(), model.validation().get("configured").recall());
            if (model.ranker() != null) {
                System.out.println("learned ranking, weight per feature (log-odds per standard deviation): "
                        + model.ranker().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %+.2f", e.getKey(),
                        e.getValue())).collect(java.util.stream.Collectors.joining(", ")) + "\n");
            }
        } else {
            System.out.printf(Locale.ROOT, "nothing fitted on the history before the cutoff: %s (%s)%n%n",
                    model.status(), model.note());
        }
        // what the product serves after fitting: the learned ranking or fitted weights when chosen
        RecommendationParameters asServed = p.withWeights(SourceWeights.of(model.weights())).withRanker(served);
        Map<String, OfflineEvaluation.Ranker> systems = OfflineEvaluation.systems();
        systems.put(AS_SERVED, OfflineEvaluation.recommender(r, asServed));
        systems.put(CONFIGURED, OfflineEvaluation.recommender(r, p));
        if (model.fitted() != null) {
            systems.put("blend, weights fitted on its own history", OfflineEvaluation.recommender(r,
                    p.withWeights(SourceWeights.of(model.fitted()))));
        }
        if (learned != null) {
            systems.put("blend, learned ranking (whether chosen or not)", OfflineEvaluation.recommender(r,
                    p.withRanker(learned)));
        }
        if (full) {
            systems.put("blend as served, tier-gated", OfflineEvaluation.recommender(r,
                    asServed.withIncludeGated(false)));
            systems.put("configured blend, tier-gated", OfflineEvaluation.recommender(r, p.withIncludeGated(false)));
            systems.put("configured blend, no MMR", OfflineEvaluation.recommender(r, p.withDiversity(0)));
            if (learned != null) {
                systems.put("learned ranking, no MMR", OfflineEvaluation.recommender(r,
                        p.withRanker(learned).withDiversity(0)));
            }
        }
        systems.put(SOURCE + "knowledge", OfflineEvaluation.recommender(r,
                p.withStrategy(RecommendationParameters.Strategy.KNOWLEDGE)));
        systems.put(SOURCE + "collaborative (RP3b)", OfflineEvaluation.recommender(r,
                p.withStrategy(RecommendationParameters.Strategy.COLLABORATIVE)));
        systems.put(SOURCE + "social", OfflineEvaluation.recommender(r,
                p.withStrategy(RecommendationParameters.Strategy.SOCIAL)));
        if (full) {
            systems.put("configured blend without knowledge", OfflineEvaluation.recommender(r, p.withWeights(
                    new SourceWeights(0, w.collaborative(), w.social(), w.popular()))));
            systems.put("configured blend without collaborative", OfflineEvaluation.recommender(r, p.withWeights(
                    new SourceWeights(w.knowledge(), 0, w.social(), w.popular()))));
            systems.put("configured blend without social", OfflineEvaluation.recommender(r, p.withWeights(
                    new SourceWeights(w.knowledge(), w.collaborative(), 0, w.popular()))));
            systems.put("configured blend without popular", OfflineEvaluation.recommender(r, p.withWeights(
                    new SourceWeights(w.knowledge(), w.collaborative(), w.social(), 0))));
            // course quality (GET /api/courses) as a re-ranking prior: does it help?
            double[] pagerank = io.learnergraph.analysis.centrality.PageRank.compute(s.social(),
                    io.learnergraph.analysis.centrality.PageRank.Parameters.defaults()).scores();
            double[] quality = io.learnergraph.analysis.growth.CourseQuality.compute(s, pagerank,
                    io.learnergraph.analysis.growth.CourseQuality.Parameters.defaults()).quality();
            // re-ranking undoes MMR's order, so it is compared with the blend without MMR
            RecommendationParameters noMmr = p.withDiversity(0);
            systems.put("configured blend, no MMR, re-ranked by course quality (weight 0.3)",
                    OfflineEvaluation.reranked(r, noMmr, quality, 0.3));
            systems.put("configured blend, no MMR, re-ranked by course quality (weight 0.6)",
                    OfflineEvaluation.reranked(r, noMmr, quality, 0.6));
        }
        systems.put(BASELINE + "most-popular", OfflineEvaluation.mostPopular(index, k));
        systems.put(BASELINE + "item-KNN (cosine)", OfflineEvaluation.itemKnn(index, k));
        systems.put(BASELINE + "prerequisites and contacts (outside-style)",
                OfflineEvaluation.prerequisitesAndContacts(index, k));
        long t0 = System.nanoTime();
        List<OfflineEvaluation.Metrics> results = OfflineEvaluation.evaluate(systems, truth, k, s.courses().count());
        if (full) {
            System.out.printf(Locale.ROOT, "| system | users | Recall@%d | NDCG@%d | Precision@%d | coverage |%n", k, k, k);
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (OfflineEvaluation.Metrics m : results) {
                System.out.printf(Locale.ROOT, "| %s | %,d | %.4f | %.4f | %.4f | %.3f |%n", m.system(), m.users(),
                        m.recall(), m.ndcg(), m.precision(), m.coverage());
            }
            OfflineEvaluation.Metrics blend = results.get(0);
            OfflineEvaluation.Metrics best = results.stream().filter(m -> m.system().startsWith(BASELINE))
                    .max(Comparator.comparingDouble(OfflineEvaluation.Metrics::recall)).orElseThrow();
            System.out.printf(Locale.ROOT, "%nblend as served vs best baseline (%s): Recall@%d x%.2f, NDCG@%d x%.2f "
                            + "(%.1f s)%n", best.system(), k, blend.recall() / Math.max(1e-12, best.recall()), k,
                    blend.ndcg() / Math.max(1e-12, best.ndcg()), (System.nanoTime() - t0) / 1e9);
        }
        return results;
    }

    /** With --presets, the truth window: the last weeks of each generated platform. */
    static final int HELD_OUT_WEEKS = 10;

    /**
     * Issue #17's goals per preset, on the means over seeds: the blend as served at least the
     * configured blend and the best single source; where prerequisites drive at least half of the
     * enrolments, Recall at least 2.5 times the best baseline.
     */
    private static void printGoals(Map<String, Map<String, double[]>> values) {
        System.out.println("\n| preset | as served | configured | best source | best baseline | x best baseline "
                + "| goals |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        values.forEach((preset, bySystem) -> {
            double served = PresetReport.mean(bySystem.get(AS_SERVED));
            double configured = PresetReport.mean(bySystem.get(CONFIGURED));
            double source = best(bySystem, SOURCE);
            double baseline = best(bySystem, BASELINE);
            double ratio = served / Math.max(1e-12, baseline);
            boolean prerequisiteLed = io.learnergraph.demo.DemoPlatformGenerator.Mechanisms.preset(preset)
                    .prerequisiteDriven() >= 0.5;
            List<String> missed = new java.util.ArrayList<>();
            if (served < configured) {
                missed.add("below the configured blend");
            }
            if (served < source) {
                missed.add("below the best single source");
            }
            if (prerequisiteLed && ratio < 2.5) {
                missed.add("under 2.5x the best baseline");
            }
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.2f | %s |%n", preset, served,
                    configured, source, baseline, ratio, missed.isEmpty() ? "met" : "missed: " + String.join(", ", missed));
        });
    }

    private static double best(Map<String, double[]> bySystem, String prefix) {
        return bySystem.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(e -> PresetReport.mean(e.getValue())).max().orElse(Double.NaN);
    }

    static final String AS_SERVED = "blend as served (fitted on its own history)";
    static final String CONFIGURED = "configured blend";
    static final String SOURCE = "source alone: ";
    static final String BASELINE = "baseline: ";
}
