package io.learnergraph.ingest;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionBuilder;
import io.learnergraph.analysis.graph.ProjectionWeights;
import io.learnergraph.model.LearningType;
import io.learnergraph.model.SocialType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the in-memory projection straight from an import directory, without a database: a fast
 * fixture for tests of the analyses on a demo platform (the benchmarks load through the product's
 * import). Rows are read leniently (a row that does not parse is skipped and counted):
 * validation is the importer's job, and the served projection always comes from Neo4j.
 */
public final class CsvProjection {

    private final ProjectionBuilder builder;
    private final Map<String, Long> users = new HashMap<>();
    private final Map<String, Long> courses = new HashMap<>();
    private final Map<String, Long> topics = new HashMap<>();
    private long nextId;
    private long skipped;

    private CsvProjection(ProjectionWeights weights) {
        this.builder = new ProjectionBuilder(weights);
    }

    public record Loaded(GraphSnapshot snapshot, long skippedRows, double seconds) {
    }

    public static Loaded load(Path dir, ProjectionWeights weights, long version) {
        long t0 = System.nanoTime();
        CsvProjection p = new CsvProjection(weights);
        p.read(dir, "users.csv", r -> p.builder.addUser(p.id(p.users, r.get("user_id")), r.get("user_id"),
                r.getOrDefault("name", ""), r.getOrDefault("tier", "free"), minute(r.get("joined_at"))));
        p.read(dir, "topics.csv", r -> p.builder.addTopic(p.id(p.topics, r.get("topic_id")), r.get("topic_id"),
                r.getOrDefault("name", r.get("topic_id"))));
        p.read(dir, "courses.csv", r -> p.builder.addCourse(p.id(p.courses, r.get("course_id")), r.get("course_id"),
                r.getOrDefault("title", ""), r.getOrDefault("tier", "free"), p.users.getOrDefault(r.get("creator_id"), -1L)));
        p.read(dir, "course_topics.csv", r -> p.builder.addCoverage(p.courses.getOrDefault(r.get("course_id"), -1L),
                p.topics.getOrDefault(r.get("topic_id"), -1L), r.get("weight") == null || r.get("weight").isBlank()
                        ? 1.0 : Double.parseDouble(r.get("weight"))));
        p.read(dir, "topic_prerequisites.csv", r -> p.builder.addPrerequisite(p.topics.getOrDefault(r.get("topic_id"), -1L),
                p.topics.getOrDefault(r.get("requires_topic_id"), -1L)));
        p.read(dir, "follows.csv", r -> p.builder.addSocial(p.users.getOrDefault(r.get("follower_id"), -1L),
                p.users.getOrDefault(r.get("followee_id"), -1L), "FOLLOWS", minute(r.get("at"))));
        p.read(dir, "social.csv", r -> p.builder.addSocial(p.users.getOrDefault(r.get("from_user_id"), -1L),
                p.users.getOrDefault(r.get("to_user_id"), -1L),
                SocialType.parse(r.get("type")).orElseThrow().relationshipType(), minute(r.get("at"))));
        p.read(dir, "learning.csv", r -> p.builder.addLearning(p.users.getOrDefault(r.get("user_id"), -1L),
                p.courses.getOrDefault(r.get("course_id"), -1L),
                LearningType.parse(r.get("type")).orElseThrow().relationshipType(), minute(r.get("at")),
                r.get("value") == null || r.get("value").isBlank() ? Double.NaN : Double.parseDouble(r.get("value"))));
        p.read(dir, "memberships.csv", r -> p.builder.addMembership(p.users.getOrDefault(r.get("user_id"), -1L),
                r.get("tier"), minute(r.get("at"))));
        GraphSnapshot s = p.builder.build(version);
        return new Loaded(s, p.skipped + p.builder.skipped(), (System.nanoTime() - t0) / 1e9);
    }

    private long id(Map<String, Long> ids, String key) {
        return ids.computeIfAbsent(key, k -> nextId++);
    }

    private static long minute(String time) {
        if (time == null || time.isBlank()) {
            return GraphSnapshot.NO_TIME;
        }
        return RowValidator.parseTime(time.strip()).map(t -> t.toEpochSecond() / 60).orElse(GraphSnapshot.NO_TIME);
    }

    private void read(Path dir, String file, Consumer<Map<String, String>> row) {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            return;
        }
        try (InputStream in = Files.newInputStream(path); CsvReader reader = new CsvReader(in)) {
            CsvReader.CsvRecord header = reader.next();
            if (header == null) {
                return;
            }
            List<String> columns = header.fields().stream().map(String::strip).toList();
            Map<String, String> values = new HashMap<>();
            for (CsvReader.CsvRecord r = reader.next(); r != null; r = reader.next()) {
                values.clear();
                for (int i = 0; i < Math.min(columns.size(), r.fields().size()); i++) {
                    values.put(columns.get(i), r.fields().get(i).strip());
                }
                try {
                    row.accept(values);
                } catch (RuntimeException e) {
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
        }
    }
}
