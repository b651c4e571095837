package io.learnergraph.api;

import io.learnergraph.model.LoadStats;
import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.service.SnapshotService;
import io.learnergraph.service.WriteBackService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

/** The in-memory projection: what it holds, reload it, write results back. */
@Access(Role.ADMIN)
@Controller("/api/graph")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GraphController {

    /**
     * @param deltaEvents  events applied to the snapshot as deltas since it was built
     * @param feedPosition the change-feed position the live graph reflects
     */
    @Serdeable
    public record Projection(long version, int users, int courses, int topics, int socialArcs, int learningPairs,
                             long graphBytes, Long relationshipsLoaded, Double loadSeconds, int deltaEvents,
                             long feedPosition, String origin) {
    }

    @Serdeable
    public record WriteBack(long version, long users, double computeSeconds, double writeSeconds) {
    }

    private final SnapshotService snapshots;
    private final WriteBackService writeBack;

    public GraphController(SnapshotService snapshots, WriteBackService writeBack) {
        this.snapshots = snapshots;
        this.writeBack = writeBack;
    }

    @Access(Role.VIEWER)
    @Get("/projection")
    public Projection projection() {
        LiveView live = snapshots.live();
        return describe(live.snapshot(), live.delta().size(), live.feedPosition());
    }

    @Post("/refresh")
    public Projection refresh() {
        GraphSnapshot s = snapshots.refresh();
        return describe(s, 0, snapshots.position());
    }

    @Post("/write-back")
    public WriteBack writeBack() {
        WriteBackService.Report r = writeBack.writeBack();
        return new WriteBack(r.version(), r.users(), r.computeSeconds(), r.writeSeconds());
    }

    private Projection describe(GraphSnapshot s, int deltaEvents, long feedPosition) {
        LoadStats stats = snapshots.lastLoadStats();
        return new Projection(s.version(), s.users().count(), s.courses().count(), s.topics().count(),
                s.social().arcCount(), s.learning().arcCount(), s.graphBytes(),
                stats == null ? null : stats.relationships(), stats == null ? null : stats.seconds(), deltaEvents,
                feedPosition, snapshots.origin() == null ? null
                        : snapshots.origin().name().toLowerCase(java.util.Locale.ROOT));
    }
}
