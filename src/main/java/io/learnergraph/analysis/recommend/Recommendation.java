package io.learnergraph.analysis.recommend;

import java.util.List;

/**
 * One recommended course.
 *
 * @param score           the blended relevance (each source scaled to its best candidate = 1)
 * @param knowledge       the knowledge-graph source's scaled score (0 if it did not propose it)
 * @param requiresUpgrade the tier the course needs when it is above the user's, else null
 */
public record Recommendation(int course, double score, double knowledge, double collaborative, double social,
                             double popular, String requiresUpgrade, List<Reason> reasons) {
}
