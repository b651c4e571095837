package io.learnergraph.store;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes per-user analysis results to :User nodes in batches. */
@Singleton
public class WriteBackStore {

    static final int BATCH = 20_000;

    /** One user's results. */
    public record UserScores(long nodeId, int communityId, double pagerank, double betweenness, double eigenvector,
                             double harmonic, int coreness) {
    }

    private final Neo4jStore store;

    public WriteBackStore(Neo4jStore store) {
        this.store = store;
    }

    /** @return users written */
    public long writeUserScores(List<UserScores> scores) {
        long written = 0;
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        for (UserScores s : scores) {
            Map<String, Object> row = new HashMap<>(10);
            row.put("nodeId", s.nodeId());
            row.put("communityId", s.communityId());
            row.put("pagerank", s.pagerank());
            row.put("betweenness", s.betweenness());
            row.put("eigenvector", s.eigenvector());
            row.put("harmonic", s.harmonic());
            row.put("coreness", s.coreness());
            batch.add(row);
            if (batch.size() == BATCH) {
                written += write(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        return written + write(batch);
    }

    private long write(List<Map<String, Object>> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        store.write(CypherQuery.WRITE_USER_SCORES, Map.of("rows", batch));
        return batch.size();
    }
}
