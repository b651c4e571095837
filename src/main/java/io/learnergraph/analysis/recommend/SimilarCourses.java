package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Courses related to one course by co-learning and shared topics: score = 0.7 · cosine over
 * co-learners (users who took both / √(takers of each)) + 0.3 · cosine of topic vectors. A
 * course with more than {@value #MAX_LEARNERS} learners is estimated from an even stride of them
 * (the cosine is scaled back up), bounding the cost at O(MAX_LEARNERS · learning degree).
 */
public final class SimilarCourses {

    static final int MAX_LEARNERS = 5000;
    static final double CO_LEARNING = 0.7;

    /** @param sharedTopics topics both cover; coLearners users seen taking both */
    public record Similar(int course, double score, double coLearning, double topics, int coLearners,
                          int[] sharedTopics) {
    }

    private SimilarCourses() {
    }

    public static List<Similar> similar(RecommenderIndex index, int course, int limit) {
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        CsrGraph learners = s.learners();
        int nc = s.courses().count();
        int[] co = new int[nc];
        int degree = learners.degree(course);
        int stride = Math.max(1, (degree + MAX_LEARNERS - 1) / MAX_LEARNERS);
        int sampled = 0;
        for (int a = learners.start(course); a < learners.end(course); a += stride) {
            if (!index.isTaken(learners.labels(a))) {
                continue;
            }
            sampled++;
            int v = learners.target(a);
            for (int e = learning.start(v); e < learning.end(v); e++) {
                if (index.isTaken(learning.labels(e))) {
                    co[learning.target(e)]++;
                }
            }
        }
        double scale = sampled == 0 ? 0 : (double) index.learnerCount(course) / sampled;
        double[] score = new double[nc];
        double[] coLearning = new double[nc];
        double[] topic = new double[nc];
        for (int j = 0; j < nc; j++) {
            if (j != course && co[j] > 0) {
                coLearning[j] = Math.min(1, co[j] * scale
                        / Math.sqrt((double) index.learnerCount(course) * Math.max(1, index.learnerCount(j))));
            }
        }
        CsrGraph coverage = s.coverage();
        for (int a = coverage.start(course); a < coverage.end(course); a++) {
            int t = coverage.target(a);
            for (int b = index.coveredBy.start(t); b < index.coveredBy.end(t); b++) {
                int j = index.coveredBy.target(b);
                if (j != course && topic[j] == 0) {
                    topic[j] = index.topicCosine(course, j);
                }
            }
        }
        for (int j = 0; j < nc; j++) {
            score[j] = CO_LEARNING * coLearning[j] + (1 - CO_LEARNING) * topic[j];
        }
        int[] top = Recommender.topCandidates(score, j -> j != course, limit);
        List<Similar> out = new ArrayList<>(top.length);
        for (int j : top) {
            out.add(new Similar(j, score[j], coLearning[j], topic[j], (int) Math.round(co[j] * scale),
                    sharedTopics(coverage, course, j)));
        }
        return out;
    }

    private static int[] sharedTopics(CsrGraph coverage, int a, int b) {
        return java.util.stream.IntStream.range(coverage.start(a), coverage.end(a)).map(coverage::target)
                .filter(t -> coverage.findArc(b, t) >= 0).toArray();
    }
}
