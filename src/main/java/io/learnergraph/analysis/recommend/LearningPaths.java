package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import io.learnergraph.analysis.knowledge.PrerequisiteCycle;
import io.learnergraph.analysis.knowledge.PrerequisiteGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A prerequisite-ordered path to a goal topic: the goal and every topic it transitively
 * requires, in a topological order (Kahn 1962, by {@link PrerequisiteGraph#learningOrder}: among
 * topics whose prerequisites are all placed, the one with the smallest id first, so the order is
 * stable), each marked satisfied when the user completed a course covering it, with the best
 * course to learn it otherwise. O(ancestors + their prerequisite arcs + courses covering them).
 * {@code compute} throws {@link PrerequisiteCycle} when the goal's prerequisites loop.
 */
public final class LearningPaths {

    /**
     * @param satisfiedBy a course the user completed that covers the topic, or -1
     * @param course      the best course to learn it: covering it most, open to the user's tier
     *                    first, then most taken; -1 if satisfied or no course covers it
     * @param requires    the topic's direct prerequisites
     */
    public record Step(int topic, boolean satisfied, boolean inProgress, int satisfiedBy, int course,
                       String requiresUpgrade, int[] requires) {
    }

    /** @param remaining steps not yet satisfied */
    public record LearningPath(int user, int goal, List<Step> steps, int remaining) {
    }

    private LearningPaths() {
    }

    public static LearningPath compute(RecommenderIndex index, int user, int goal) {
        return compute(index, user, goal, UserDelta.NONE);
    }

    /** The path as of the index's snapshot plus the courses the user took or completed since ({@code delta}). */
    public static LearningPath compute(RecommenderIndex index, int user, int goal, UserDelta delta) {
        GraphSnapshot s = index.snapshot();
        CsrGraph prerequisites = s.prerequisites();
        int nt = s.topics().count();
        String[] ids = s.topics().ids();
        List<Integer> order = index.prerequisiteGraph.learningOrder(goal, Comparator.comparing(t -> ids[t]));

        CsrGraph learning = s.learning();
        CsrGraph coverage = s.coverage();
        int[] completedCourse = new int[nt];
        boolean[] started = new boolean[nt];
        Arrays.fill(completedCourse, -1);
        for (int a = learning.start(user); a < learning.end(user); a++) {
            int labels = learning.labels(a);
            if (!index.isTaken(labels)) {
                continue;
            }
            int c = learning.target(a);
            for (int b = coverage.start(c); b < coverage.end(c); b++) {
                int t = coverage.target(b);
                if ((labels & index.completedMask) != 0) {
                    completedCourse[t] = c;
                } else {
                    started[t] = true;
                }
            }
        }
        for (int c : delta.taken()) {
            for (int b = coverage.start(c); b < coverage.end(c); b++) {
                int t = coverage.target(b);
                if (delta.completed(c)) {
                    completedCourse[t] = c;
                } else {
                    started[t] = true;
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        int remaining = 0;
        for (int t : order) {
            boolean satisfied = completedCourse[t] >= 0;
            int course = satisfied ? -1 : bestCourse(index, user, t, delta);
            String upgrade = course >= 0 && index.courseTierRank(course) > index.userTierRank(user)
                    ? index.tierNames[index.courseTierRank(course)] : null;
            int[] requires = new int[prerequisites.degree(t)];
            for (int a = prerequisites.start(t); a < prerequisites.end(t); a++) {
                requires[a - prerequisites.start(t)] = prerequisites.target(a);
            }
            remaining += satisfied ? 0 : 1;
            steps.add(new Step(t, satisfied, !satisfied && started[t], completedCourse[t], course, upgrade, requires));
        }
        return new LearningPath(user, goal, steps, remaining);
    }

    private static int bestCourse(RecommenderIndex index, int user, int topic, UserDelta delta) {
        CsrGraph coveredBy = index.coveredBy;
        int userTier = index.userTierRank(user);
        int best = -1;
        double bestScore = -1;
        boolean bestOpen = false;
        for (int b = coveredBy.start(topic); b < coveredBy.end(topic); b++) {
            int c = coveredBy.target(b);
            if (index.took(user, c) || delta.took(c)) {
                continue;
            }
            boolean open = index.courseTierRank(c) <= userTier;
            double score = index.coverageShare(c, coveredBy.weight(b)) * (1 + Math.log1p(index.learnerCount(c)));
            if (best < 0 || open && !bestOpen || open == bestOpen && score > bestScore) {
                best = c;
                bestScore = score;
                bestOpen = open;
            }
        }
        return best;
    }
}
