package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.recommend.LearningPaths;
import io.learnergraph.analysis.recommend.PathStep;
import io.learnergraph.analysis.recommend.Reason;
import io.learnergraph.analysis.recommend.Recommendation;
import io.learnergraph.analysis.recommend.Recommendations;
import io.learnergraph.analysis.recommend.SimilarCourses;
import io.learnergraph.analysis.recommend.UpgradeAdvisor;
import io.learnergraph.service.RecommendationService;
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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public record Step(String kind, String type, String id, String name, String direction) {
    }

    @Serdeable
    public record ReasonView(String kind, String text, List<Step> path, String pathText) {
    }

    @Serdeable
    public record Item(String courseId, String title, String tier, double score, Map<String, Double> sources,
                       String requiresUpgrade, List<ReasonView> reasons) {
    }

    @Serdeable
    /**
     * @param snapshotVersion the snapshot the candidates come from
     * @param feedPosition    the change-feed position the user's own events reflect (null in batch)
     */
    public record UserRecommendations(String userId, String strategy, boolean coldStart, String collaborative,
                                      long snapshotVersion, @Nullable Long feedPosition, List<Item> items) {
    }

    @Serdeable
    public record BatchRequest(@Nullable List<String> userIds, @Nullable Integer limit, @Nullable String strategy,
                               @Nullable Boolean includeGated, @Nullable Boolean explain, @Nullable String weights) {
    }

    @Serdeable
    public record BatchResponse(long snapshotVersion, List<UserRecommendations> results, List<String> unknownUserIds) {
    }

    @Serdeable
    public record CourseRef(String courseId, String title, String tier, double score) {
    }

    @Serdeable
    public record Upgrade(String userId, String currentTier, String suggestedTier, double share,
                          Map<String, Double> shareByTier, List<CourseRef> evidence, String reason, long snapshotVersion) {
    }

    @Serdeable
    public record TopicRef(String topicId, String name) {
    }

    @Serdeable
    public record PathStepView(String topicId, String name, boolean satisfied, boolean inProgress,
                               CourseRef satisfiedBy, CourseRef course, String requiresUpgrade, List<String> requires) {
    }

    @Serdeable
    public record LearningPathView(String userId, TopicRef goal, int remaining, List<PathStepView> steps,
                                   long snapshotVersion) {
    }

    @Serdeable
    public record SimilarItem(String courseId, String title, String tier, double score, double coLearning,
                              double topics, int coLearners, List<TopicRef> sharedTopics) {
    }

    @Serdeable
    public record SimilarCoursesView(String courseId, String title, long snapshotVersion, List<SimilarItem> items) {
    }

    private final RecommendationService recommendations;

    public RecommendationsController(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @Get("/users/{id}/recommendations")
    public UserRecommendations forUser(@PathVariable String id, @Nullable @QueryValue Integer limit,
                                       @Nullable @QueryValue String strategy, @Nullable @QueryValue Boolean includeGated,
                                       @Nullable @QueryValue Boolean explain, @Nullable @QueryValue String weights,
                                       @Nullable @QueryValue Double diversity, @Nullable @QueryValue Double beta) {
        RecommendationService.Answer a = recommendations.recommend(id, new RecommendationService.Options(limit, strategy,
                includeGated, explain, weights, diversity, beta));
        return view(a.snapshot(), a.parameters().strategy().key(), a.recommendations(), a.feedPosition());
    }

    @Post("/recommendations/batch")
    public BatchResponse batch(@Body BatchRequest request) {
        RecommendationService.Options o = new RecommendationService.Options(request.limit(), request.strategy(),
                request.includeGated(), request.explain(), request.weights(), null, null);
        RecommendationService.Batch b = recommendations.batch(request.userIds(), o);
        String strategy = b.parameters().strategy().key();
        return new BatchResponse(b.snapshot().version(), b.results().stream().map(r -> view(b.snapshot(), strategy, r,
                        null))
                .toList(), b.unknownUserIds());
    }

    @Get("/users/{id}/upgrade")
    public Upgrade upgrade(@PathVariable String id) {
        RecommendationService.Pinned<UpgradeAdvisor.Advice> pinned = recommendations.upgrade(id);
        UpgradeAdvisor.Advice a = pinned.value();
        GraphSnapshot s = pinned.snapshot();
        return new Upgrade(id, a.currentTier(), a.suggestedTier(), a.share(), a.shareByTier(),
                a.evidence().stream().map(r -> course(s, r.course(), r.score())).toList(), a.reason(), s.version());
    }

    @Get("/users/{id}/learning-path")
    public LearningPathView learningPath(@PathVariable String id, @Nullable @QueryValue String topic) {
        RecommendationService.Pinned<LearningPaths.LearningPath> pinned = recommendations.learningPath(id, topic);
        LearningPaths.LearningPath p = pinned.value();
        GraphSnapshot s = pinned.snapshot();
        List<PathStepView> steps = p.steps().stream().map(st -> new PathStepView(s.topics().ids()[st.topic()],
                s.topics().names()[st.topic()], st.satisfied(), st.inProgress(),
                st.satisfiedBy() < 0 ? null : course(s, st.satisfiedBy(), 0),
                st.course() < 0 ? null : course(s, st.course(), 0), st.requiresUpgrade(),
                Arrays.stream(st.requires()).mapToObj(t -> s.topics().ids()[t]).toList())).toList();
        return new LearningPathView(id, topic(s, p.goal()), p.remaining(), steps, s.version());
    }

    @Get("/courses/{id}/similar")
    public SimilarCoursesView similar(@PathVariable String id, @Nullable @QueryValue Integer limit) {
        int lim = Params.limit(limit, 10, 200);
        RecommendationService.Pinned<List<SimilarCourses.Similar>> pinned = recommendations.similar(id, lim);
        List<SimilarCourses.Similar> similar = pinned.value();
        GraphSnapshot s = pinned.snapshot();
        int c = recommendations.course(s, id);
        return new SimilarCoursesView(id, s.courses().titles()[c], s.version(), similar.stream()
                .map(x -> new SimilarItem(s.courses().ids()[x.course()], s.courses().titles()[x.course()],
                        s.courses().tiers()[x.course()], x.score(), x.coLearning(), x.topics(), x.coLearners(),
                        Arrays.stream(x.sharedTopics()).mapToObj(t -> topic(s, t)).toList())).toList());
    }

    static UserRecommendations view(GraphSnapshot s, String strategy, Recommendations r, Long feedPosition) {
        List<Item> items = r.items().stream().map(i -> item(s, i)).toList();
        return new UserRecommendations(s.users().ids()[r.user()], strategy, r.coldStart(), r.collaborative(),
                s.version(), feedPosition, items);
    }

    private static Item item(GraphSnapshot s, Recommendation i) {
        Map<String, Double> sources = new LinkedHashMap<>();
        sources.put("knowledge", i.knowledge());
        sources.put("collaborative", i.collaborative());
        sources.put("social", i.social());
        sources.put("popular", i.popular());
        return new Item(s.courses().ids()[i.course()], s.courses().titles()[i.course()], s.courses().tiers()[i.course()],
                i.score(), sources, i.requiresUpgrade(), i.reasons().stream().map(RecommendationsController::reason)
                .toList());
    }

    private static ReasonView reason(Reason r) {
        return new ReasonView(r.kind(), r.text(), r.path().stream().map(RecommendationsController::step).toList(),
                r.renderPath());
    }

    private static Step step(PathStep p) {
        return new Step(p.kind(), p.type(), p.id(), p.name(), p.direction());
    }

    private static CourseRef course(GraphSnapshot s, int c, double score) {
        return new CourseRef(s.courses().ids()[c], s.courses().titles()[c], s.courses().tiers()[c], score);
    }

    private static TopicRef topic(GraphSnapshot s, int t) {
        return new TopicRef(s.topics().ids()[t], s.topics().names()[t]);
    }
}
