package io.learnergraph.api;

import io.learnergraph.model.GraphCounts;
import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.DatabaseService;
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

    private final DatabaseService database;

    public StatsController(DatabaseService database) {
        this.database = database;
    }

    @Get
    public Stats stats() {
        GraphCounts counts = database.counts();
        return new Stats(counts.nodes(), counts.relationships());
    }
}
