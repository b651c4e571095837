package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.BlendFitService;
import io.learnergraph.service.RecommendationService;
import io.learnergraph.service.RecommendationViews.BatchResponse;
import io.learnergraph.service.RecommendationViews.LearningPathView;
import io.learnergraph.service.RecommendationViews.SimilarCoursesView;
import io.learnergraph.service.RecommendationViews.Upgrade;
import io.learnergraph.service.RecommendationViews.UserRecommendations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Graph-based course candidates for recommender services, with explanations, plus learning
 * paths, upgrade suggestions and similar courses. Everything is served from the in-memory
 * projection: no Cypher per request.
 */
@Access(Role.SERVICE)
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecommendationsController {

    @Serdeable
    public record BatchRequest(@Nullable List<String> userIds, @Nullable Integer limit, @Nullable String strategy,
                               @Nullable Boolean includeGated, @Nullable Boolean explain, @Nullable String weights) {
    }

    private final RecommendationService recommendations;
    private final BlendFitService blend;

    public RecommendationsController(RecommendationService recommendations, BlendFitService blend) {
        this.recommendations = recommendations;
        this.blend = blend;
    }

    /** The blend weights in use, where they come from, and how the fitted ones did on held-out users. */
    @Get("/recommendations/model")
    public BlendFitService.ModelView model() {
        return blend.view();
    }

    /** Fits the blend on the current snapshot now (minutes on a large platform) and answers the model. */
    @Access(Role.ADMIN)
    @Post("/recommendations/model/fit")
    public BlendFitService.ModelView fit() {
        return blend.fitNow();
    }

    @Get("/users/{id}/recommendations")
    public UserRecommendations forUser(@PathVariable String id, @Nullable @QueryValue Integer limit,
                                       @Nullable @QueryValue String strategy, @Nullable @QueryValue Boolean includeGated,
                                       @Nullable @QueryValue Boolean explain, @Nullable @QueryValue String weights,
                                       @Nullable @QueryValue Double diversity, @Nullable @QueryValue Double beta) {
        return recommendations.forUser(id, new RecommendationService.Options(limit, strategy, includeGated, explain,
                weights, diversity, beta));
    }

    @Post("/recommendations/batch")
    public BatchResponse batch(@Body BatchRequest request) {
        return recommendations.batchView(request.userIds(), new RecommendationService.Options(request.limit(),
                request.strategy(), request.includeGated(), request.explain(), request.weights(), null, null));
    }

    @Get("/users/{id}/upgrade")
    public Upgrade upgrade(@PathVariable String id) {
        return recommendations.upgrade(id);
    }

    @Get("/users/{id}/learning-path")
    public LearningPathView learningPath(@PathVariable String id, @Nullable @QueryValue String topic) {
        return recommendations.learningPath(id, topic);
    }

    @Get("/courses/{id}/similar")
    public SimilarCoursesView similar(@PathVariable String id, @Nullable @QueryValue Integer limit) {
        return recommendations.similar(id, Params.limit(limit, 10, 200));
    }
}
