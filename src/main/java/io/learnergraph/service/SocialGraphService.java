package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.growth.Engagement;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.analysis.profile.CommunityProfiler;
import io.learnergraph.analysis.profile.InterestProfiles;
import io.learnergraph.ingest.CsvReader;
import io.learnergraph.service.SocialViews.CommunityDetail;
import io.learnergraph.service.SocialViews.Communities;
import io.learnergraph.service.SocialViews.Degree;
import io.learnergraph.service.SocialViews.Influencer;
import io.learnergraph.service.SocialViews.Influencers;
import io.learnergraph.service.SocialViews.InterestGroup;
import io.learnergraph.service.SocialViews.InterestGroups;
import io.learnergraph.service.SocialViews.Member;
import io.learnergraph.service.SocialViews.Profile;
import io.learnergraph.service.SocialViews.SmallBucket;
import io.learnergraph.service.SocialViews.TopicScore;
import io.learnergraph.service.SocialViews.TopicWeight;
import io.learnergraph.service.SocialViews.User;
import io.learnergraph.service.SocialViews.UserEngagement;
import io.learnergraph.service.SocialViews.UserProfile;
import io.learnergraph.service.SocialViews.UserScore;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The social structure as the API shows it: community clusters and their profiles, influencers,
 * interest groups and one user, each read from one pinned snapshot, with groups below the
 * {@link PrivacyFloor} never shown alone.
 */
@Singleton
public class SocialGraphService {

    /** Topics listed in a user's or an interest group's profile. */
    public static final int PROFILE_TOPICS = 5;

    private static final CentralityMeasure[] USER_SCORES = {CentralityMeasure.PAGERANK, CentralityMeasure.BETWEENNESS,
            CentralityMeasure.EIGENVECTOR, CentralityMeasure.HARMONIC, CentralityMeasure.CORENESS};

    private final AnalyticsService analytics;
    private final GrowthService growth;

    public SocialGraphService(AnalyticsService analytics, GrowthService growth) {
        this.analytics = analytics;
        this.growth = growth;
    }

    // ------------------------------------------------------------------ communities

