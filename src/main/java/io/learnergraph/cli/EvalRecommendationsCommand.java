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
 * it, and scores the blend, each source alone, the blend without each source (ablation) and two
 * baselines (most-popular, item-KNN) on those later enrolments, all on the same projection.
 */
@Command(name = "recommendations", mixinStandardHelpOptions = true,
        description = "Score recommendations against enrolments after a cutoff, with baselines and ablations.")
public class EvalRecommendationsCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "an import directory (graph-import/README.md)")
    Path dir;

    @Option(names = "--cutoff", required = true, description = "ISO-8601 time, e.g. 2026-08-01: history before, truth after")
    String cutoff;

    @Option(names = "--k", defaultValue = "10", description = "list length scored (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--data-dir", description = "empty directory for the evaluation database (default: a temporary one, deleted)")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        Instant at = RowValidator.parseTime(cutoff.strip()).map(t -> t.toInstant()).orElseThrow(() ->
                new LearnerGraphException.InvalidInput("--cutoff", "--cutoff: unparsable time '" + cutoff
                        + "' (expected ISO-8601, e.g. 2026-08-01 or 2026-08-01T00:00:00Z)"));
        if (k < 1 || k > RecommendationParameters.MAX_LIMIT) {
            throw new LearnerGraphException.InvalidInput("--k", "--k must be in 1.." + RecommendationParameters.MAX_LIMIT
                    + ", was " + k);
        }
        boolean temporary = dataDir == null;
        Path work = EvalDatabase.workDir(dataDir);
        try {
            CutoffSplit.Result split = CutoffSplit.split(dir, at, work.resolve("before-cutoff"));
            System.out.printf(Locale.ROOT, "cutoff %s: %,d rows before it imported, %,d after it held out "
                    + "(%,d enrolments scored against)%n", at, split.rowsKept(), split.rowsAfter(), split.heldOut().size());
            if (split.heldOut().isEmpty()) {
                throw new LearnerGraphException.InvalidInput("--cutoff", "--cutoff " + cutoff + ": no enrolment in "
                        + dir.resolve("learning.csv") + " at or after it, so nothing to score against; choose an earlier one");
            }
            if (split.rowsKept() == 0) {
                throw new LearnerGraphException.InvalidInput("--cutoff", "--cutoff " + cutoff + ": no event before it, "
                        + "so no history to recommend from; choose a later one");
            }
            EvalDatabase.run(split.before(), work, context -> {
                RecommendationService service = context.getBean(RecommendationService.class);
                // the blend the product would learn from this history (its own last days held out)
                io.learnergraph.service.BlendFitService.ModelView model = context.getBean(
                        io.learnergraph.service.BlendFitService.class).fitNow();
                evaluate(service.index(), RecommendationService.configuredDefaults(service.settings()), model, split);
                return null;
            });
        } finally {
            if (temporary) {
                EvalDatabase.deleteRecursively(work);
            }
        }
        return 0;
    }

    private void evaluate(RecommenderIndex index, RecommendationParameters defaults,
                          io.learnergraph.service.BlendFitService.ModelView model, CutoffSplit.Result split) {
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
        Map<String, OfflineEvaluation.Ranker> systems = OfflineEvaluation.systems();
        systems.put("blend", OfflineEvaluation.recommender(r, p));
        systems.put("blend, tier-gated (as served)", OfflineEvaluation.recommender(r, p.withIncludeGated(false)));
        if (model.fitted() != null) {
            SourceWeights fitted = SourceWeights.of(model.fitted());
            System.out.printf(Locale.ROOT, "blend fitted on the last %d days before the cutoff (%,d users took a course "
                            + "then): %s, weights %s; on its own held-out users Recall@%d %.4f against %.4f configured%n%n",
                    model.holdoutDays(), model.truthUsers(), model.status(), model.fitted(), model.k(),
                    model.validation().get("fitted").recall(), model.validation().get("configured").recall());
            systems.put("blend, weights fitted on its own history", OfflineEvaluation.recommender(r,
                    p.withWeights(fitted)));
            systems.put("blend, weights fitted on its own history, tier-gated", OfflineEvaluation.recommender(r,
                    p.withWeights(fitted).withIncludeGated(false)));
        } else {
            System.out.printf(Locale.ROOT, "no blend fitted on the history before the cutoff: %s (%s)%n%n",
                    model.status(), model.note());
        }
        systems.put("blend, no MMR", OfflineEvaluation.recommender(r, p.withDiversity(0)));
        systems.put("knowledge only", OfflineEvaluation.recommender(r, p.withStrategy(RecommendationParameters.Strategy.KNOWLEDGE)));
        systems.put("collaborative only (RP3b)", OfflineEvaluation.recommender(r, p.withStrategy(RecommendationParameters.Strategy.COLLABORATIVE)));
        systems.put("social only", OfflineEvaluation.recommender(r, p.withStrategy(RecommendationParameters.Strategy.SOCIAL)));
        systems.put("blend without knowledge", OfflineEvaluation.recommender(r, p.withWeights(
                new SourceWeights(0, w.collaborative(), w.social(), w.popular()))));
        systems.put("blend without collaborative", OfflineEvaluation.recommender(r, p.withWeights(
                new SourceWeights(w.knowledge(), 0, w.social(), w.popular()))));
        systems.put("blend without social", OfflineEvaluation.recommender(r, p.withWeights(
                new SourceWeights(w.knowledge(), w.collaborative(), 0, w.popular()))));
        systems.put("blend without popular", OfflineEvaluation.recommender(r, p.withWeights(
                new SourceWeights(w.knowledge(), w.collaborative(), w.social(), 0))));
        // course quality (GET /api/courses) as a re-ranking prior: does it help?
        double[] pagerank = io.learnergraph.analysis.centrality.PageRank.compute(s.social(),
                io.learnergraph.analysis.centrality.PageRank.Parameters.defaults()).scores();
        double[] quality = io.learnergraph.analysis.growth.CourseQuality.compute(s, pagerank,
                io.learnergraph.analysis.growth.CourseQuality.Parameters.defaults()).quality();
        // re-ranking undoes MMR's order, so it is compared with the blend without MMR
        RecommendationParameters noMmr = p.withDiversity(0);
        systems.put("blend, no MMR, re-ranked by course quality (weight 0.3)",
                OfflineEvaluation.reranked(r, noMmr, quality, 0.3));
        systems.put("blend, no MMR, re-ranked by course quality (weight 0.6)",
                OfflineEvaluation.reranked(r, noMmr, quality, 0.6));
        systems.put("baseline: most-popular", OfflineEvaluation.mostPopular(index, k));
        systems.put("baseline: item-KNN (cosine)", OfflineEvaluation.itemKnn(index, k));
        long t0 = System.nanoTime();
        List<OfflineEvaluation.Metrics> results = OfflineEvaluation.evaluate(systems, truth, k, s.courses().count());
        System.out.printf(Locale.ROOT, "| system | users | Recall@%d | NDCG@%d | Precision@%d | coverage |%n", k, k, k);
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (OfflineEvaluation.Metrics m : results) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.4f | %.4f | %.4f | %.3f |%n", m.system(), m.users(),
                    m.recall(), m.ndcg(), m.precision(), m.coverage());
        }
        OfflineEvaluation.Metrics blend = results.get(0);
        OfflineEvaluation.Metrics best = results.stream().filter(m -> m.system().startsWith("baseline"))
                .max(Comparator.comparingDouble(OfflineEvaluation.Metrics::recall)).orElseThrow();
        System.out.printf(Locale.ROOT, "%nblend vs best baseline (%s): Recall@%d x%.2f, NDCG@%d x%.2f (%.1f s)%n",
                best.system(), k, blend.recall() / Math.max(1e-12, best.recall()), k,
                blend.ndcg() / Math.max(1e-12, best.ndcg()), (System.nanoTime() - t0) / 1e9);
    }
}
