package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.model.CypherRows;
import io.learnergraph.model.SavedQuery;
import io.learnergraph.store.ReadOnlyCypher;
import io.learnergraph.store.SavedQueries;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Analysts' read-only Cypher, ad hoc and saved ({@code cypher/queries/}), under one guard
 * ({@link ReadOnlyCypher}): a write or escape attempt is refused and changes nothing.
 */
@Singleton
public class AnalystQueryService {

    private final ReadOnlyCypher cypher;
    private final SavedQueries saved;

    public AnalystQueryService(ReadOnlyCypher cypher, SavedQueries saved) {
        this.cypher = cypher;
        this.saved = saved;
    }

    public CypherRows run(String query, Map<String, Object> params, Integer limit, Long timeoutMs) {
        return cypher.run(query, params, limit, timeoutMs);
    }

    public List<SavedQuery> savedQueries() {
        return saved.list();
    }

    /** @throws LearnerGraphException.NotFound when no saved query has this name */
    public SavedQuery savedQuery(String name) {
        return saved.get(name).orElseThrow(() -> new LearnerGraphException.NotFound("no saved query '" + name + "'"));
    }

    public CypherRows runSaved(String name, Map<String, Object> params, Integer limit, Long timeoutMs) {
        return saved.run(name, params, limit, timeoutMs);
    }
}
