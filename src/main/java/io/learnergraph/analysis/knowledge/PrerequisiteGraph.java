package io.learnergraph.analysis.knowledge;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The knowledge graph's prerequisites: topic → topic it requires, as a JGraphT graph. It is
 * small (hundreds of topics, unlike the social graph, which lives in our CSR arrays), and every
 * question asked of it is one JGraphT answers with tested code: whether an edge would close a
 * cycle (a breadth-first shortest path back, O(V + E)), a cycle to name when there is one
 * (JGraphT's {@link CycleDetector}, then the shortest way round, O(V + E)), and the order to
 * learn a goal's prerequisites in (Kahn's topological sort, {@link TopologicalOrderIterator},
 * with ties broken by a caller's order so the answer is stable: O((V + E) log V)).
 *
 * <p>Used by the import (String topic ids, one edge at a time, before it is written) and by
 * learning paths (the snapshot's dense topic ids). Not thread-safe while edges are added; a
 * graph built once and only read may be shared.
 *
 * @param <T> topic identity
 */
public final class PrerequisiteGraph<T> {

    private final Graph<T, DefaultEdge> requires = new DefaultDirectedGraph<>(DefaultEdge.class);
    private final Function<T, String> name;

    /** @param name how a topic is named in a {@link PrerequisiteCycle} */
    public PrerequisiteGraph(Function<T, String> name) {
        this.name = name;
    }

    /** The snapshot's prerequisites over its dense topic ids (every topic a vertex). */
    public static PrerequisiteGraph<Integer> of(GraphSnapshot s) {
        String[] ids = s.topics().ids();
        PrerequisiteGraph<Integer> g = new PrerequisiteGraph<>(t -> ids[t]);
        CsrGraph p = s.prerequisites();
        for (int t = 0; t < ids.length; t++) {
            g.requires.addVertex(t);
        }
        for (int t = 0; t < ids.length; t++) {
            for (int a = p.start(t); a < p.end(t); a++) {
                g.requires.addEdge(t, p.target(a));
            }
        }
        return g;
    }

    /** Records that {@code topic} requires {@code required} (nothing if it already did). */
    public void add(T topic, T required) {
        requires.addVertex(topic);
        requires.addVertex(required);
        requires.addEdge(topic, required);
    }

    public boolean has(T topic, T required) {
        return requires.containsEdge(topic, required);
    }

    /** The topics {@code topic} requires directly. */
    public List<T> requiredBy(T topic) {
        return requires.containsVertex(topic) ? Graphs.successorListOf(requires, topic) : List.of();
    }

    /**
     * The cycle that "{@code topic} requires {@code required}" would close, from {@code topic}
     * round to itself, or empty when the edge is safe: the shortest existing path from
     * {@code required} back to {@code topic}.
     */
    public Optional<List<T>> cycleIfAdded(T topic, T required) {
        if (topic.equals(required)) {
            return Optional.of(List.of(topic, topic));
        }
        if (!requires.containsVertex(topic) || !requires.containsVertex(required)) {
            return Optional.empty();
        }
        GraphPath<T, DefaultEdge> back = BFSShortestPath.findPathBetween(requires, required, topic);
        if (back == null) {
            return Optional.empty();
        }
        List<T> cycle = new ArrayList<>();
        cycle.add(topic);
        cycle.addAll(back.getVertexList());
        return Optional.of(cycle);
    }

    /** A cycle of the whole graph, if it has one (the shortest through some vertex on a cycle). */
    public Optional<List<T>> anyCycle() {
        return anyCycle(requires);
    }

    /**
     * {@code goal} and every topic it requires, transitively, prerequisites first (Kahn's order;
     * among topics ready at once, the smallest by {@code ties} first).
     *
     * @throws PrerequisiteCycle naming the topics of a cycle among them
     */
    public List<T> learningOrder(T goal, Comparator<T> ties) {
        Set<T> needed = new LinkedHashSet<>();
        new BreadthFirstIterator<>(requires, goal).forEachRemaining(needed::add);
        Graph<T, DefaultEdge> sub = new AsSubgraph<>(requires, needed);
        List<T> order = new ArrayList<>(needed.size());
        try {
            new TopologicalOrderIterator<>(new EdgeReversedGraph<>(sub), ties).forEachRemaining(order::add);
        } catch (IllegalArgumentException notADag) { // JGraphT's NotDirectedAcyclicGraphException
            throw cycle(sub);
        }
        if (order.size() < needed.size()) {
            throw cycle(sub);
        }
        return order;
    }

    private PrerequisiteCycle cycle(Graph<T, DefaultEdge> g) {
        List<T> cycle = anyCycle(g).orElseThrow(() -> new IllegalStateException("no order and no cycle"));
        return new PrerequisiteCycle(cycle.stream().map(name).toList());
    }

    /** The shortest cycle through the first vertex {@link CycleDetector} finds on one. */
    private static <T> Optional<List<T>> anyCycle(Graph<T, DefaultEdge> g) {
        Set<T> onCycles = new CycleDetector<>(g).findCycles();
        if (onCycles.isEmpty()) {
            return Optional.empty();
        }
        T v = onCycles.iterator().next();
        List<T> best = null;
        for (T next : Graphs.successorListOf(g, v)) {
            GraphPath<T, DefaultEdge> back = next.equals(v) ? null : BFSShortestPath.findPathBetween(g, next, v);
            List<T> cycle = new ArrayList<>();
            cycle.add(v);
            if (next.equals(v)) {
                cycle.add(v);
            } else if (back != null) {
                cycle.addAll(back.getVertexList());
            } else {
                continue;
            }
            if (best == null || cycle.size() < best.size()) {
                best = cycle;
            }
        }
        return Optional.ofNullable(best);
    }
}
