package io.learnergraph.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The registry of every Cypher statement the product runs. Each constant names one file under
 * {@code cypher/} (packaged on the class path); all files are read when this enum initialises, so
 * a missing file fails the first use of the store at start-up rather than the first request.
 * Statements take {@code $parameters} only; nothing is ever concatenated into Cypher.
 */
public enum CypherQuery {
    // schema, applied idempotently at start-up in declaration order
    SCHEMA_USER_ID("schema/user-id-unique.cypher"),
    SCHEMA_COURSE_ID("schema/course-id-unique.cypher"),
    SCHEMA_TOPIC_ID("schema/topic-id-unique.cypher"),
    SCHEMA_TIER_NAME("schema/tier-name-unique.cypher"),
    SCHEMA_CHANGE_SEQ("schema/change-seq-unique.cypher"),
    SCHEMA_MERGE_TIERS("schema/merge-tiers.cypher"),

    // import, one statement per CSV file (rows arrive as $rows)
    IMPORT_USERS("import/merge-users.cypher"),
    IMPORT_TOPICS("import/merge-topics.cypher"),
    IMPORT_COURSES("import/merge-courses.cypher"),
    IMPORT_COURSE_TOPICS("import/merge-course-topics.cypher"),
    IMPORT_TOPIC_PREREQUISITES("import/merge-topic-prerequisites.cypher"),
    IMPORT_FOLLOWS("import/merge-follows.cypher"),
    SOCIAL_COMMENTED("import/social/merge-commented.cypher"),
    SOCIAL_REPLIED("import/social/merge-replied.cypher"),
    SOCIAL_LIKED("import/social/merge-liked.cypher"),
    SOCIAL_SHARED("import/social/merge-shared.cypher"),
    SOCIAL_TIPPED("import/social/merge-tipped.cypher"),
    SOCIAL_ANSWERED("import/social/merge-answered.cypher"),
    SOCIAL_MENTIONED("import/social/merge-mentioned.cypher"),
    LEARNING_VIEWED("import/learning/merge-viewed.cypher"),
    LEARNING_ENROLLED("import/learning/merge-enrolled.cypher"),
    LEARNING_PROGRESSED("import/learning/merge-progressed.cypher"),
    LEARNING_COMPLETED("import/learning/merge-completed.cypher"),
    LEARNING_RATED("import/learning/merge-rated.cypher"),
    LEARNING_PURCHASED("import/learning/merge-purchased.cypher"),
    IMPORT_MEMBERSHIPS("import/merge-memberships.cypher"),

    // lookups the import needs to validate references
    ALL_USER_IDS("lookup/all-user-ids.cypher"),
    ALL_COURSE_IDS("lookup/all-course-ids.cypher"),
    ALL_TOPIC_IDS("lookup/all-topic-ids.cypher"),
    ALL_PREREQUISITES("lookup/all-topic-prerequisites.cypher"),
    EXISTING_USER_IDS("lookup/existing-user-ids.cypher"),
    EXISTING_COURSE_IDS("lookup/existing-course-ids.cypher"),

    // the in-memory projection
    PROJECTION_USERS("projection/users.cypher"),
    PROJECTION_COURSES("projection/courses.cypher"),
    PROJECTION_TOPICS("projection/topics.cypher"),
    PROJECTION_SOCIAL("projection/social-events.cypher"),
    PROJECTION_LEARNING("projection/learning-events.cypher"),
    PROJECTION_COVERAGE("projection/coverage.cypher"),
    PROJECTION_PREREQUISITES("projection/prerequisites.cypher"),
    PROJECTION_MEMBERSHIPS("projection/memberships.cypher"),

    // analysis results written back for analysts
    WRITE_USER_SCORES("analytics/write-user-scores.cypher"),

    // growth
    COURSE_DETAILS("growth/course-details.cypher"),

    // churn
    WRITE_CHURN_RISK("churn/write-churn-risk.cypher"),
    SAVE_CHURN_MODEL("churn/save-model.cypher"),
    LATEST_CHURN_MODEL("churn/latest-model.cypher"),

    // the change feed replicas converge through
    APPEND_CHANGE("feed/append-change.cypher"),
    CHANGES_AFTER("feed/changes-after.cypher"),
    LATEST_CHANGE("feed/latest-change.cypher"),
    OLDEST_CHANGE("feed/oldest-change.cypher"),
    PRUNE_CHANGES("feed/prune-changes.cypher"),
    FEED_IDENTITY("feed/feed-identity.cypher"),

    // privacy
    DELETE_USER("privacy/delete-user.cypher"),

    // operations
    PING("ops/ping.cypher"),
    COUNT_NODES_BY_LABEL("ops/count-nodes-by-label.cypher"),
    COUNT_RELATIONSHIPS_BY_TYPE("ops/count-relationships-by-type.cypher"),
    IS_EMPTY("ops/is-empty.cypher"),
    GRAPH_FINGERPRINT("ops/graph-fingerprint.cypher");

    private final String path;
    private final String text;

    CypherQuery(String path) {
        this.path = path;
        this.text = load(path);
    }

    /**
     * The MERGE statement for one event relationship type (COMMENTED, ..., VIEWED, ...): each
     * type has its own statement so that the planner expands only that type.
     */
    public static CypherQuery forEvent(String relationshipType) {
        for (CypherQuery q : values()) {
            if ((q.name().startsWith("SOCIAL_") || q.name().startsWith("LEARNING_"))
                    && q.name().endsWith("_" + relationshipType)) {
                return q;
            }
        }
        throw new IllegalArgumentException("no statement for event type " + relationshipType);
    }

    /** Path below {@code cypher/}. */
    public String path() {
        return path;
    }

    /** The statement, with comment lines removed. */
    public String text() {
        return text;
    }

    private static String load(String path) {
        String resource = "cypher/" + path;
        try (InputStream in = CypherQuery.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cypher file missing from the class path: " + resource);
            }
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder statement = new StringBuilder();
            for (String line : raw.split("\n", -1)) {
                if (!line.stripLeading().startsWith("//")) {
                    statement.append(line).append('\n');
                }
            }
            String trimmed = statement.toString().strip();
            return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
