package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.store.CypherQuery;
import io.learnergraph.store.Neo4jStore;
import jakarta.inject.Singleton;
import org.neo4j.driver.summary.SummaryCounters;

import java.util.Map;

/**
 * Erasure on request: removes a user and all their relationships from Neo4j, then replaces the
 * snapshot before answering, so no cached analysis, recommendation index or later answer
 * mentions them (results are cached per snapshot version, and older versions are dropped).
 */
@Singleton
public class PrivacyService {

    public record Deleted(String userId, long relationshipsDeleted, long snapshotVersion) {
    }

    private final Neo4jStore store;
    private final LiveGraphFollower follower;
    private final RecommendationService recommendations;

    public PrivacyService(Neo4jStore store, LiveGraphFollower follower, RecommendationService recommendations) {
        this.store = store;
        this.follower = follower;
        this.recommendations = recommendations;
    }

    public Deleted deleteUser(String userId) {
        SummaryCounters c = store.write(CypherQuery.DELETE_USER, Map.of("id", userId),
                new Neo4jStore.ChangeRecord("erase", null, userId));
        if (c.nodesDeleted() == 0) {
            throw new LearnerGraphException.NotFound("no user '" + userId + "'");
        }
        // applied before answering: the erasure is out of the live graph when the request returns
        long version = follower.catchUp().version();
        recommendations.requireVersion(version);
        return new Deleted(userId, c.relationshipsDeleted(), version);
    }
}
