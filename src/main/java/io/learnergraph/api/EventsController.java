package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.ingest.EventIngest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/events}: a JSON array of follow, social, learning and membership events,
 * each an object with {@code kind} and the fields of its CSV file.
 */
@Access(Role.ADMIN)
@Controller("/api/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsController {

    @Serdeable
    public record ItemOutcome(int index, String kind, String status, String reason) {
    }

    @Serdeable
    public record EventsResponse(int accepted, int rejected, List<ItemOutcome> items) {
    }

    private final EventIngest ingest;

    public EventsController(EventIngest ingest) {
        this.ingest = ingest;
    }

    @Post
    public EventsResponse post(@Body List<Map<String, Object>> events) {
        EventIngest.Result result = ingest.ingest(events);
        return new EventsResponse(result.accepted(), result.rejected(), result.items().stream()
                .map(i -> new ItemOutcome(i.index(), i.kind(), i.accepted() ? "accepted" : "rejected", i.reason()))
                .toList());
    }
}
