package io.learnergraph.analysis.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suggests the next membership tier when a large share of the user's best candidates is gated
 * behind it: recommends with gated courses included, counts the candidates each higher tier
 * would open (cumulatively, a tier opens everything below it), and suggests the lowest tier
 * whose share reaches the threshold. The gated candidates are the evidence.
 */
public final class UpgradeAdvisor {

    /**
     * @param suggestedTier null when no upgrade is suggested
     * @param shareByTier   for each tier above the user's: the share of candidates it would open
     * @param evidence      the candidates the suggested tier opens, best first
     */
    public record Advice(int user, String currentTier, String suggestedTier, double share,
                         Map<String, Double> shareByTier, List<Recommendation> evidence, String reason) {
    }

    private UpgradeAdvisor() {
    }

    public static Advice advise(Recommender recommender, int user, RecommendationParameters p, double threshold) {
        RecommenderIndex index = recommender.index();
        int current = index.userTierRank(user);
        String currentName = index.tierNames.length == 0 ? null : index.tierNames[current];
        Recommendations recs = recommender.recommend(user, p.withIncludeGated(true));
        List<Recommendation> items = recs.items();
        Map<String, Double> shares = new LinkedHashMap<>();
        String suggested = null;
        double suggestedShare = 0;
        List<Recommendation> evidence = new ArrayList<>();
        int opened = 0;
        for (int t = current + 1; t < index.tierNames.length; t++) {
            for (Recommendation r : items) {
                if (index.courseTierRank(r.course()) == t) {
                    opened++;
                }
            }
            double share = items.isEmpty() ? 0 : (double) opened / items.size();
            shares.put(index.tierNames[t], share);
            if (suggested == null && share >= threshold) {
                suggested = index.tierNames[t];
                suggestedShare = share;
                int tier = t;
                items.stream().filter(r -> index.courseTierRank(r.course()) > current
                        && index.courseTierRank(r.course()) <= tier).forEach(evidence::add);
            }
        }
        String reason;
        if (current == index.tierNames.length - 1) {
            reason = "already on the highest tier";
        } else if (items.isEmpty()) {
            reason = "no candidates to judge by";
        } else if (suggested == null) {
            reason = String.format(java.util.Locale.ROOT,
                    "no upgrade suggested: no higher tier opens %.0f%% of the %d best candidates", 100 * threshold,
                    items.size());
        } else {
            reason = String.format(java.util.Locale.ROOT, "%d of your %d best candidates (%.0f%%) need %s",
                    evidence.size(), items.size(), 100 * suggestedShare, suggested);
        }
        return new Advice(user, currentName, suggested, suggestedShare, shares, evidence, reason);
    }
}
