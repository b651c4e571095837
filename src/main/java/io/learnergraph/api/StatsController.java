package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.store.StatsStore;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** {@code GET /api/stats}: counts per label and relationship type. */
@Access(Role.VIEWER)
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {

    @Serdeable
    public record Stats(Map<String, Long> nodes, Map<String, Long> relationships) {
    }

    private final StatsStore stats;

    public StatsController(StatsStore stats) {
        this.stats = stats;
    }

    @Get
    public Stats stats() {
        StatsStore.GraphCounts counts = stats.counts();
        return new Stats(counts.nodes(), counts.relationships());
    }
}
