package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.SocialGraphService;
import io.learnergraph.service.SocialViews.InterestGroups;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Interest groups: users clustered by what they learn (k-means++ over TF-IDF topic profiles),
 * each with its size and defining topics. Groups below the privacy floor are only counted.
 */
@Access(Role.VIEWER)
@Controller("/api/interest-groups")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InterestGroupsController {

    private final SocialGraphService social;

    public InterestGroupsController(SocialGraphService social) {
        this.social = social;
    }

    @Get
    public InterestGroups groups() {
        return social.interestGroups();
    }
}
