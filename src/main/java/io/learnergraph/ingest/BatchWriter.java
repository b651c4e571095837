package io.learnergraph.ingest;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.model.GraphEvent;
import io.learnergraph.store.CypherQuery;
import io.learnergraph.store.Neo4jStore;
import org.neo4j.driver.exceptions.Neo4jException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes validated rows with one {@code UNWIND $rows} statement per batch. Should the database
 * refuse a batch, the rows are retried one by one so that only the offending row is rejected,
 * with the database's reason; an unreachable database aborts instead (nothing is guessed).
 */
final class BatchWriter {

    /** A row to write and where it came from (a CSV line or a request item index). */
    record Pending(long source, Map<String, Object> row) {
    }

    /** A row the database refused. */
    record Refused(Pending pending, String reason) {
    }

    private final Neo4jStore store;

    /**
     * The feed's record of a batch: its events (follows, interactions, learning, memberships) for
     * the other instances to apply, or "reload" for nodes, topics and prerequisites, which change
     * what the in-memory graph is built of.
     */
    static Neo4jStore.ChangeRecord change(List<Pending> batch) {
        List<GraphEvent> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            GraphEvent e = GraphEvent.fromRow(p.row());
            if (e == null) {
                return new Neo4jStore.ChangeRecord("reload", null, null);
            }
            events.add(e);
        }
        return new Neo4jStore.ChangeRecord("events", GraphEvent.encode(events), null);
    }

    BatchWriter(Neo4jStore store) {
        this.store = store;
    }

    /**
     * Writes several statements' rows in one transaction, with one change in the feed: one commit
     * for a request of mixed events. Should the database refuse it, each statement is written on
     * its own ({@link #write}), so only the offending rows are refused.
     */
    List<Refused> writeAll(Map<CypherQuery, List<Pending>> byStatement) {
        if (byStatement.isEmpty()) {
            return List.of();
        }
        List<Pending> all = new ArrayList<>();
        byStatement.values().forEach(all::addAll);
        try {
            store.writeAll(byStatement.entrySet().stream().map(e -> Map.entry(e.getKey(),
                    Map.<String, Object>of("rows", e.getValue().stream().map(Pending::row).toList()))).toList(),
                    change(all));
            return List.of();
        } catch (LearnerGraphException.DatabaseUnavailable e) {
            throw e;
        } catch (Neo4jException e) {
            List<Refused> refused = new ArrayList<>();
            byStatement.forEach((statement, batch) -> refused.addAll(write(statement, batch)));
            return refused;
        }
    }

    /** Writes the rows and returns those the database refused (normally none). */
    List<Refused> write(CypherQuery statement, List<Pending> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        try {
            store.write(statement, Map.of("rows", batch.stream().map(Pending::row).toList()), change(batch));
            return List.of();
        } catch (LearnerGraphException.DatabaseUnavailable e) {
            throw e;
        } catch (Neo4jException e) {
            List<Refused> refused = new ArrayList<>();
            for (Pending p : batch) {
                try {
                    store.write(statement, Map.of("rows", List.of(p.row())), change(List.of(p)));
                } catch (Neo4jException rowError) {
                    refused.add(new Refused(p, "database refused the row: " + rowError.getMessage()));
                }
            }
            return refused;
        }
    }
}
