package io.learnergraph.store;

import io.learnergraph.model.GraphCounts;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Node and relationship counts, straight from Neo4j's count store. */
@Singleton
public class StatsStore {


    private final Neo4jStore store;

    public StatsStore(Neo4jStore store) {
        this.store = store;
    }

    public GraphCounts counts() {
        Map<String, Long> nodes = new LinkedHashMap<>();
        store.read(CypherQuery.COUNT_NODES_BY_LABEL, Map.of(), r -> nodes.put(r.get("label").asString(),
                r.get("count").asLong()));
        Map<String, Long> rels = new LinkedHashMap<>();
        store.read(CypherQuery.COUNT_RELATIONSHIPS_BY_TYPE, Map.of(), r -> rels.put(r.get("type").asString(),
                r.get("count").asLong()));
        return new GraphCounts(nodes, rels);
    }

    /**
     * SHA-256 over every node and relationship with its properties, independent of internal ids
     * and of creation order: equal graphs have equal fingerprints. Reads the whole graph.
     */
    public String fingerprint() {
        MessageDigest sha = sha256();
        store.read(CypherQuery.GRAPH_FINGERPRINT, Map.of(), r -> {
            sha.update(r.get("line").asString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return Boolean.TRUE;
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public boolean isEmpty() {
        return store.isEmpty();
    }
}
