package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.profile.CommunityProfiler;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.service.CommunityAlgorithm;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Community clusters of the social graph and their profiles. */
@Access(Role.VIEWER)
@Controller("/api/communities")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommunitiesController {

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

    private final AnalyticsService analytics;

    public CommunitiesController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @Get
    public Communities list(@Nullable @QueryValue String algorithm, @Nullable @QueryValue Double resolution,
                            @Nullable @QueryValue Long seed, @Nullable @QueryValue Integer limit,
                            @Nullable @QueryValue Integer offset) {
        GraphSnapshot s = analytics.snapshot();
        AnalyticsService.CommunityRun run = run(s, algorithm, resolution, seed);
        int lim = Params.limit(limit, 20, 1000);
        int off = Params.offset(offset);
        List<CommunityProfiler.CommunityProfile> all = run.profiles().communities();
        List<Profile> page = all.subList(Math.min(off, all.size()), Math.min(off + lim, all.size())).stream()
                .map(p -> profile(s, p)).toList();
        CommunityProfiler.SmallCommunities small = run.profiles().small();
        return new Communities(run.algorithm().key(), run.resolution(), run.seed(), run.result().modularity(),
                run.result().partition().count(), run.result().iterations(), run.result().didConverge(), run.version(),
                all.size(), off, page,
                new SmallBucket(small.communities(), small.members(), small.churnedShare(), small.tierMix()));
    }

    @Get("/{id}")
    public CommunityDetail one(@PathVariable int id, @Nullable @QueryValue String algorithm,
                               @Nullable @QueryValue Double resolution, @Nullable @QueryValue Long seed,
                               @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset) {
        GraphSnapshot s = analytics.snapshot();
        AnalyticsService.CommunityRun run = run(s, algorithm, resolution, seed);
        int lim = Params.limit(limit, 100, 10_000);
        int off = Params.offset(offset);
        CommunityProfiler.CommunityProfile p = run.profiles().communities().stream().filter(c -> c.id() == id)
                .findFirst().orElseThrow(() -> new LearnerGraphException.NotFound("no community " + id + " of at least "
                        + analytics.privacyFloor().minimum() + " members in this " + run.algorithm().key()
                        + " clustering"));
        double[] pagerank = analytics.centrality(s, io.learnergraph.service.CentralityMeasure.PAGERANK, new int[0])
                .scores();
        int[] comm = run.result().partition().community();
        List<Integer> members = new ArrayList<>();
        for (int u = 0; u < comm.length; u++) {
            if (comm[u] == id) {
                members.add(u);
            }
        }
        members.sort((a, b) -> Double.compare(pagerank[b], pagerank[a]));
        List<Member> page = members.subList(Math.min(off, members.size()), Math.min(off + lim, members.size()))
                .stream().map(u -> new Member(s.users().ids()[u], s.users().names()[u], s.users().tiers()[u],
                        pagerank[u])).toList();
        return new CommunityDetail(run.algorithm().key(), profile(s, p), off, page);
    }

    /** {@code user_id,community_id}, one row per user. */
    @Get(value = "/assignments", produces = "text/csv")
    public HttpResponse<String> assignments(@Nullable @QueryValue String algorithm,
                                            @Nullable @QueryValue Double resolution, @Nullable @QueryValue Long seed) {
        GraphSnapshot s = analytics.snapshot();
        AnalyticsService.CommunityRun run = run(s, algorithm, resolution, seed);
        int[] comm = run.result().partition().community();
        StringBuilder csv = new StringBuilder(comm.length * 16).append("user_id,community_id\n");
        for (int u = 0; u < comm.length; u++) {
            csv.append(io.learnergraph.ingest.CsvReader.escape(s.users().ids()[u])).append(',').append(comm[u])
                    .append('\n');
        }
        return HttpResponse.ok(csv.toString()).contentType("text/csv");
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
}
