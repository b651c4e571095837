package io.learnergraph.ingest;

import io.learnergraph.store.CypherQuery;

import java.util.List;
import java.util.Set;

/**
 * The CSV files of an import directory, in the order they are applied (nodes before the
 * relationships that reference them). Columns are matched by header name.
 */
public enum ImportFile {
    USERS("users.csv", List.of("user_id"), List.of("name", "tier", "joined_at"), true, CypherQuery.IMPORT_USERS),
    TOPICS("topics.csv", List.of("topic_id"), List.of("name"), true, CypherQuery.IMPORT_TOPICS),
    COURSES("courses.csv", List.of("course_id", "creator_id"), List.of("title", "tier", "price", "published_at"),
            true, CypherQuery.IMPORT_COURSES),
    COURSE_TOPICS("course_topics.csv", List.of("course_id", "topic_id"), List.of("weight"), false,
            CypherQuery.IMPORT_COURSE_TOPICS),
    TOPIC_PREREQUISITES("topic_prerequisites.csv", List.of("topic_id", "requires_topic_id"), List.of(), false,
            CypherQuery.IMPORT_TOPIC_PREREQUISITES),
    FOLLOWS("follows.csv", List.of("follower_id", "followee_id"), List.of("at"), false, CypherQuery.IMPORT_FOLLOWS),
    SOCIAL("social.csv", List.of("from_user_id", "to_user_id", "type", "at"), List.of("course_id"), false, null),
    LEARNING("learning.csv", List.of("user_id", "course_id", "type", "at"), List.of("value"), false, null),
    MEMBERSHIPS("memberships.csv", List.of("user_id", "tier", "at"), List.of(), false, CypherQuery.IMPORT_MEMBERSHIPS);

    /** Node properties an extra column may not overwrite: the model's own and the analytics'. */
    static final Set<String> RESERVED_PROPERTIES = Set.of("id", "name", "title", "tier", "price", "joinedAt",
            "publishedAt", "communityId", "pagerank", "betweenness", "eigenvector", "harmonic", "coreness",
            "churnRisk", "engagement", "quality");

    private final String fileName;
    private final List<String> required;
    private final List<String> optional;
    private final boolean extraColumnsAsProperties;
    private final CypherQuery statement;

    ImportFile(String fileName, List<String> required, List<String> optional, boolean extraColumnsAsProperties,
               CypherQuery statement) {
        this.fileName = fileName;
        this.required = required;
        this.optional = optional;
        this.extraColumnsAsProperties = extraColumnsAsProperties;
        this.statement = statement;
    }

    /** The file of that name ({@code users.csv}, ...). */
    public static ImportFile byFileName(String fileName) {
        for (ImportFile f : values()) {
            if (f.fileName.equals(fileName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("not an import file: " + fileName);
    }

    public String fileName() {
        return fileName;
    }

    public List<String> requiredColumns() {
        return required;
    }

    public List<String> optionalColumns() {
        return optional;
    }

    public boolean extraColumnsAsProperties() {
        return extraColumnsAsProperties;
    }

    /** The statement that writes this validated row: per event type for the event files. */
    public CypherQuery statementFor(java.util.Map<String, Object> row) {
        return statement != null ? statement : CypherQuery.forEvent((String) row.get("rel"));
    }
}
