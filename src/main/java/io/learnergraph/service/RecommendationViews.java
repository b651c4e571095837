package io.learnergraph.service;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.recommend.LearningPaths;
import io.learnergraph.analysis.recommend.PathStep;
import io.learnergraph.analysis.recommend.Reason;
import io.learnergraph.analysis.recommend.Recommendation;
import io.learnergraph.analysis.recommend.Recommendations;
import io.learnergraph.analysis.recommend.SimilarCourses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the recommendation endpoints answer, and the one mapping from the recommender's index-based
 * results (course and topic numbers of one snapshot) to ids and names. The win-back view of the
 * growth service answers with the same {@link UserRecommendations}.
 */
public final class RecommendationViews {

    private RecommendationViews() {
    }

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

    public static UserRecommendations view(GraphSnapshot s, String strategy, Recommendations r, Long feedPosition) {
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
                i.score(), sources, i.requiresUpgrade(), i.reasons().stream().map(RecommendationViews::reason)
                .toList());
    }

    private static ReasonView reason(Reason r) {
        return new ReasonView(r.kind(), r.text(), r.path().stream().map(RecommendationViews::step).toList(),
                r.renderPath());
    }

    private static Step step(PathStep p) {
        return new Step(p.kind(), p.type(), p.id(), p.name(), p.direction());
    }

    static LearningPathView learningPath(GraphSnapshot s, String userId, LearningPaths.LearningPath p) {
        List<PathStepView> steps = p.steps().stream().map(st -> new PathStepView(s.topics().ids()[st.topic()],
                s.topics().names()[st.topic()], st.satisfied(), st.inProgress(),
                st.satisfiedBy() < 0 ? null : course(s, st.satisfiedBy(), 0),
                st.course() < 0 ? null : course(s, st.course(), 0), st.requiresUpgrade(),
                Arrays.stream(st.requires()).mapToObj(t -> s.topics().ids()[t]).toList())).toList();
        return new LearningPathView(userId, topic(s, p.goal()), p.remaining(), steps, s.version());
    }

    static SimilarCoursesView similar(GraphSnapshot s, int c, List<SimilarCourses.Similar> similar) {
        return new SimilarCoursesView(s.courses().ids()[c], s.courses().titles()[c], s.version(), similar.stream()
                .map(x -> new SimilarItem(s.courses().ids()[x.course()], s.courses().titles()[x.course()],
                        s.courses().tiers()[x.course()], x.score(), x.coLearning(), x.topics(), x.coLearners(),
                        Arrays.stream(x.sharedTopics()).mapToObj(t -> topic(s, t)).toList())).toList());
    }

    static CourseRef course(GraphSnapshot s, int c, double score) {
        return new CourseRef(s.courses().ids()[c], s.courses().titles()[c], s.courses().tiers()[c], score);
    }

    static TopicRef topic(GraphSnapshot s, int t) {
        return new TopicRef(s.topics().ids()[t], s.topics().names()[t]);
    }
}
