package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.GrowthService;
import io.learnergraph.service.GrowthViews.CohortsView;
import io.learnergraph.service.GrowthViews.CourseList;
import io.learnergraph.service.GrowthViews.CourseView;
import io.learnergraph.service.GrowthViews.EngagementView;
import io.learnergraph.service.GrowthViews.FunnelView;
import io.learnergraph.service.GrowthViews.LeaderboardView;
import io.learnergraph.service.GrowthViews.LifecycleView;
import io.learnergraph.service.GrowthViews.TransitionsView;
import io.learnergraph.service.GrowthViews.UserStage;
import io.learnergraph.service.GrowthViews.WinBack;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Growth analytics: engagement, conversion funnels, cohort retention, course quality,
 * lifecycle stages and win-back candidates, contribution leaderboards ({@link GrowthService}
 * builds each view; groups below the privacy floor are folded into one "small groups" row).
 */
@Access(Role.VIEWER)
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GrowthController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final GrowthService growth;

    public GrowthController(GrowthService growth) {
        this.growth = growth;
    }

    @Get("/engagement")
    public EngagementView engagement(@Nullable @QueryValue String window, @Nullable @QueryValue String groupBy,
                                     @Nullable @QueryValue String asOf) {
        return growth.engagementView(window, groupBy, asOf);
    }

    @Get("/funnels")
    public FunnelView funnels(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                              @Nullable @QueryValue String groupBy, @Nullable @QueryValue Integer limit) {
        return growth.funnels(from, to, groupBy, Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @Get("/cohorts")
    public CohortsView cohorts(@Nullable @QueryValue String period, @Nullable @QueryValue String groupBy,
                               @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        return growth.cohorts(period, groupBy, from, to);
    }

    @Get("/courses/{id}")
    public CourseView course(@PathVariable String id) {
        return growth.course(id);
    }

    @Get("/courses")
    public CourseList courses(@Nullable @QueryValue String sort, @Nullable @QueryValue String topic,
                              @Nullable @QueryValue String tier, @Nullable @QueryValue Integer limit) {
        return growth.courses(sort, topic, tier, Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @Get("/lifecycle")
    public LifecycleView lifecycle(@Nullable @QueryValue String asOf, @Nullable @QueryValue String groupBy) {
        return growth.lifecycleView(asOf, groupBy);
    }

    @Get("/lifecycle/transitions")
    public TransitionsView transitions(@Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        return growth.transitions(from, to);
    }

    /** One user's lifecycle stage at the latest event. */
    @Get("/users/{id}/lifecycle")
    public UserStage userStage(@PathVariable String id) {
        return growth.userStage(id);
    }

    /** For a dormant, churned or at-risk user: what could bring them back, with the paths that explain it. */
    @Access(Role.SERVICE)
    @Get("/users/{id}/win-back")
    public WinBack winBack(@PathVariable String id, @Nullable @QueryValue Integer limit) {
        return growth.winBack(id, limit);
    }

    @Get("/leaderboards")
    public LeaderboardView leaderboards(@Nullable @QueryValue Integer community, @Nullable @QueryValue String window,
                                        @Nullable @QueryValue Integer limit, @Nullable @QueryValue String asOf) {
        return growth.leaderboards(community, window, Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), asOf);
    }
}
