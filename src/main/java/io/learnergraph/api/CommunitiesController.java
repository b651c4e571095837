package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.SocialGraphService;
import io.learnergraph.service.SocialViews.CommunityDetail;
import io.learnergraph.service.SocialViews.Communities;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Community clusters of the social graph and their profiles. */
@Access(Role.VIEWER)
@Controller("/api/communities")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommunitiesController {

    private final SocialGraphService social;

    public CommunitiesController(SocialGraphService social) {
        this.social = social;
    }

    @Get
    public Communities list(@Nullable @QueryValue String algorithm, @Nullable @QueryValue Double resolution,
                            @Nullable @QueryValue Long seed, @Nullable @QueryValue Integer limit,
                            @Nullable @QueryValue Integer offset) {
        return social.communities(algorithm, resolution, seed, Params.limit(limit, 20, 1000), Params.offset(offset));
    }

    @Get("/{id}")
    public CommunityDetail one(@PathVariable int id, @Nullable @QueryValue String algorithm,
                               @Nullable @QueryValue Double resolution, @Nullable @QueryValue Long seed,
                               @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset) {
        return social.community(id, algorithm, resolution, seed, Params.limit(limit, 100, 10_000),
                Params.offset(offset));
    }

    /** {@code user_id,community_id}, one row per user. */
    @Get(value = "/assignments", produces = "text/csv")
    public HttpResponse<String> assignments(@Nullable @QueryValue String algorithm,
                                            @Nullable @QueryValue Double resolution, @Nullable @QueryValue Long seed) {
        return HttpResponse.ok(social.assignmentsCsv(algorithm, resolution, seed)).contentType("text/csv");
    }
}
