package io.learnergraph.ingest;

import io.learnergraph.analysis.knowledge.PrerequisiteGraph;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ids a row may reference, and the topic prerequisite graph, so that a reference to an
 * unknown id is rejected instead of becoming a phantom node and a prerequisite that would close
 * a cycle is rejected before it is written. The importer fills it from the whole graph; the
 * events API only with the ids a request mentions.
 */
public final class ReferenceIndex {

    private final Set<String> users;
    private final Set<String> courses;
    private final Set<String> topics;
    private final PrerequisiteGraph<String> prerequisites = new PrerequisiteGraph<>(t -> t);

    public ReferenceIndex(Set<String> users, Set<String> courses, Set<String> topics) {
        this.users = new HashSet<>(users);
        this.courses = new HashSet<>(courses);
        this.topics = new HashSet<>(topics);
    }

    public boolean hasUser(String id) {
        return users.contains(id);
    }

    public boolean hasCourse(String id) {
        return courses.contains(id);
    }

    public boolean hasTopic(String id) {
        return topics.contains(id);
    }

    public void addUser(String id) {
        users.add(id);
    }

    public void addCourse(String id) {
        courses.add(id);
    }

    public void addTopic(String id) {
        topics.add(id);
    }

    /** Records an existing prerequisite edge (loaded from the graph, or just imported). */
    public void addPrerequisite(String topic, String required) {
        prerequisites.add(topic, required);
    }

    public boolean hasPrerequisite(String topic, String required) {
        return prerequisites.has(topic, required);
    }

    /**
     * The cycle that {@code topic REQUIRES required} would close, as the list of topics from
     * {@code topic} back to itself, or empty when the edge is safe: O(topics + prerequisites).
     */
    public Optional<List<String>> cycleIfAdded(String topic, String required) {
        return prerequisites.cycleIfAdded(topic, required);
    }
}
