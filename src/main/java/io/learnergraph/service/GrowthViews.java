package io.learnergraph.service;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** What the growth endpoints answer (built by {@link GrowthService}). */
public final class GrowthViews {

    private GrowthViews() {
    }

    @Serdeable
    public record EngagementGroup(String key, int users, int activeUsers, double mean, double median,
                                  Map<String, Double> percentiles) {
    }

    @Serdeable
    public record EngagementView(String asOf, int windowDays, String groupBy, Map<String, Double> weights,
                                 List<EngagementGroup> groups, long snapshotVersion) {
    }

    @Serdeable
    public record FunnelGroup(String key, String name, List<Long> counts, List<Double> conversion) {
    }

    @Serdeable
    public record FunnelView(List<String> steps, String from, String to, String groupBy, FunnelGroup overall,
                             int groupCount, List<FunnelGroup> groups, long snapshotVersion) {
    }

    @Serdeable
    public record CohortView(String start, int size, List<Double> retention) {
    }

    @Serdeable
    public record CohortGroup(String key, List<CohortView> cohorts) {
    }

    @Serdeable
    public record CohortsView(String period, String groupBy, String from, String to, String until,
                              List<CohortGroup> groups, long snapshotVersion) {
    }

    @Serdeable
    public record Quality(double score, double bayesRating, Double meanRating, int ratings, int enrolled, int completed,
                          Double completionRate, double bayesCompletion, double creatorStanding) {
    }

    @Serdeable
    public record CourseSummary(String courseId, String title, String tier, String creatorId, Quality quality) {
    }

    @Serdeable
    public record CourseView(String courseId, String title, String tier, String creatorId, String creatorName,
                             Double price, String publishedAt, Map<String, String> properties,
                             List<Map<String, Object>> topics, Quality quality, double platformRating,
                             double platformCompletion, long snapshotVersion) {
    }

    @Serdeable
    public record CourseList(String sort, String topic, String tier, int matched, List<CourseSummary> items,
                             long snapshotVersion) {
    }

    @Serdeable
    public record LifecycleGroup(String key, int users, Map<String, Integer> stages) {
    }

    @Serdeable
    public record LifecycleView(String asOf, String groupBy, String atRiskBy, List<LifecycleGroup> groups,
                                long snapshotVersion) {
    }

    @Serdeable
    public record Flow(String from, String to, int users) {
    }

    @Serdeable
    public record TransitionsView(String from, String to, List<String> stages, List<Flow> flows, long snapshotVersion) {
    }

    @Serdeable
    public record LeaderboardItem(int rank, String userId, String name, double points, Map<String, Integer> byKind) {
    }

    @Serdeable
    public record LeaderboardView(String asOf, int windowDays, Integer community, Map<String, Double> points,
                                  List<LeaderboardItem> items, long snapshotVersion) {
    }

    @Serdeable
    public record WinBack(String userId, String stage, String lastActiveAt,
                          RecommendationViews.UserRecommendations candidates) {
    }

    /** One user's lifecycle stage at the latest event (null stage: not joined yet). */
    @Serdeable
    public record UserStage(String userId, String stage, String asOf, String atRiskBy, String lastActiveAt,
                            long snapshotVersion) {
    }
}
