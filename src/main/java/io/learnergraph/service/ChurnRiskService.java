package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.churn.ChurnFeature;
import io.learnergraph.analysis.churn.ChurnFeatures;
import io.learnergraph.analysis.churn.ChurnModel;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.ingest.CsvReader;
import io.learnergraph.service.ChurnViews.Factor;
import io.learnergraph.service.ChurnViews.RiskItem;
import io.learnergraph.service.ChurnViews.RiskList;
import io.learnergraph.service.ChurnViews.UserChurn;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Churn risk as the API shows it: training now or as a job, the risk list with its filters
 * (community under the {@link PrivacyFloor}, tier, influencers first), every active user's score
 * and one user's risk with its top factors — each from one pinned snapshot's scores.
 */
@Singleton
public class ChurnRiskService {

    private final ChurnService churn;
    private final AnalyticsService analytics;
    private final JobService jobs;

    public ChurnRiskService(ChurnService churn, AnalyticsService analytics, JobService jobs) {
        this.churn = churn;
        this.analytics = analytics;
        this.jobs = jobs;
    }

    /** A model trained in this request, or the job training it. */
    public record Training(ChurnService.ModelView model, JobService.Job job) {
    }

    /**
     * Trains at {@code asOf} (default: the latest event) now, or as a job when {@code async} or the
     * graph has more than {@code sync-max-users} users.
     */
    public Training train(String asOf, Integer horizonDays, boolean async) {
        ChurnService.TrainRequest r = churn.request(asOf, horizonDays);
        if (!async && !churn.isLarge()) {
            return new Training(churn.train(r, p -> { }), null);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("asOf", ChurnFeatures.describe(r.asOfMinute()));
        parameters.put("horizonDays", Integer.toString(r.definition().horizonDays()));
        return new Training(null, jobs.submit("churn-train", parameters, progress -> {
            ChurnService.ModelView v = churn.train(r, progress);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("auc", v.auc());
            summary.put("aucWithoutGraphFeatures", v.aucWithoutGraphFeatures());
            summary.put("positives", v.positives());
            summary.put("population", v.population());
            return summary;
        }));
    }

    /** Active users by risk, highest first, filtered; influencers-only ranks by risk × influence. */
    public RiskList risk(int limit, Integer community, String tier, Double minRisk, boolean influencersOnly) {
        double floor = minRisk == null ? 0 : minRisk;
        if (!(floor >= 0 && floor <= 1)) {
            throw new LearnerGraphException.InvalidInput("minRisk", "minRisk must be in [0, 1], was " + minRisk);
        }
        GraphSnapshot s = analytics.snapshot();
        ChurnService.Scores sc = churn.scores(s);
        int[] comm = analytics.defaultCommunities(s).result().partition().community();
        if (community != null) {
            analytics.privacyFloor().requireShown("community", community,
                    Arrays.stream(comm).filter(c -> c == community).count(), "default (leiden)");
        }
        if (tier != null && !tier.isBlank() && !churn.tiers().contains(tier)) {
            throw new LearnerGraphException.InvalidInput("tier", "unknown tier '" + tier + "' (allowed: "
                    + String.join(", ", churn.tiers()) + ")");
        }
        double[] pagerank = analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores();
        int[] reach = analytics.degrees(s).in();
        boolean[] top = influencersOnly ? churn.influencers(s) : null;
        int n = s.users().count();
        List<Integer> rows = new ArrayList<>();
        for (int row : sc.order()) {
            int u = sc.matrix().users()[row];
            if (sc.risk()[row] < floor) {
                break; // ordered by risk: nothing further qualifies
            }
            if ((community != null && comm[u] != community) || (tier != null && !tier.isBlank()
                    && !tier.equals(s.users().tiers()[u])) || (top != null && !top[u])) {
                continue;
            }
            rows.add(row);
        }
        if (influencersOnly) {
            // at-risk influencers first: risk × influence, since losing them drags their followers along
            rows.sort((a, b) -> Double.compare(sc.risk()[b] * pagerank[sc.matrix().users()[b]],
                    sc.risk()[a] * pagerank[sc.matrix().users()[a]]));
        }
        List<RiskItem> items = rows.stream().limit(limit).map(row -> {
            int u = sc.matrix().users()[row];
            return new RiskItem(s.users().ids()[u], s.users().names()[u], s.users().tiers()[u], comm[u], sc.risk()[row],
                    pagerank[u] * n, reach[u], factors(sc, row));
        }).toList();
        return new RiskList(sc.scoredAtText(), sc.modelTrainedAt().toString(), sc.model().definition().horizonDays(),
                sc.snapshotVersion(), sc.matrix().rows(), rows.size(), influencersOnly, items);
    }

    /** {@code user_id,risk} for every active user, highest risk first. */
    public String scoresCsv() {
        GraphSnapshot s = analytics.snapshot();
        ChurnService.Scores sc = churn.scores(s);
        StringBuilder csv = new StringBuilder(sc.order().length * 24).append("user_id,risk\n");
        for (int row : sc.order()) {
            csv.append(CsvReader.escape(s.users().ids()[sc.matrix().users()[row]])).append(',')
                    .append(sc.risk()[row]).append('\n');
        }
        return csv.toString();
    }

    /** One user's risk, features and top factors; an inactive user is answered with why they are not scored. */
    public UserChurn user(String id) {
        GraphSnapshot s = analytics.snapshot();
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        ChurnService.Scores sc = churn.scores(s);
        SocialViews.UserProfile profile = SocialViews.profile(s, analytics.interests(s), u);
        int row = sc.matrix().rowOf(u);
        int horizon = sc.model().definition().horizonDays();
        if (row < 0) {
            return new UserChurn(s.users().ids()[u], s.users().names()[u], false, null, sc.scoredAtText(), horizon, null,
                    List.of(), profile, "not active in the " + sc.model().definition().activeDays()
                    + " days before " + sc.scoredAtText() + ": already churned by the definition, not scored");
        }
        Map<String, Double> features = new LinkedHashMap<>();
        for (ChurnFeature f : sc.matrix().features()) {
            features.put(f.key(), sc.matrix().get(row, f));
        }
        return new UserChurn(s.users().ids()[u], s.users().names()[u], true, sc.risk()[row], sc.scoredAtText(), horizon,
                features, factors(sc, row), profile, null);
    }

    private List<Factor> factors(ChurnService.Scores sc, int row) {
        List<Factor> out = new ArrayList<>();
        for (ChurnModel.Factor f : churn.topFactors(sc, row)) {
            out.add(new Factor(f.feature().key(), f.feature().label(), f.value(), f.contribution()));
        }
        return out;
    }
}
