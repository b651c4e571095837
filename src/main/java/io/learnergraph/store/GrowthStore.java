package io.learnergraph.store;

import io.learnergraph.model.CourseDetails;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the growth views read from Neo4j directly: stored course properties. */
@Singleton
public class GrowthStore {


    private final Neo4jStore store;

    public GrowthStore(Neo4jStore store) {
        this.store = store;
    }

    public Optional<CourseDetails> courseDetails(String id) {
        return store.read(CypherQuery.COURSE_DETAILS, Map.of("id", id), r -> {
            Map<String, String> extra = new LinkedHashMap<>();
            r.get("extra").asList(v -> v.asList(x -> x.asString(null))).forEach(kv -> extra.put(kv.get(0), kv.get(1)));
            return new CourseDetails(r.get("price").isNull() ? null : r.get("price").asDouble(),
                    r.get("publishedAt").isNull() ? null : r.get("publishedAt").asString(), extra,
                    r.get("topics").asList(v -> v.asMap()));
        }).stream().findFirst();
    }
}
