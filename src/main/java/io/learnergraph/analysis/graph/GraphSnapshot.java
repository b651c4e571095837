package io.learnergraph.analysis.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One immutable, versioned in-memory projection of the learner graph, read by every analysis.
 * Users, courses and topics have dense int ids (their position in the arrays); the graphs are
 * CSR arrays:
 * <ul>
 *   <li>{@code social}: user → user, directed (follower → followee, actor → target), weighted by
 *   interaction type and optionally decayed by age; {@code socialUndirected} is its symmetric sum;</li>
 *   <li>{@code learning}: user → course (bipartite), weighted by learning event type;
 *   {@code learners} is its transpose;</li>
 *   <li>{@code coverage}: course → topic, weighted; {@code prerequisites}: topic → required topic.</li>
 * </ul>
 * {@code activity} keeps every event with its time, for analyses "as of" a moment (churn at a
 * cutoff, engagement windows, funnels, cohorts). Times are epoch minutes ({@link #NO_TIME} when
 * unknown).
 */
public record GraphSnapshot(long version, long referenceMinute, Users users, Courses courses, Topics topics,
                            CsrGraph social, CsrGraph socialUndirected, CsrGraph learning, CsrGraph learners,
                            CsrGraph coverage, CsrGraph prerequisites, ActivityLog activity) {

    public static final long NO_TIME = Long.MIN_VALUE;

    /**
     * @param storeIds   the store's handle of each user, used only to write results back
     * @param lastActive epoch minute of the user's latest learning or social event, or NO_TIME
     */
    public record Users(String[] ids, String[] names, String[] tiers, long[] joinedMinute, long[] lastActive,
                        long[] storeIds, Map<String, Integer> index) {
        public int count() {
            return ids.length;
        }

        public OptionalInt indexOf(String id) {
            Integer i = index.get(id);
            return i == null ? OptionalInt.empty() : OptionalInt.of(i);
        }
    }

    /** @param creator index of the creating user, or -1 */
    public record Courses(String[] ids, String[] titles, String[] tiers, int[] creator, Map<String, Integer> index) {
        public int count() {
            return ids.length;
        }

        public OptionalInt indexOf(String id) {
            Integer i = index.get(id);
            return i == null ? OptionalInt.empty() : OptionalInt.of(i);
        }
    }

    public record Topics(String[] ids, String[] names, Map<String, Integer> index) {
        public int count() {
            return ids.length;
        }

        public OptionalInt indexOf(String id) {
            Integer i = index.get(id);
            return i == null ? OptionalInt.empty() : OptionalInt.of(i);
        }
    }

    /** Bytes held by the graph arrays and the activity log (not the id strings). */
    public long graphBytes() {
        return social.bytes() + socialUndirected.bytes() + learning.bytes() + learners.bytes() + coverage.bytes()
                + prerequisites.bytes() + activity.bytes();
    }

    static Map<String, Integer> indexOf(String[] ids) {
        Map<String, Integer> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], i);
        }
        return m;
    }
}
