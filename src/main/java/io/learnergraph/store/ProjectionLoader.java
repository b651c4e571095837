package io.learnergraph.store;

import io.learnergraph.model.LoadStats;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionBuilder;
import io.learnergraph.analysis.graph.ProjectionWeights;
import jakarta.inject.Singleton;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the graph out of Neo4j (through the driver, in either mode) into a
 * {@link ProjectionBuilder}: one read transaction per query, large fetch batches.
 */
@Singleton
public class ProjectionLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoader.class);
    private static final int FETCH_SIZE = 20_000;

    private final Neo4jStore store;

    public ProjectionLoader(Neo4jStore store) {
        this.store = store;
    }


    public record Loaded(GraphSnapshot snapshot, LoadStats stats) {
    }

    /**
     * What a snapshot projected by this code with these {@code weights} depends on, hashed: the
     * projection queries, the classes that build, merge and encode the arrays, and the weights. A
     * snapshot saved under another fingerprint is not read back (another version of the code may
     * project differently, and other weights give other arrays).
     */
    public static byte[] fingerprint(ProjectionWeights weights) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (CypherQuery q : CypherQuery.values()) {
                if (q.name().startsWith("PROJECTION_")) {
                    sha.update(q.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            for (Class<?> c : new Class<?>[]{ProjectionLoader.class, ProjectionBuilder.class, GraphSnapshot.class,
                    GraphSnapshot.Users.class, GraphSnapshot.Courses.class, GraphSnapshot.Topics.class,
                    io.learnergraph.analysis.graph.CsrGraph.class, io.learnergraph.analysis.graph.ActivityLog.class,
                    io.learnergraph.analysis.graph.SnapshotCodec.class, io.learnergraph.analysis.graph.SnapshotMerge.class,
                    ProjectionWeights.class}) {
                try (java.io.InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new IllegalStateException("class file of " + c.getName() + " not on the class path");
                    }
                    sha.update(in.readAllBytes());
                }
            }
            sha.update(new java.util.TreeMap<>(weights.byRelationshipType()).toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(Double.toString(weights.halfLifeDays()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException("cannot fingerprint the projection code", e);
        }
    }

    public Loaded load(long version, ProjectionWeights weights) {
        long start = System.nanoTime();
        ProjectionBuilder b = new ProjectionBuilder(weights);
        stream(CypherQuery.PROJECTION_USERS, r -> b.addUser(r.get(0).asLong(), r.get(1).asString(),
                nullableString(r.get(2)), nullableString(r.get(3)), minute(r.get(4))));
        stream(CypherQuery.PROJECTION_COURSES, r -> b.addCourse(r.get(0).asLong(), r.get(1).asString(),
                nullableString(r.get(2)), nullableString(r.get(3)), r.get(4).isNull() ? Long.MIN_VALUE : r.get(4).asLong()));
        stream(CypherQuery.PROJECTION_TOPICS, r -> b.addTopic(r.get(0).asLong(), r.get(1).asString(),
                nullableString(r.get(2))));
        long[] rels = {0};
        rels[0] += streamEvents(CypherQuery.PROJECTION_SOCIAL, b::addSocial);
        stream(CypherQuery.PROJECTION_LEARNING, r -> {
            long source = r.get(0).asLong();
            String type = r.get(1).asString();
            Value targets = r.get(2);
            Value minutes = r.get(3);
            Value values = r.get(4);
            for (int i = 0, n = targets.size(); i < n; i++) {
                b.addLearning(source, targets.get(i).asLong(), type, minutes.get(i).asLong(), values.get(i).asDouble());
            }
            rels[0] += targets.size();
        });
        stream(CypherQuery.PROJECTION_MEMBERSHIPS, r -> {
            long source = r.get(0).asLong();
            Value tiers = r.get(1);
            Value minutes = r.get(2);
            for (int i = 0, n = tiers.size(); i < n; i++) {
                b.addMembership(source, tiers.get(i).asString(), minutes.get(i).asLong());
            }
            rels[0] += tiers.size();
        });
        stream(CypherQuery.PROJECTION_COVERAGE, r -> {
            b.addCoverage(r.get(0).asLong(), r.get(1).asLong(), r.get(2).asDouble());
            rels[0]++;
        });
        stream(CypherQuery.PROJECTION_PREREQUISITES, r -> {
            b.addPrerequisite(r.get(0).asLong(), r.get(1).asLong());
            rels[0]++;
        });
        GraphSnapshot snapshot = b.build(version);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Projection v{}: {} users, {} courses, {} topics, {} relationships in {} s ({} graph bytes)", version,
                snapshot.users().count(), snapshot.courses().count(), snapshot.topics().count(), rels[0],
                String.format("%.2f", seconds), snapshot.graphBytes());
        return new Loaded(snapshot, new LoadStats(rels[0], seconds, b.skipped()));
    }

    /** Receives one event: source and target handles, relationship type, epoch minute. */
    @FunctionalInterface
    private interface EventSink {
        void accept(long source, long target, String type, long minute);
    }

    /** Streams rows of (source, type, targets[], minutes[]) into the sink; returns events read. */
    private long streamEvents(CypherQuery query, EventSink sink) {
        long[] events = {0};
        stream(query, r -> {
            long source = r.get(0).asLong();
            String type = r.get(1).asString();
            Value targets = r.get(2);
            Value minutes = r.get(3);
            for (int i = 0, n = targets.size(); i < n; i++) {
                sink.accept(source, targets.get(i).asLong(), type, minutes.get(i).asLong());
            }
            events[0] += targets.size();
        });
        return events[0];
    }

    private void stream(CypherQuery query, Consumer<Record> sink) {
        SessionConfig config = SessionConfig.builder()
                .withDatabase(store.sessionConfig().database().orElse(null))
                .withFetchSize(FETCH_SIZE).build();
        // an unmanaged transaction: a retry would feed the builder the same rows twice, so a
        // failed load fails whole and the previous snapshot stays in service
        try (Session session = store.driver().session(config); Transaction tx = session.beginTransaction()) {
            tx.run(query.text(), Map.of("noTime", GraphSnapshot.NO_TIME, "noValue", Double.NaN)).forEachRemaining(sink);
            tx.commit();
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new LearnerGraphException.DatabaseUnavailable("Neo4j is not reachable: " + e.getMessage(), e);
        }
    }

    private static String nullableString(Value v) {
        return v.isNull() ? null : v.asString();
    }

    private static long minute(Value v) {
        return v.isNull() ? GraphSnapshot.NO_TIME : v.asLong();
    }
}
