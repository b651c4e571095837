package io.learnergraph.api;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.churn.ChurnFeature;
import io.learnergraph.analysis.churn.ChurnModel;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.profile.InterestProfiles;
import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.ingest.CsvReader;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.service.CentralityMeasure;
import io.learnergraph.service.ChurnService;
import io.learnergraph.service.JobService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Churn model training, risk lists and per-user churn explanations. */
@Access(Role.VIEWER)
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChurnController {

    static final int MAX_LIMIT = 10_000;

    @Serdeable
    public record Factor(String feature, String label, double value, double contribution) {
    }

    /**
     * @param influence PageRank relative to the average user (1 = average)
     * @param reach     distinct users who follow or interact with them
     */
    @Serdeable
    public record RiskItem(String userId, String name, String tier, int communityId, double risk, double influence,
                           int reach, List<Factor> topFactors) {
    }

    @Serdeable
    public record RiskList(String scoredAt, String modelTrainedAt, int horizonDays, long snapshotVersion,
                           int activeUsers, int matched, boolean influencersOnly, List<RiskItem> items) {
    }

    @Serdeable
    public record UserChurn(String userId, String name, boolean active, Double risk, String scoredAt, int horizonDays,
                            Map<String, Double> features, List<Factor> topFactors, UsersController.Profile profile,
                            String note) {
    }

    private final ChurnService churn;
    private final AnalyticsService analytics;
    private final JobService jobs;

    public ChurnController(ChurnService churn, AnalyticsService analytics, JobService jobs) {
        this.churn = churn;
        this.analytics = analytics;
        this.jobs = jobs;
    }

    /**
     * Trains at {@code asOf} (default: the latest event): 200 with the model, or 202 with a job
     * (GET /api/jobs/{id}) when the graph has more than {@code sync-max-users} users or {@code async=true}.
     */
    @Access(Role.ANALYST)
    @Post("/churn/train")
    public HttpResponse<?> train(@Nullable @QueryValue String asOf, @Nullable @QueryValue Integer horizonDays,
                                 @Nullable @QueryValue Boolean async) {
        ChurnService.TrainRequest r = churn.request(asOf, horizonDays);
        if (Boolean.TRUE.equals(async) || churn.isLarge()) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("asOf", io.learnergraph.analysis.churn.ChurnFeatures.describe(r.asOfMinute()));
            parameters.put("horizonDays", Integer.toString(r.definition().horizonDays()));
            JobService.Job job = jobs.submit("churn-train", parameters, progress -> {
                ChurnService.ModelView v = churn.train(r, progress);
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("auc", v.auc());
                summary.put("aucWithoutGraphFeatures", v.aucWithoutGraphFeatures());
                summary.put("positives", v.positives());
                summary.put("population", v.population());
                return summary;
            });
            return HttpResponse.status(HttpStatus.ACCEPTED).body(job);
        }
        return HttpResponse.ok(churn.train(r, p -> { }));
    }

    @Get("/churn/model")
    public ChurnService.ModelView model() {
        return churn.model();
    }

    @Get("/churn/risk")
    public RiskList risk(@Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer community,
                         @Nullable @QueryValue String tier, @Nullable @QueryValue Double minRisk,
                         @Nullable @QueryValue Boolean influencersOnly) {
        int lim = Params.limit(limit, 100, MAX_LIMIT);
        double floor = minRisk == null ? 0 : minRisk;
        if (!(floor >= 0 && floor <= 1)) {
            throw new LearnerGraphException.InvalidInput("minRisk", "minRisk must be in [0, 1], was " + minRisk);
        }
        GraphSnapshot s = analytics.snapshot();
        ChurnService.Scores sc = churn.scores(s);
        int[] comm = analytics.defaultCommunities(s).result().partition().community();
        if (community != null) {
            analytics.privacyFloor().requireShown("community", community,
                    java.util.Arrays.stream(comm).filter(c -> c == community).count(), "default (leiden)");
        }
        if (tier != null && !tier.isBlank() && !churn.tiers().contains(tier)) {
            throw new LearnerGraphException.InvalidInput("tier", "unknown tier '" + tier + "' (allowed: "
                    + String.join(", ", churn.tiers()) + ")");
        }
        double[] pagerank = analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores();
        int[] reach = analytics.degrees(s).in();
        boolean influencers = Boolean.TRUE.equals(influencersOnly);
        boolean[] top = influencers ? churn.influencers(s) : null;
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
        if (influencers) {
            // at-risk influencers first: risk × influence, since losing them drags their followers along
            rows.sort((a, b) -> Double.compare(sc.risk()[b] * pagerank[sc.matrix().users()[b]],
                    sc.risk()[a] * pagerank[sc.matrix().users()[a]]));
        }
        List<RiskItem> items = rows.stream().limit(lim).map(row -> {
            int u = sc.matrix().users()[row];
            return new RiskItem(s.users().ids()[u], s.users().names()[u], s.users().tiers()[u], comm[u], sc.risk()[row],
                    pagerank[u] * n, reach[u], factors(sc, row));
        }).toList();
        return new RiskList(sc.scoredAtText(), sc.modelTrainedAt().toString(), sc.model().definition().horizonDays(),
                sc.snapshotVersion(), sc.matrix().rows(), rows.size(), influencers, items);
    }

    /** {@code user_id,risk} for every active user, highest risk first. */
    @Get(value = "/churn/scores", produces = "text/csv")
    public HttpResponse<String> scores() {
        GraphSnapshot s = analytics.snapshot();
        ChurnService.Scores sc = churn.scores(s);
        StringBuilder csv = new StringBuilder(sc.order().length * 24).append("user_id,risk\n");
        for (int row : sc.order()) {
            csv.append(CsvReader.escape(s.users().ids()[sc.matrix().users()[row]])).append(',')
                    .append(sc.risk()[row]).append('\n');
        }
        return HttpResponse.ok(csv.toString()).contentType("text/csv");
    }

    @Get("/users/{id}/churn")
    public UserChurn user(@PathVariable String id) {
        GraphSnapshot s = analytics.snapshot();
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        ChurnService.Scores sc = churn.scores(s);
        InterestProfiles.Result interests = analytics.interests(s);
        UsersController.Profile profile = UsersController.profile(s, interests, u);
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
