package io.learnergraph.analysis.explore;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The neighbours of one user, course or topic, as a graph explorer expands them on click: every
 * node one relationship away, with the relationship types between them, how many events, the
 * first and last of them and their direction, ranked so that a cap keeps the most telling ones
 * (users by a score such as PageRank, courses by learners, topics by courses), and the total
 * that the cap cut.
 *
 * <p>A user's and a course's neighbours are read from the activity log, so that "as of" a
 * minute is exact: a tie counts from its first event at or before that minute (undated events
 * count as before any minute). The knowledge graph (a course covers a topic, a topic requires
 * another, a creator made a course) has no time and is the same at every minute.
 *
 * <p>Cost: a user, O(e + courses) for their e events sent and received (each received event
 * keeps its sender) and the courses they created; a course, the events of its learners; a topic, O(courses +
 * topics). Then O(k log k) to rank the k neighbours.
 */
public final class Neighbourhood {

    /** Neighbours kept when the caller does not say. */
    public static final int DEFAULT_LIMIT = 300;
    /** The most neighbours one expansion returns. */
    public static final int MAX_LIMIT = 5_000;
    /** No "as of": every event counts. */
    public static final int ALL_TIME = Integer.MAX_VALUE;

    public static final String COVERS = "COVERS";
    public static final String REQUIRES = "REQUIRES";
    public static final String CREATED = "CREATED";

    public enum Kind { USER, COURSE, TOPIC }

