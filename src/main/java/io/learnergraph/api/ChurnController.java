package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.ChurnRiskService;
import io.learnergraph.service.ChurnService;
import io.learnergraph.service.ChurnViews.RiskList;
import io.learnergraph.service.ChurnViews.UserChurn;
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

/** Churn model training, risk lists and per-user churn explanations. */
@Access(Role.VIEWER)
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChurnController {

    static final int MAX_LIMIT = 10_000;

    private final ChurnRiskService risk;
    private final ChurnService churn;

    public ChurnController(ChurnRiskService risk, ChurnService churn) {
        this.risk = risk;
        this.churn = churn;
    }

    /**
     * Trains at {@code asOf} (default: the latest event): 200 with the model, or 202 with a job
     * (GET /api/jobs/{id}) when the graph has more than {@code sync-max-users} users or {@code async=true}.
     */
    @Access(Role.ANALYST)
    @Post("/churn/train")
    public HttpResponse<?> train(@Nullable @QueryValue String asOf, @Nullable @QueryValue Integer horizonDays,
                                 @Nullable @QueryValue Boolean async) {
        ChurnRiskService.Training t = risk.train(asOf, horizonDays, Boolean.TRUE.equals(async));
        return t.job() != null ? HttpResponse.status(HttpStatus.ACCEPTED).body(t.job()) : HttpResponse.ok(t.model());
    }

    @Get("/churn/model")
    public ChurnService.ModelView model() {
        return churn.model();
    }

    @Get("/churn/risk")
    public RiskList risk(@Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer community,
                         @Nullable @QueryValue String tier, @Nullable @QueryValue Double minRisk,
                         @Nullable @QueryValue Boolean influencersOnly) {
        return risk.risk(Params.limit(limit, 100, MAX_LIMIT), community, tier, minRisk,
                Boolean.TRUE.equals(influencersOnly));
    }

    /** {@code user_id,risk} for every active user, highest risk first. */
    @Get(value = "/churn/scores", produces = "text/csv")
    public HttpResponse<String> scores() {
        return HttpResponse.ok(risk.scoresCsv()).contentType("text/csv");
    }

    @Get("/users/{id}/churn")
    public UserChurn user(@PathVariable String id) {
        return risk.user(id);
    }
}
