package io.learnergraph.ingest;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.model.GraphChanged;
import io.learnergraph.store.CypherQuery;
import io.learnergraph.store.Neo4jStore;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepts events one request at a time ({@code POST /api/events}) with exactly the validation
 * and statements of the CSV import, answering per item whether it was accepted and why not.
 */
@Singleton
public class EventIngest {

    /** Items one request may carry. */
    public static final int MAX_ITEMS = 10_000;

    private static final Map<String, ImportFile> KINDS = Map.of("follow", ImportFile.FOLLOWS, "social",
            ImportFile.SOCIAL, "learning", ImportFile.LEARNING, "membership", ImportFile.MEMBERSHIPS);
    private static final List<String> USER_FIELDS = List.of("user_id", "follower_id", "followee_id", "from_user_id",
            "to_user_id");

    /** The fate of one item. */
    public record ItemResult(int index, String kind, boolean accepted, String reason) {
    }

    public record Result(int accepted, int rejected, List<ItemResult> items) {
    }

    private final Neo4jStore store;
    private final List<String> tiers;
    private final ApplicationEventPublisher<GraphChanged> events;

    public EventIngest(Neo4jStore store, LearnerGraphSettings app, ApplicationEventPublisher<GraphChanged> events) {
        this.store = store;
        this.tiers = app.tiers();
        this.events = events;
    }

    public Result ingest(List<Map<String, Object>> items) {
        if (items.size() > MAX_ITEMS) {
            throw new LearnerGraphException.InvalidInput("body",
                    "at most " + MAX_ITEMS + " events per request, got " + items.size());
        }
        List<Map<String, String>> rows = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            Map<String, String> row = new HashMap<>();
            if (item != null) {
                item.forEach((k, v) -> row.put(k, v == null ? null : String.valueOf(v)));
            }
            rows.add(row);
        }
        RowValidator validator = new RowValidator(tiers, referencesFor(rows));
        ItemResult[] results = new ItemResult[rows.size()];
        // statements in ImportFile order, so follows and memberships land after the nodes they need
        Map<CypherQuery, List<BatchWriter.Pending>> pending = new EnumMap<>(CypherQuery.class);
        for (int i = 0; i < rows.size(); i++) {
            String kind = rows.get(i).get("kind");
            ImportFile file = kind == null ? null : KINDS.get(kind);
            if (file == null) {
                results[i] = new ItemResult(i, kind, false, kind == null ? "missing field kind"
                        : "unknown kind '" + kind + "' (allowed: follow, social, learning, membership)");
                continue;
            }
            RowValidation v = validator.validate(file, rows.get(i));
            if (v instanceof RowValidation.Accepted a) {
                pending.computeIfAbsent(file.statementFor(a.row()), f -> new ArrayList<>())
                        .add(new BatchWriter.Pending(i, a.row()));
                results[i] = new ItemResult(i, kind, true, null);
            } else {
                results[i] = new ItemResult(i, kind, false, ((RowValidation.Rejected) v).reason());
            }
        }
        // one transaction (one commit, one change in the feed) for the whole request
        for (BatchWriter.Refused r : new BatchWriter(store).writeAll(pending)) {
            int i = (int) r.pending().source();
            results[i] = new ItemResult(i, results[i].kind(), false, r.reason());
        }
        int accepted = 0;
        for (ItemResult r : results) {
            accepted += r.accepted() ? 1 : 0;
        }
        if (accepted > 0) {
            events.publishEvent(new GraphChanged("events"));
        }
        return new Result(accepted, results.length - accepted, List.of(results));
    }

    /** Only the users and courses this request mentions, looked up in one query each. */
    private ReferenceIndex referencesFor(List<Map<String, String>> rows) {
        Set<String> userIds = new HashSet<>();
        Set<String> courseIds = new HashSet<>();
        for (Map<String, String> row : rows) {
            for (String f : USER_FIELDS) {
                if (row.get(f) != null) {
                    userIds.add(row.get(f).strip());
                }
            }
            if (row.get("course_id") != null) {
                courseIds.add(row.get("course_id").strip());
            }
        }
        Set<String> users = new HashSet<>(store.read(CypherQuery.EXISTING_USER_IDS, Map.of("ids", List.copyOf(userIds)),
                r -> r.get("id").asString()));
        Set<String> courses = new HashSet<>(store.read(CypherQuery.EXISTING_COURSE_IDS,
                Map.of("ids", List.copyOf(courseIds)), r -> r.get("id").asString()));
        return new ReferenceIndex(users, courses, Set.of());
    }
}
