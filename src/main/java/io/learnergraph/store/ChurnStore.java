package io.learnergraph.store;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Churn results in the graph: {@code churnRisk} on :User, and the latest model as a :ChurnModel node. */
@Singleton
public class ChurnStore {

    /** One user's risk; null removes the property. */
    public record Risk(long nodeId, Double risk) {
    }

    private final Neo4jStore store;

    public ChurnStore(Neo4jStore store) {
        this.store = store;
    }

    /** @return users written */
    public long writeRisks(List<Risk> risks, Instant scoredAt) {
        long written = 0;
        for (int from = 0; from < risks.size(); from += WriteBackStore.BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>(WriteBackStore.BATCH);
            for (Risk r : risks.subList(from, Math.min(risks.size(), from + WriteBackStore.BATCH))) {
                Map<String, Object> row = new HashMap<>(4);
                row.put("nodeId", r.nodeId());
                row.put("risk", r.risk());
                batch.add(row);
            }
            store.write(CypherQuery.WRITE_CHURN_RISK, Map.of("rows", batch, "scoredAt", scoredAt.toString()));
            written += batch.size();
        }
        return written;
    }

    public void saveModel(String json, Instant trainedAt, Instant asOf, double auc) {
        store.write(CypherQuery.SAVE_CHURN_MODEL, Map.of("model", json, "trainedAt", trainedAt.toString(),
                "asOf", asOf.toString(), "auc", Double.isNaN(auc) ? -1.0 : auc));
    }

    public Optional<String> latestModel() {
        return store.read(CypherQuery.LATEST_CHURN_MODEL, Map.of(), r -> r.get(0).asString()).stream().findFirst();
    }
}
