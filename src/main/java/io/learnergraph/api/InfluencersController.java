package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.service.CentralityMeasure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.stream.IntStream;

/** The platform's key opinion leaders by an influence measure, overall or in one community. */
@Access(Role.VIEWER)
@Controller("/api/influencers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InfluencersController {

    @Serdeable
    public record Item(String userId, String name, double score, int rank, int communityId) {
    }

    @Serdeable
    public record Influencers(String measure, String method, long snapshotVersion, Integer community,
                              List<String> sources, List<Item> items) {
    }

    private final AnalyticsService analytics;

    public InfluencersController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @Get
    public Influencers influencers(@Nullable @QueryValue String measure, @Nullable @QueryValue Integer limit,
                                   @Nullable @QueryValue Integer community, @Nullable @QueryValue String sources) {
        CentralityMeasure m = measure == null ? CentralityMeasure.PAGERANK : CentralityMeasure.parse(measure);
        int lim = Params.limit(limit, 20, 1000);
        GraphSnapshot s = analytics.snapshot();
        List<String> sourceIds = Params.list(sources);
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
        List<Integer> ranked = new java.util.ArrayList<>(lim);
        for (int i = 0; i < order.length && ranked.size() < lim; i++) {
            if (community == null || comm[order[i]] == community) {
                ranked.add(order[i]);
            }
        }
        List<Item> items = IntStream.range(0, ranked.size()).mapToObj(i -> {
            int u = ranked.get(i);
            return new Item(s.users().ids()[u], s.users().names()[u], score[u], i + 1, comm[u]);
        }).toList();
        return new Influencers(m.key(), run.method(), run.version(), community, sourceIds, items);
    }
}
