package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.service.CentralityMeasure;
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
    public record User(String userId, String name, String tier, String joinedAt, String lastActiveAt, int communityId,
                       Map<String, Double> scores, Degree degree, long snapshotVersion) {
    }

    @Serdeable
    public record Deleted(String userId, long relationshipsDeleted, long snapshotVersion) {
    }

    private final AnalyticsService analytics;
    private final PrivacyService privacy;

    public UsersController(AnalyticsService analytics, PrivacyService privacy) {
        this.analytics = analytics;
        this.privacy = privacy;
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
        GraphSnapshot s = analytics.snapshot();
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        Map<String, Double> scores = new LinkedHashMap<>();
        for (CentralityMeasure m : new CentralityMeasure[]{CentralityMeasure.PAGERANK, CentralityMeasure.BETWEENNESS,
                CentralityMeasure.EIGENVECTOR, CentralityMeasure.HARMONIC, CentralityMeasure.CORENESS}) {
            scores.put(m.key(), analytics.centrality(m, new int[0]).scores()[u]);
        }
        AnalyticsService.Degrees d = analytics.degrees();
        return new User(s.users().ids()[u], s.users().names()[u], s.users().tiers()[u], time(s.users().joinedMinute()[u]),
                time(s.users().lastActive()[u]), analytics.defaultCommunities().result().partition().community()[u],
                scores, new Degree(d.in()[u], d.out()[u], d.weightedIn()[u], d.weightedOut()[u]), s.version());
    }

    private static String time(long minute) {
        return minute == GraphSnapshot.NO_TIME ? null : Instant.ofEpochSecond(minute * 60).toString();
    }
}
