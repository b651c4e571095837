package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.profile.InterestProfiles;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.analysis.growth.Engagement;
import io.learnergraph.service.CentralityMeasure;
import io.learnergraph.service.GrowthService;
import io.learnergraph.service.PrivacyService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One user with tier, community and centrality scores. */
@Access(Role.VIEWER)
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {

    @Serdeable
    public record Degree(int in, int out, double weightedIn, double weightedOut) {
    }

    @Serdeable
    public record TopicWeight(String topicId, String name, double weight) {
    }

    /** @param interestGroup the user's k-means interest group (GET /api/interest-groups), null without learning */
    @Serdeable
    public record Profile(List<TopicWeight> topTopics, Integer interestGroup) {
    }

    /** Engagement over the configured window up to the latest event (GET /api/engagement explains the formula). */
    @Serdeable
    public record EngagementView(double score, int windowDays, String asOf, int visitDays, double learningHours,
                                 int completions, int ratings, int socialGiven, int socialReceived) {
    }

    @Serdeable
    /**
     * Scores, community and interests are the snapshot's ({@code snapshotVersion}); tier, last
     * activity, degree and engagement are live, through change {@code feedPosition}.
     */
    public record User(String userId, String name, String tier, String joinedAt, String lastActiveAt, int communityId,
                       Map<String, Double> scores, Degree degree, Profile profile, EngagementView engagement,
                       long snapshotVersion, long feedPosition) {
    }

    @Serdeable
    public record Deleted(String userId, long relationshipsDeleted, long snapshotVersion) {
    }

    private final AnalyticsService analytics;
    private final PrivacyService privacy;
    private final GrowthService growth;

    public UsersController(AnalyticsService analytics, PrivacyService privacy, GrowthService growth) {
        this.analytics = analytics;
        this.privacy = privacy;
        this.growth = growth;
    }

    /** Erases the user: their node, every relationship, and every cached result (admin only). */
    @Access(Role.ADMIN)
    @Delete("/{id}")
    public Deleted delete(@PathVariable String id) {
        PrivacyService.Deleted d = privacy.deleteUser(id);
        return new Deleted(d.userId(), d.relationshipsDeleted(), d.snapshotVersion());
    }

    @Get("/{id}")
    public User user(@PathVariable String id) {
        LiveView live = analytics.live();
        GraphSnapshot s = live.snapshot();
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        Map<String, Double> scores = new LinkedHashMap<>();
        for (CentralityMeasure m : new CentralityMeasure[]{CentralityMeasure.PAGERANK, CentralityMeasure.BETWEENNESS,
                CentralityMeasure.EIGENVECTOR, CentralityMeasure.HARMONIC, CentralityMeasure.CORENESS}) {
            scores.put(m.key(), analytics.centrality(s, m, new int[0]).scores()[u]);
        }
        AnalyticsService.LiveUser d = analytics.liveUser(live, u);
        InterestProfiles.Result interests = analytics.interests(s);
        Profile profile = profile(s, interests, u);
        return new User(s.users().ids()[u], s.users().names()[u], d.tier(), time(s.users().joinedMinute()[u]),
                time(d.lastActive()), analytics.defaultCommunities(s).result().partition().community()[u],
                scores, new Degree(d.in(), d.out(), d.weightedIn(), d.weightedOut()), profile,
                engagement(live, u), s.version(), live.feedPosition());
    }

    private EngagementView engagement(LiveView live, int u) {
        Engagement.UserEngagement r = growth.userEngagement(live, u);
        return r == null ? null : new EngagementView(r.score(), r.windowDays(),
                Instant.ofEpochSecond(r.asOf() * 60L).toString(), r.visitDays(), r.learningHours(), r.completions(),
                r.ratings(), r.socialGiven(), r.socialReceived());
    }

    /** A user's top interest topics and interest group. */
    static Profile profile(GraphSnapshot s, InterestProfiles.Result interests, int u) {
        return new Profile(InterestProfiles.topTopics(s, interests, u, 5).stream()
                .map(t -> new TopicWeight(s.topics().ids()[t.topic()], s.topics().names()[t.topic()], t.weight())).toList(),
                interests.group()[u] < 0 ? null : interests.group()[u]);
    }

    private static String time(long minute) {
        return minute == GraphSnapshot.NO_TIME ? null : Instant.ofEpochSecond(minute * 60).toString();
    }
}
