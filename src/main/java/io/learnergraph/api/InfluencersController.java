package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.SocialGraphService;
import io.learnergraph.service.SocialViews.Influencers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The platform's key opinion leaders by an influence measure, overall or in one community. */
@Access(Role.VIEWER)
@Controller("/api/influencers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InfluencersController {

    private final SocialGraphService social;

    public InfluencersController(SocialGraphService social) {
        this.social = social;
    }

    @Get
    public Influencers influencers(@Nullable @QueryValue String measure, @Nullable @QueryValue Integer limit,
                                   @Nullable @QueryValue Integer community, @Nullable @QueryValue String sources) {
        return social.influencers(measure, Params.limit(limit, 20, 1000), community, Params.list(sources));
    }
}
