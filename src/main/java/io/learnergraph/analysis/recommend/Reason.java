package io.learnergraph.analysis.recommend;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a course was recommended: the source ({@code knowledge}, {@code collaborative},
 * {@code social}, {@code popular}), a sentence, and the concrete graph path behind it.
 */
public record Reason(String kind, String text, List<PathStep> path) {

    public Reason {
        path = List.copyOf(path);
    }

    /** The path in Cypher-like notation. */
    public String renderPath() {
        return path.stream().map(PathStep::render).collect(Collectors.joining(" "));
    }
}