    /** A page of the communities of one clustering (null parameters: the defaults), largest first. */
    public Communities communities(String algorithm, Double resolution, Long seed, int limit, int offset) {
        GraphSnapshot s = analytics.snapshot();
        AnalyticsService.CommunityRun run = run(s, algorithm, resolution, seed);
        List<CommunityProfiler.CommunityProfile> all = run.profiles().communities();
        List<Profile> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())).stream()
                .map(p -> profile(s, p)).toList();
        CommunityProfiler.SmallCommunities small = run.profiles().small();
        return new Communities(run.algorithm().key(), run.resolution(), run.seed(), run.result().modularity(),
                run.result().partition().count(), run.result().iterations(), run.result().didConverge(), run.version(),
                all.size(), offset, page,
                new SmallBucket(small.communities(), small.members(), small.churnedShare(), small.tierMix()));
    }

    /** One community's profile and a page of its members, highest PageRank first. */
    public CommunityDetail community(int id, String algorithm, Double resolution, Long seed, int limit, int offset) {
        GraphSnapshot s = analytics.snapshot();
        AnalyticsService.CommunityRun run = run(s, algorithm, resolution, seed);
        CommunityProfiler.CommunityProfile p = run.profiles().communities().stream().filter(c -> c.id() == id)
                .findFirst().orElseThrow(() -> new LearnerGraphException.NotFound("no community " + id + " of at least "
                        + analytics.privacyFloor().minimum() + " members in this " + run.algorithm().key()
                        + " clustering"));
        double[] pagerank = analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores();
        int[] comm = run.result().partition().community();
        List<Integer> members = new ArrayList<>();
        for (int u = 0; u < comm.length; u++) {
            if (comm[u] == id) {
                members.add(u);
            }
        }
        members.sort((a, b) -> Double.compare(pagerank[b], pagerank[a]));
        List<Member> page = members.subList(Math.min(offset, members.size()), Math.min(offset + limit, members.size()))
                .stream().map(u -> new Member(s.users().ids()[u], s.users().names()[u], s.users().tiers()[u],
                        pagerank[u])).toList();
        return new CommunityDetail(run.algorithm().key(), profile(s, p), offset, page);
    }

    /** {@code user_id,community_id}, one row per user. */
    public String assignmentsCsv(String algorithm, Double resolution, Long seed) {
        GraphSnapshot s = analytics.snapshot();
        int[] comm = run(s, algorithm, resolution, seed).result().partition().community();
        StringBuilder csv = new StringBuilder(comm.length * 16).append("user_id,community_id\n");
        for (int u = 0; u < comm.length; u++) {
            csv.append(CsvReader.escape(s.users().ids()[u])).append(',').append(comm[u]).append('\n');
        }
        return csv.toString();
    }

    private AnalyticsService.CommunityRun run(GraphSnapshot s, String algorithm, Double resolution, Long seed) {
        return analytics.communities(s, algorithm == null ? CommunityAlgorithm.LEIDEN : CommunityAlgorithm.parse(algorithm),
                resolution == null ? AnalyticsService.RESOLUTION_DEFAULT : resolution,
                seed == null ? AnalyticsService.SEED_DEFAULT : seed);
    }

    private static Profile profile(GraphSnapshot s, CommunityProfiler.CommunityProfile p) {
        return new Profile(p.id(), p.size(), p.density(),
                p.topTopics().stream().map(t -> new TopicScore(s.topics().ids()[t.topic()], s.topics().names()[t.topic()],
                        t.score())).toList(),
                p.topInfluencers().stream().map(m -> new UserScore(s.users().ids()[m.user()], s.users().names()[m.user()],
                        m.score())).toList(),
                p.churnedShare(), p.tierMix());
    }

    // ------------------------------------------------------------------ influencers

    /** The top users by a measure (null: PageRank), overall or in one community of the default clustering. */
    public Influencers influencers(String measure, int limit, Integer community, List<String> sourceIds) {
        CentralityMeasure m = measure == null ? CentralityMeasure.PAGERANK : CentralityMeasure.parse(measure);
        GraphSnapshot s = analytics.snapshot();
        if (!sourceIds.isEmpty() && m != CentralityMeasure.PERSONALIZED_PAGERANK) {
            throw new LearnerGraphException.InvalidInput("sources", "sources apply to measure=personalized_pagerank only");
        }
        int[] src = analytics.userIndexes(s, sourceIds, "sources");
        AnalyticsService.CentralityRun run = analytics.centrality(s, m, src);
        int[] comm = analytics.defaultCommunities(s).result().partition().community();
        if (community != null) {
            analytics.privacyFloor().requireShown("community", community,
                    IntStream.of(comm).filter(c -> c == community).count(), "default (leiden)");
        }
        double[] score = run.scores();
        int[] order = analytics.ranking(s, m, src);
        List<Integer> ranked = new ArrayList<>(limit);
        for (int i = 0; i < order.length && ranked.size() < limit; i++) {
            if (community == null || comm[order[i]] == community) {
                ranked.add(order[i]);
            }
        }
        List<Influencer> items = IntStream.range(0, ranked.size()).mapToObj(i -> {
            int u = ranked.get(i);
            return new Influencer(s.users().ids()[u], s.users().names()[u], score[u], i + 1, comm[u]);
        }).toList();
        return new Influencers(m.key(), run.method(), run.version(), community, sourceIds, items);
    }

    // ------------------------------------------------------------------ interest groups

    /** The k-means interest groups, largest first; those below the floor only counted. */
    public InterestGroups interestGroups() {
        GraphSnapshot s = analytics.snapshot();
        InterestProfiles.Result r = analytics.interests(s);
        List<InterestGroup> groups = new ArrayList<>();
        int small = 0;
        int smallMembers = 0;
        for (int g = 0; g < r.groupCount(); g++) {
            if (!analytics.privacyFloor().showsAlone(r.sizes()[g])) {
                small++;
                smallMembers += r.sizes()[g];
                continue;
            }
            groups.add(new InterestGroup(g, r.sizes()[g], InterestProfiles.groupTopics(r, g, PROFILE_TOPICS).stream()
                    .map(t -> new TopicWeight(s.topics().ids()[t.topic()], s.topics().names()[t.topic()], t.weight()))
                    .toList()));
        }
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return new InterestGroups(r.groupCount(), s.version(), groups, small, smallMembers);
    }

    // ------------------------------------------------------------------ one user

    /** One user: the snapshot's scores, community and interests, the live graph's tier, degree and engagement. */
    public User user(String id) {
        LiveView live = analytics.live();
        GraphSnapshot s = live.snapshot();
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        Map<String, Double> scores = new LinkedHashMap<>();
        for (CentralityMeasure m : USER_SCORES) {
            scores.put(m.key(), analytics.centrality(s, m, new int[0]).scores()[u]);
        }
        AnalyticsService.LiveUser d = analytics.liveUser(live, u);
        return new User(s.users().ids()[u], s.users().names()[u], d.tier(), time(s.users().joinedMinute()[u]),
                time(d.lastActive()), analytics.defaultCommunities(s).result().partition().community()[u],
                scores, new Degree(d.in(), d.out(), d.weightedIn(), d.weightedOut()), profile(s, u),
                engagement(live, u), s.version(), live.feedPosition());
    }

    /** A user's top interest topics and interest group, as of snapshot {@code s}. */
    public UserProfile profile(GraphSnapshot s, int u) {
        return SocialViews.profile(s, analytics.interests(s), u);
    }

    private UserEngagement engagement(LiveView live, int u) {
        Engagement.UserEngagement r = growth.userEngagement(live, u);
        return r == null ? null : new UserEngagement(r.score(), r.windowDays(), Time.iso(r.asOf()), r.visitDays(),
                r.learningHours(), r.completions(), r.ratings(), r.socialGiven(), r.socialReceived());
    }

    private static String time(long minute) {
        return minute == GraphSnapshot.NO_TIME ? null : Time.iso((int) minute);
    }
}
