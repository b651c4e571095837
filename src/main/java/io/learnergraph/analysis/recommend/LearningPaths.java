package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A prerequisite-ordered path to a goal topic: the goal and every topic it transitively
 * requires, in a topological order (Kahn 1962; among topics whose prerequisites are all placed,
 * the one with the smallest id first, so the order is stable), each marked satisfied when the
 * user completed a course covering it, with the best course to learn it otherwise. O(ancestors
 * + their prerequisite arcs + courses covering them).
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

    /** Prerequisites that loop: the topics of the cycle, the first repeated at the end. */
    public static final class PrerequisiteCycle extends RuntimeException {
        private final List<String> topics;

        public PrerequisiteCycle(List<String> topics) {
            super("prerequisite cycle: " + String.join(" -> ", topics));
            this.topics = List.copyOf(topics);
        }

        public List<String> topics() {
            return topics;
        }
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
        boolean[] inPath = new boolean[nt];
        List<Integer> topics = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(goal);
        inPath[goal] = true;
        while (!queue.isEmpty()) {
            int t = queue.poll();
            topics.add(t);
            for (int a = prerequisites.start(t); a < prerequisites.end(t); a++) {
                int r = prerequisites.target(a);
                if (!inPath[r]) {
                    inPath[r] = true;
                    queue.add(r);
                }
            }
        }
        List<Integer> order = topologicalOrder(s, topics, inPath);

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

    private static List<Integer> topologicalOrder(GraphSnapshot s, List<Integer> topics, boolean[] inPath) {
        CsrGraph prerequisites = s.prerequisites();
        String[] ids = s.topics().ids();
        int nt = ids.length;
        int[] missing = new int[nt]; // prerequisites not yet placed
        List<List<Integer>> dependents = new ArrayList<>(Collections.nCopies(nt, null));
        for (int t : topics) {
            for (int a = prerequisites.start(t); a < prerequisites.end(t); a++) {
                int r = prerequisites.target(a);
                missing[t]++;
                if (dependents.get(r) == null) {
                    dependents.set(r, new ArrayList<>());
                }
                dependents.get(r).add(t);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) -> ids[a].compareTo(ids[b]));
        for (int t : topics) {
            if (missing[t] == 0) {
                ready.add(t);
            }
        }
        List<Integer> order = new ArrayList<>(topics.size());
        while (!ready.isEmpty()) {
            int t = ready.poll();
            order.add(t);
            if (dependents.get(t) != null) {
                for (int d : dependents.get(t)) {
                    if (--missing[d] == 0) {
                        ready.add(d);
                    }
                }
            }
        }
        if (order.size() < topics.size()) {
            throw new PrerequisiteCycle(findCycle(s, topics, inPath));
        }
        return order;
    }

    /** A cycle among the topics: depth-first search for a back edge. */
    static List<String> findCycle(GraphSnapshot s, List<Integer> topics, boolean[] inPath) {
        CsrGraph prerequisites = s.prerequisites();
        int nt = s.topics().count();
        byte[] state = new byte[nt]; // 0 new, 1 on the stack, 2 done
        int[] parent = new int[nt];
        for (int root : topics) {
            if (state[root] != 0) {
                continue;
            }
            ArrayDeque<int[]> stack = new ArrayDeque<>(); // (topic, next arc)
            stack.push(new int[]{root, prerequisites.start(root)});
            state[root] = 1;
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                int t = top[0];
                if (top[1] == prerequisites.end(t)) {
                    state[t] = 2;
                    stack.pop();
                    continue;
                }
                int r = prerequisites.target(top[1]++);
                if (!inPath[r]) {
                    continue;
                }
                if (state[r] == 1) {
                    List<String> cycle = new ArrayList<>();
                    cycle.add(s.topics().ids()[r]);
                    for (int x = t; x != r; x = parent[x]) {
                        cycle.add(s.topics().ids()[x]);
                    }
                    cycle.add(s.topics().ids()[r]);
                    Collections.reverse(cycle);
                    return cycle;
                }
                if (state[r] == 0) {
                    state[r] = 1;
                    parent[r] = t;
                    stack.push(new int[]{r, prerequisites.start(r)});
                }
            }
        }
        throw new IllegalStateException("no cycle found among " + topics.size() + " topics");
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