    /**
     * @param limit neighbours returned, 1..{@value #MAX_LIMIT}
     * @param asOf  epoch minute the graph is seen at, or {@link #ALL_TIME}
     */
    public record Parameters(int limit, int asOf) {
        public Parameters {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", was " + limit);
            }
        }

        public static Parameters defaults() {
            return new Parameters(DEFAULT_LIMIT, ALL_TIME);
        }
    }

    /**
     * One neighbour and the ties to it.
     *
     * @param types    relationship types between the two, in name order
     * @param outgoing whether the centre acted towards the neighbour (or covers, requires, created it)
     * @param incoming whether the neighbour acted towards the centre
     * @param events   events between the two (1 for a timeless tie)
     * @param first    epoch minute of the first dated event, or {@link ActivityLog#NO_MINUTE}
     * @param last     epoch minute of the last dated event, or {@link ActivityLog#NO_MINUTE}
     */
    public record Neighbour(Kind kind, int index, List<String> types, boolean outgoing, boolean incoming, int events,
                            int first, int last) {
    }

    /** @param total neighbours before the cap; {@code neighbours} holds the first {@code limit} by rank */
    public record Result(Kind kind, int centre, List<Neighbour> neighbours, int total) {
        public int more() {
            return total - neighbours.size();
        }
    }

    private Neighbourhood() {
    }

    /** A user's neighbours: users they interacted with either way, courses they learnt or created. */
    public static Result ofUser(GraphSnapshot s, int u, double[] userRank, Parameters p) {
        ActivityLog log = s.activity();
        Ties ties = Ties.reused(s);
        for (int e = log.start(u); e < log.end(u) && log.minute(e) <= p.asOf(); e++) {
            ties.add(log.isLearning(e) ? Kind.COURSE : Kind.USER, log.other(e), log.type(e), log.minute(e), true);
        }
        ActivityLog.Received received = log.received();
        for (int i = received.start(u); i < received.end(u); i++) {
            int e = received.event(i);
            if (log.minute(e) > p.asOf()) {
                break; // oldest first
            }
            ties.add(Kind.USER, received.actor(i), log.type(e), log.minute(e), false);
        }
        int[] creator = s.courses().creator();
        for (int c = 0; c < creator.length; c++) {
            if (creator[c] == u) {
                ties.addTimeless(Kind.COURSE, c, Ties.CREATED_BIT, true);
            }
        }
        CsrGraph learners = s.learners();
        return ties.rank(log, Kind.USER, u, p.limit(), (kind, i) -> kind == Kind.USER ? userRank[i]
                : learners.degree(i));
    }

    /** A course's neighbours: its learners (as of), its topics and its creator. */
    public static Result ofCourse(GraphSnapshot s, int c, double[] userRank, Parameters p) {
        ActivityLog log = s.activity();
        Ties ties = Ties.reused(s);
        CsrGraph learners = s.learners();
        for (int a = learners.start(c); a < learners.end(c); a++) {
            int v = learners.target(a);
            for (int e = log.start(v); e < log.end(v) && log.minute(e) <= p.asOf(); e++) {
                if (log.isLearning(e) && log.other(e) == c) {
                    // the learner acted on the course: from the course's side, an incoming tie
                    ties.add(Kind.USER, v, log.type(e), log.minute(e), false);
                }
            }
        }
        CsrGraph coverage = s.coverage();
        for (int a = coverage.start(c); a < coverage.end(c); a++) {
            ties.addTimeless(Kind.TOPIC, coverage.target(a), Ties.COVERS_BIT, true);
        }
        int creator = s.courses().creator()[c];
        if (creator >= 0) {
            ties.addTimeless(Kind.USER, creator, Ties.CREATED_BIT, false);
        }
        return ties.rank(log, Kind.COURSE, c, p.limit(), (kind, i) -> kind == Kind.USER ? userRank[i] : 0);
    }

    /** A topic's neighbours: the courses covering it, the topics it requires and those requiring it. */
    public static Result ofTopic(GraphSnapshot s, int t, Parameters p) {
        Ties ties = Ties.reused(s);
        CsrGraph coverage = s.coverage();
        for (int c = 0; c < coverage.nodeCount(); c++) {
            if (coverage.findArc(c, t) >= 0) {
                ties.addTimeless(Kind.COURSE, c, Ties.COVERS_BIT, false);
            }
        }
        CsrGraph prerequisites = s.prerequisites();
        for (int a = prerequisites.start(t); a < prerequisites.end(t); a++) {
            ties.addTimeless(Kind.TOPIC, prerequisites.target(a), Ties.REQUIRES_BIT, true);
        }
        for (int other = 0; other < prerequisites.nodeCount(); other++) {
            if (other != t && prerequisites.findArc(other, t) >= 0) {
                ties.addTimeless(Kind.TOPIC, other, Ties.REQUIRES_BIT, false);
            }
        }
        CsrGraph learners = s.learners();
        return ties.rank(s.activity(), Kind.TOPIC, t, p.limit(), (kind, i) -> kind == Kind.COURSE ? learners.degree(i)
                : 0);
    }

    private interface Score {
        double of(Kind kind, int index);
    }

    /**
     * The ties of one request as they accumulate, in primitive arrays: a neighbour's slot is found
     * through a dense per-kind table (reused per thread and cleared in time proportional to what
     * was touched), its relationship types are bits (the event type codes of the log, which are
     * the product's few relationship types, and apart from them the three timeless ones), so a
     * hub with a hundred thousand neighbours costs arrays, not objects.
     */
    private static final class Ties {
        static final int COVERS_BIT = 0;
        static final int REQUIRES_BIT = 1;
        static final int CREATED_BIT = 2;
        private static final ThreadLocal<Ties> REUSED = new ThreadLocal<>();

        private final int[][] slot; // per kind: node index → neighbour number + 1 (0: none yet)
        private int size;
        private byte[] kind = new byte[64];
        private int[] index = new int[64];
        private long[] types = new long[64]; // event type codes of the log
        private byte[] timeless = new byte[64]; // COVERS, REQUIRES, CREATED
        private int[] events = new int[64];
        private int[] first = new int[64];
        private int[] last = new int[64];
        private byte[] direction = new byte[64]; // bit 0: outgoing, bit 1: incoming

        private Ties(int users, int courses, int topics) {
            slot = new int[][]{new int[users], new int[courses], new int[topics]};
        }

        static Ties reused(GraphSnapshot s) {
            Ties t = REUSED.get();
            if (t != null && t.size > 0) {
                t.clear(); // a request that failed half-way left its ties
            }
            if (t == null || t.slot[0].length != s.users().count() || t.slot[1].length != s.courses().count()
                    || t.slot[2].length != s.topics().count()) {
                t = new Ties(s.users().count(), s.courses().count(), s.topics().count());
                REUSED.set(t);
            }
            return t;
        }

        /** An event of the log (type code < 64: the product's relationship types are a few). */
        void add(Kind k, int node, int typeCode, int minute, boolean out) {
            if (typeCode < 0 || typeCode >= Long.SIZE) {
                throw new IllegalStateException("event type code " + typeCode + " beyond the 64 a neighbourhood tells");
            }
            int n = slotOf(k, node);
            types[n] |= 1L << typeCode;
            count(n, minute, out);
        }

        /** A tie of the knowledge graph, which has no time. */
        void addTimeless(Kind k, int node, int bit, boolean out) {
            int n = slotOf(k, node);
            timeless[n] |= (byte) (1 << bit);
            count(n, ActivityLog.NO_MINUTE, out);
        }

        private int slotOf(Kind k, int node) {
            int[] table = slot[k.ordinal()];
            int n = table[node] - 1;
            if (n < 0) {
                n = size++;
                if (n == index.length) {
                    grow();
                }
                table[node] = n + 1;
                kind[n] = (byte) k.ordinal();
                index[n] = node;
                types[n] = 0;
                timeless[n] = 0;
                events[n] = 0;
                first[n] = ActivityLog.NO_MINUTE;
                last[n] = ActivityLog.NO_MINUTE;
                direction[n] = 0;
            }
            return n;
        }

        private void count(int n, int minute, boolean out) {
            events[n]++;
            direction[n] |= (byte) (out ? 1 : 2);
            if (minute != ActivityLog.NO_MINUTE) {
                first[n] = first[n] == ActivityLog.NO_MINUTE ? minute : Math.min(first[n], minute);
                last[n] = Math.max(last[n], minute);
            }
        }

        private void clear() {
            for (int n = 0; n < size; n++) {
                slot[kind[n]][index[n]] = 0;
            }
            size = 0;
        }

        private void grow() {
            int cap = index.length * 2;
            kind = java.util.Arrays.copyOf(kind, cap);
            index = java.util.Arrays.copyOf(index, cap);
            types = java.util.Arrays.copyOf(types, cap);
            timeless = java.util.Arrays.copyOf(timeless, cap);
            events = java.util.Arrays.copyOf(events, cap);
            first = java.util.Arrays.copyOf(first, cap);
            last = java.util.Arrays.copyOf(last, cap);
            direction = java.util.Arrays.copyOf(direction, cap);
        }

        /**
         * The result, and the scratch cleared. Kinds in a fixed order (users, courses, topics),
         * each by score then node index, capped: each kind keeps its share of the cap in
         * proportion to its count (at least one if it has any), so a user with thousands of
         * followers still shows the courses they took. O(k log k) for the k neighbours.
         */
        Result rank(ActivityLog log, Kind centreKind, int centre, int limit, Score score) {
            try {
                int self = slot[centreKind.ordinal()][centre] - 1; // a self-loop is not a neighbour
                int kinds = Kind.values().length;
                long[][] keys = new long[kinds][];
                int[] count = new int[kinds];
                for (int n = 0; n < size; n++) {
                    count[kind[n]] += n == self ? 0 : 1;
                }
                for (int k = 0; k < kinds; k++) {
                    keys[k] = new long[count[k]];
                }
                int[] fill = new int[kinds];
                for (int n = 0; n < size; n++) {
                    if (n == self) {
                        continue;
                    }
                    // score as float bits (non-negative floats order like their bits), best first,
                    // then the node index: one primitive sort per kind
                    double value = score.of(Kind.values()[kind[n]], index[n]);
                    float f = value > 0 ? (float) value : 0f; // NaN and negatives rank last
                    keys[kind[n]][fill[kind[n]]++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(f)) << 32)
                            | index[n];
                }
                int total = 0;
                for (int k = 0; k < kinds; k++) {
                    java.util.Arrays.sort(keys[k]);
                    total += count[k];
                }
                int[] quota = quotas(count, total, limit);
                List<Neighbour> kept = new ArrayList<>(Math.min(limit, total));
                for (int k = 0; k < kinds; k++) {
                    int[] table = slot[k];
                    for (int i = 0; i < quota[k]; i++) {
                        int node = (int) (keys[k][i] & 0xffffffffL);
                        int n = table[node] - 1;
                        kept.add(new Neighbour(Kind.values()[k], node, names(log, types[n], timeless[n]),
                                (direction[n] & 1) != 0,
                                (direction[n] & 2) != 0, events[n], first[n], last[n]));
                    }
                }
                return new Result(centreKind, centre, kept, total);
            } finally {
                clear();
            }
        }

        private static int[] quotas(int[] count, int total, int limit) {
            int kinds = count.length;
            int[] quota = new int[kinds];
            if (total <= limit) {
                return count.clone();
            }
            int sum = 0;
            for (int k = 0; k < kinds; k++) {
                quota[k] = count[k] == 0 ? 0 : Math.max(1, (int) ((long) limit * count[k] / total));
                sum += quota[k];
            }
            while (sum > limit) { // the minimum of one may overshoot: take from the largest share
                int largest = 0;
                for (int k = 1; k < kinds; k++) {
                    largest = quota[k] > quota[largest] ? k : largest;
                }
                quota[largest]--;
                sum--;
            }
            for (int k = 0; k < kinds && sum < limit; k++) { // rounding leftovers, in kind order
                int extra = Math.min(limit - sum, count[k] - quota[k]);
                quota[k] += extra;
                sum += extra;
            }
            return quota;
        }

        private static List<String> names(ActivityLog log, long types, byte timeless) {
            TreeSet<String> out = new TreeSet<>();
            for (int b = 0; b < Long.SIZE; b++) {
                if ((types & (1L << b)) != 0) {
                    out.add(log.typeName(b));
                }
            }
            String[] knowledge = {COVERS, REQUIRES, CREATED};
            for (int b = 0; b < knowledge.length; b++) {
                if ((timeless & (1 << b)) != 0) {
                    out.add(knowledge[b]);
                }
            }
            return List.copyOf(out);
        }
    }
}
