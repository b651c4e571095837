package io.learnergraph.service;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.profile.InterestProfiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What the social-structure endpoints answer (communities, influencers, interest groups, one
 * user), built by {@link SocialGraphService}.
 */
public final class SocialViews {

    private SocialViews() {
    }

    @Serdeable
    public record TopicScore(String topicId, String name, double score) {
    }

    @Serdeable
    public record UserScore(String userId, String name, double score) {
    }

    @Serdeable
    public record Profile(int id, int size, double density, List<TopicScore> topTopics, List<UserScore> topInfluencers,
                          double churnedShare, Map<String, Double> tierMix) {
    }

    @Serdeable
    public record SmallBucket(int communities, int members, double churnedShare, Map<String, Double> tierMix) {
    }

    @Serdeable
    public record Communities(String algorithm, double resolution, long seed, double modularity, int communityCount,
                              int iterations, boolean didConverge, long snapshotVersion, int total, int offset,
                              List<Profile> communities, SmallBucket smallCommunities) {
    }

    @Serdeable
    public record Member(String userId, String name, String tier, double pagerank) {
    }

    @Serdeable
    public record CommunityDetail(String algorithm, Profile profile, int offset, List<Member> members) {
    }

    @Serdeable
    public record Influencer(String userId, String name, double score, int rank, int communityId) {
    }

    @Serdeable
    public record Influencers(String measure, String method, long snapshotVersion, Integer community,
                              List<String> sources, List<Influencer> items) {
    }

    @Serdeable
    public record TopicWeight(String topicId, String name, double weight) {
    }

    @Serdeable
    public record InterestGroup(int id, int size, List<TopicWeight> topTopics) {
    }

    @Serdeable
    public record InterestGroups(int groupCount, long snapshotVersion, List<InterestGroup> groups, int smallGroups,
                                 int smallGroupMembers) {
    }

    @Serdeable
    public record Degree(int in, int out, double weightedIn, double weightedOut) {
    }

    /** @param interestGroup the user's k-means interest group (GET /api/interest-groups), null without learning */
    @Serdeable
    public record UserProfile(List<TopicWeight> topTopics, @Nullable Integer interestGroup) {
    }

    /** Engagement over the configured window up to the latest event (GET /api/engagement explains the formula). */
    @Serdeable
    public record UserEngagement(double score, int windowDays, String asOf, int visitDays, double learningHours,
                                 int completions, int ratings, int socialGiven, int socialReceived) {
    }

    /**
     * Scores, community and interests are the snapshot's ({@code snapshotVersion}); tier, last
     * activity, degree and engagement are live, through change {@code feedPosition}.
     */
    @Serdeable
    public record User(String userId, String name, String tier, String joinedAt, String lastActiveAt, int communityId,
                       Map<String, Double> scores, Degree degree, UserProfile profile, UserEngagement engagement,
                       long snapshotVersion, long feedPosition) {
    }

    /** A user's top interest topics and interest group. */
    static UserProfile profile(GraphSnapshot s, InterestProfiles.Result interests, int u) {
        return new UserProfile(InterestProfiles.topTopics(s, interests, u, SocialGraphService.PROFILE_TOPICS).stream()
                .map(t -> new TopicWeight(s.topics().ids()[t.topic()], s.topics().names()[t.topic()], t.weight())).toList(),
                interests.group()[u] < 0 ? null : interests.group()[u]);
    }
}
