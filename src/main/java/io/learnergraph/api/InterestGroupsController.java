package io.learnergraph.api;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.profile.InterestProfiles;
import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.AnalyticsService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/**
 * Interest groups: users clustered by what they learn (k-means++ over TF-IDF topic profiles),
 * each with its size and defining topics. Groups below the privacy floor are only counted.
 */
@Access(Role.VIEWER)
@Controller("/api/interest-groups")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InterestGroupsController {

    @Serdeable
    public record Group(int id, int size, List<UsersController.TopicWeight> topTopics) {
    }

    @Serdeable
    public record Groups(int groupCount, long snapshotVersion, List<Group> groups, int smallGroups, int smallGroupMembers) {
    }

    private final AnalyticsService analytics;

    public InterestGroupsController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @Get
    public Groups groups() {
        GraphSnapshot s = analytics.snapshot();
        InterestProfiles.Result r = analytics.interests(s);
        List<Group> groups = new ArrayList<>();
        int small = 0;
        int smallMembers = 0;
        for (int g = 0; g < r.groupCount(); g++) {
            if (!analytics.privacyFloor().showsAlone(r.sizes()[g])) {
                small++;
                smallMembers += r.sizes()[g];
                continue;
            }
            groups.add(new Group(g, r.sizes()[g], InterestProfiles.groupTopics(r, g, 5).stream()
                    .map(t -> new UsersController.TopicWeight(s.topics().ids()[t.topic()], s.topics().names()[t.topic()],
                            t.weight())).toList()));
        }
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return new Groups(r.groupCount(), s.version(), groups, small, smallMembers);
    }
}
