package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.DatabaseService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /api/health}: open to everyone, 503 while Neo4j is unreachable. */
@Access(Role.OPEN)
@Controller("/api/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {

    @Serdeable
    public record Health(String status, String neo4jMode, boolean databaseReachable, Integer boltPort) {
    }

    private final DatabaseService database;

    public HealthController(DatabaseService database) {
        this.database = database;
    }

    @Get
    public HttpResponse<Health> health() {
        DatabaseService.Status db = database.status();
        boolean up = db.reachable();
        Health body = new Health(up ? "UP" : "DOWN", db.mode(), up, db.boltPort());
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
