package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionBuilder;
import io.learnergraph.analysis.graph.ProjectionWeights;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-built platforms for recommendation tests: nodes by id, events by relationship type. */
final class TinyPlatform {

    static final List<String> TIERS = List.of("free", "basic", "premium");
    static final ProjectionWeights WEIGHTS = new ProjectionWeights(Map.ofEntries(
            Map.entry("FOLLOWS", 1.0), Map.entry("COMMENTED", 2.0), Map.entry("LIKED", 0.5),
            Map.entry("VIEWED", 0.2), Map.entry("ENROLLED", 1.0), Map.entry("PROGRESSED", 0.5),
            Map.entry("COMPLETED", 2.0), Map.entry("RATED", 1.0), Map.entry("PURCHASED", 2.0)), 0);
    /** 2026-03-01T00:00Z in epoch minutes: events are placed relative to it. */
    static final long DAY0 = 1772323200L / 60;

    private final ProjectionBuilder b = new ProjectionBuilder(WEIGHTS);
    private final Map<String, Long> storeIds = new HashMap<>();
    private long next = 1;

    private long id(String key) {
        return storeIds.computeIfAbsent(key, k -> next++);
    }

    TinyPlatform user(String id, String tier) {
        b.addUser(id("u:" + id), id, "User " + id, tier, DAY0);
        return this;
    }

    TinyPlatform users(String tier, String... ids) {
        for (String id : ids) {
            user(id, tier);
        }
        return this;
    }

    TinyPlatform topic(String id) {
        b.addTopic(id("t:" + id), id, "Topic " + id);
        return this;
    }

    TinyPlatform course(String id, String tier, String... topics) {
        b.addCourse(id("c:" + id), id, "Course " + id, tier, -1);
        for (String t : topics) {
            if (!storeIds.containsKey("t:" + t)) {
                topic(t);
            }
            b.addCoverage(id("c:" + id), id("t:" + t), 1.0);
        }
        return this;
    }

    /** Topic {@code topic} requires {@code required}. */
    TinyPlatform requires(String topic, String required) {
        b.addPrerequisite(id("t:" + topic), id("t:" + required));
        return this;
    }

    TinyPlatform follows(String from, String to) {
        b.addSocial(id("u:" + from), id("u:" + to), "FOLLOWS", DAY0);
        return this;
    }

    TinyPlatform learn(String user, String course, String type, int day) {
        b.addLearning(id("u:" + user), id("c:" + course), type, DAY0 + day * 1440L);
        return this;
    }

    TinyPlatform completed(String user, String... courses) {
        for (String c : courses) {
            learn(user, c, "ENROLLED", 0);
            learn(user, c, "COMPLETED", 10);
        }
        return this;
    }

    TinyPlatform enrolled(String user, String... courses) {
        for (String c : courses) {
            learn(user, c, "ENROLLED", 5);
        }
        return this;
    }

    GraphSnapshot snapshot() {
        return b.build(1);
    }

    RecommenderIndex index() {
        return RecommenderIndex.build(snapshot(), 1.0, TIERS, new int[0], new double[0]);
    }
}
