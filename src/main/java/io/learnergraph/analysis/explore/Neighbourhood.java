package io.learnergraph.analysis.explore;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Cost: a user, O(e log n + courses) for their e events sent and received (the sender of a
 * received event is found by binary search) and the courses they created; a course, the events of its learners; a topic, O(courses +
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
        Map<Long, Tie> ties = new HashMap<>();
        for (int e = log.start(u); e < log.end(u) && log.minute(e) <= p.asOf(); e++) {
            Kind k = log.isLearning(e) ? Kind.COURSE : Kind.USER;
            ties.computeIfAbsent(key(k, log.other(e)), x -> new Tie()).add(log.typeName(log.type(e)), log.minute(e),
                    true);
        }
        ActivityLog.Received received = log.received();
        for (int i = received.start(u); i < received.end(u); i++) {
            int e = received.event(i);
            if (log.minute(e) > p.asOf()) {
                break; // oldest first
            }
            ties.computeIfAbsent(key(Kind.USER, log.actor(e)), x -> new Tie()).add(log.typeName(log.type(e)),
                    log.minute(e), false);
        }
        int[] creator = s.courses().creator();
        for (int c = 0; c < creator.length; c++) {
            if (creator[c] == u) {
                ties.computeIfAbsent(key(Kind.COURSE, c), x -> new Tie()).timeless(CREATED, true);
            }
        }
        int[] learners = learnerCounts(s);
        return rank(Kind.USER, u, ties, p.limit(), (kind, i) -> kind == Kind.USER ? userRank[i] : learners[i]);
    }

    /** A course's neighbours: its learners (as of), its topics and its creator. */
    public static Result ofCourse(GraphSnapshot s, int c, double[] userRank, Parameters p) {
        ActivityLog log = s.activity();
        Map<Long, Tie> ties = new HashMap<>();
        CsrGraph learners = s.learners();
        for (int a = learners.start(c); a < learners.end(c); a++) {
            int v = learners.target(a);
            for (int e = log.start(v); e < log.end(v) && log.minute(e) <= p.asOf(); e++) {
                if (log.isLearning(e) && log.other(e) == c) {
                    // the learner acted on the course: from the course's side, an incoming tie
                    ties.computeIfAbsent(key(Kind.USER, v), x -> new Tie()).add(log.typeName(log.type(e)),
                            log.minute(e), false);
                }
            }
        }
        CsrGraph coverage = s.coverage();
        for (int a = coverage.start(c); a < coverage.end(c); a++) {
            ties.computeIfAbsent(key(Kind.TOPIC, coverage.target(a)), x -> new Tie()).timeless(COVERS, true);
        }
        int creator = s.courses().creator()[c];
        if (creator >= 0) {
            ties.computeIfAbsent(key(Kind.USER, creator), x -> new Tie()).timeless(CREATED, false);
        }
        return rank(Kind.COURSE, c, ties, p.limit(), (kind, i) -> kind == Kind.USER ? userRank[i] : 0);
    }

    /** A topic's neighbours: the courses covering it, the topics it requires and those requiring it. */
    public static Result ofTopic(GraphSnapshot s, int t, Parameters p) {
        Map<Long, Tie> ties = new HashMap<>();
        CsrGraph coverage = s.coverage();
        for (int c = 0; c < coverage.nodeCount(); c++) {
            if (coverage.findArc(c, t) >= 0) {
                ties.computeIfAbsent(key(Kind.COURSE, c), x -> new Tie()).timeless(COVERS, false);
            }
        }
        CsrGraph prerequisites = s.prerequisites();
        for (int a = prerequisites.start(t); a < prerequisites.end(t); a++) {
            ties.computeIfAbsent(key(Kind.TOPIC, prerequisites.target(a)), x -> new Tie()).timeless(REQUIRES, true);
        }
        for (int other = 0; other < prerequisites.nodeCount(); other++) {
            if (other != t && prerequisites.findArc(other, t) >= 0) {
                ties.computeIfAbsent(key(Kind.TOPIC, other), x -> new Tie()).timeless(REQUIRES, false);
            }
        }
        int[] learners = learnerCounts(s);
        return rank(Kind.TOPIC, t, ties, p.limit(), (kind, i) -> kind == Kind.COURSE ? learners[i] : 0);
    }

    private static int[] learnerCounts(GraphSnapshot s) {
        int[] out = new int[s.courses().count()];
        for (int c = 0; c < out.length; c++) {
            out[c] = s.learners().degree(c);
        }
        return out;
    }

    private interface Score {
        double of(Kind kind, int index);
    }

    private static Result rank(Kind kind, int centre, Map<Long, Tie> ties, int limit, Score score) {
        ties.remove(key(kind, centre)); // a self-loop is not a neighbour
        List<Neighbour> all = new ArrayList<>(ties.size());
        ties.forEach((k, t) -> all.add(new Neighbour(Kind.values()[(int) (k >>> 32)], (int) (long) k,
                List.copyOf(t.types), t.outgoing, t.incoming, t.events, t.first, t.last)));
        // kinds in a fixed order (users, courses, topics), then by score, then by index: deterministic
        all.sort(Comparator.comparingInt((Neighbour n) -> n.kind().ordinal())
                .thenComparing(Comparator.comparingDouble((Neighbour n) -> score.of(n.kind(), n.index())).reversed())
                .thenComparingInt(Neighbour::index));
        List<Neighbour> kept = all.size() <= limit ? all : topAcrossKinds(all, limit);
        return new Result(kind, centre, kept, all.size());
    }

    /**
     * The best {@code limit} overall when the neighbours are many: each kind keeps its share of the
     * cap in proportion to its count (at least one if it has any), so a user with thousands of
     * followers still shows the courses they took.
     */
    private static List<Neighbour> topAcrossKinds(List<Neighbour> sorted, int limit) {
        int kinds = Kind.values().length;
        int[] count = new int[kinds];
        sorted.forEach(n -> count[n.kind().ordinal()]++);
        int[] quota = new int[kinds];
        int sum = 0;
        for (int k = 0; k < kinds; k++) {
            quota[k] = count[k] == 0 ? 0 : Math.max(1, (int) ((long) limit * count[k] / sorted.size()));
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
        List<Neighbour> out = new ArrayList<>(limit);
        int[] taken = new int[kinds];
        for (Neighbour n : sorted) {
            if (taken[n.kind().ordinal()] < quota[n.kind().ordinal()]) {
                taken[n.kind().ordinal()]++;
                out.add(n);
            }
        }
        return out;
    }

    private static long key(Kind kind, int index) {
        return ((long) kind.ordinal() << 32) | (index & 0xffffffffL);
    }

    /** The ties to one neighbour as they accumulate. */
    private static final class Tie {
        final TreeSet<String> types = new TreeSet<>();
        boolean outgoing;
        boolean incoming;
        int events;
        int first = ActivityLog.NO_MINUTE;
        int last = ActivityLog.NO_MINUTE;

        void add(String type, int minute, boolean out) {
            types.add(type);
            events++;
            outgoing |= out;
            incoming |= !out;
            if (minute != ActivityLog.NO_MINUTE) {
                first = first == ActivityLog.NO_MINUTE ? minute : Math.min(first, minute);
                last = Math.max(last, minute);
            }
        }

        void timeless(String type, boolean out) {
            types.add(type);
            events++;
            outgoing |= out;
            incoming |= !out;
        }
    }
}
