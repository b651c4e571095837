package io.learnergraph.store;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the change feed in Neo4j ({@code cypher/feed/}): every write appends to it in its own
 * transaction ({@link Neo4jStore#write(CypherQuery, Map, Neo4jStore.ChangeRecord)}), and every
 * instance reads what it has not applied yet. Neo4j Community has no change data capture; this is
 * the product's own, inside the database the replicas share.
 */
@Singleton
public class ChangeFeedStore {

    /** One committed change: its number, kind, the instance that wrote it and what it carries. */
    public record Change(long seq, String kind, String origin, String payload, String userId, long atMillis) {
    }

    private final Neo4jStore store;

    public ChangeFeedStore(Neo4jStore store) {
        this.store = store;
    }

    /** The number of the newest change; 0 before any. */
    public long latest() {
        return store.read(CypherQuery.LATEST_CHANGE, Map.of(), r -> r.get("seq").asLong()).get(0);
    }

    /**
     * The feed's identity, made on first use: different for every database the feed lives in,
     * even when their change numbers agree.
     */
    public String identity() {
        return store.writeReturning(CypherQuery.FEED_IDENTITY, Map.of(), r -> r.get("identity").asString()).get(0);
    }

    /** The oldest change still kept, if any. */
    public OptionalLong oldest() {
        List<Long> seq = store.read(CypherQuery.OLDEST_CHANGE, Map.of(), r -> r.get("seq").isNull() ? null
                : r.get("seq").asLong());
        return seq.isEmpty() || seq.get(0) == null ? OptionalLong.empty() : OptionalLong.of(seq.get(0));
    }

    /** Changes after {@code seq}, oldest first, at most {@code limit}. */
    public List<Change> after(long seq, int limit) {
        return store.read(CypherQuery.CHANGES_AFTER, Map.of("after", seq, "limit", limit), r -> new Change(
                r.get("seq").asLong(), r.get("kind").asString(), r.get("origin").asString(null),
                r.get("payload").isNull() ? null : r.get("payload").asString(),
                r.get("userId").isNull() ? null : r.get("userId").asString(), r.get("atMillis").asLong()));
    }

    /** Forgets changes older than {@code beforeMillis} beyond the newest {@code keep}; returns how many. */
    public long prune(long beforeMillis, long keep) {
        long total = 0;
        while (true) {
            long n = store.write(CypherQuery.PRUNE_CHANGES, Map.of("before", beforeMillis, "keep", keep,
                    "limit", 10_000)).nodesDeleted();
            total += n;
            if (n < 10_000) {
                return total;
            }
        }
    }
}
