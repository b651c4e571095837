package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayList;
import java.util.List;

/** Builds explanation paths from snapshot nodes, so every step names a real node or relationship. */
final class Paths {

    private final GraphSnapshot s;
    private final List<PathStep> steps = new ArrayList<>();

    private Paths(GraphSnapshot s) {
        this.s = s;
    }

    static Paths from(GraphSnapshot s) {
        return new Paths(s);
    }

    Paths user(int u) {
        steps.add(PathStep.node("User", s.users().ids()[u], s.users().names()[u]));
        return this;
    }

    Paths course(int c) {
        steps.add(PathStep.node("Course", s.courses().ids()[c], s.courses().titles()[c]));
        return this;
    }

    Paths topic(int t) {
        steps.add(PathStep.node("Topic", s.topics().ids()[t], s.topics().names()[t]));
        return this;
    }

    Paths tier(String name) {
        steps.add(PathStep.node("Tier", name, name));
        return this;
    }

    Paths community(int id) {
        steps.add(PathStep.node("Community", String.valueOf(id), "community " + id));
        return this;
    }

    Paths out(String relationship) {
        steps.add(PathStep.out(relationship));
        return this;
    }

    Paths in(String relationship) {
        steps.add(PathStep.in(relationship));
        return this;
    }

    List<PathStep> steps() {
        return steps;
    }

    /** A course's title for sentences, its id when it has none. */
    static String title(GraphSnapshot s, int c) {
        return display(s.courses().titles()[c], s.courses().ids()[c]);
    }

    static String userName(GraphSnapshot s, int u) {
        return display(s.users().names()[u], s.users().ids()[u]);
    }

    static String topicName(GraphSnapshot s, int t) {
        return display(s.topics().names()[t], s.topics().ids()[t]);
    }

    private static String display(String name, String id) {
        return name == null || name.isBlank() ? id : name;
    }

    /** The past-tense verb of a learning relationship, for sentences. */
    static String verb(String relationship) {
        return switch (relationship) {
            case "COMPLETED" -> "completed";
            case "PURCHASED" -> "bought";
            case "ENROLLED" -> "enrolled in";
            case "PROGRESSED" -> "are taking";
            case "RATED" -> "rated";
            case "VIEWED" -> "viewed";
            default -> relationship.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The same, for a third person. */
    static String verb3(String relationship) {
        return relationship.equals("PROGRESSED") ? "is taking" : verb(relationship);
    }
}
