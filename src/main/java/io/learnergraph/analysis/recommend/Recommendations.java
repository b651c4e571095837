package io.learnergraph.analysis.recommend;

import java.util.List;

/**
 * @param coldStart    the user had taken no course, so only social and popular sources apply
 * @param collaborative how P3 was computed: "exact", "walks", or "none"
 */
public record Recommendations(int user, List<Recommendation> items, boolean coldStart, String collaborative) {
}
