package io.learnergraph.analysis.growth;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.DeltaLog;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * A per-user engagement score over a window {@code (asOf − window, asOf]}, from the activity log:
 * <pre>
 *   score = w_visit·ln(1 + visit days) + w_learn·ln(1 + learning hours) + w_complete·ln(1 + completions)
 *         + w_rate·ln(1 + ratings) + w_given·ln(1 + interactions given) + w_received·ln(1 + interactions received)
 * </pre>
 * Visit days are distinct days with any activity; learning hours are the seconds of view and
 * progress events; interactions are social events other than follows (given: by the user;
 * received: aimed at them). The logarithms keep one heavy component from drowning the others.
 * O(events in the window) per user plus a binary search.
 */
public final class Engagement {

    /** Weights of the components, from {@code learnergraph.growth.engagement-weights}. */
    public record Weights(double visitDays, double learningHours, double completions, double ratings,
                          double socialGiven, double socialReceived) {
        public static Weights defaults() {
            return new Weights(1.0, 1.0, 1.5, 0.5, 0.5, 0.5);
        }
    }

    /** Per user (dense id): the score and its raw components. */
    public record Result(int asOf, int windowDays, double[] score, int[] visitDays, double[] learningHours,
                         int[] completions, int[] ratings, int[] socialGiven, int[] socialReceived) {
    }

    private Engagement() {
    }

    public static Result compute(GraphSnapshot s, int asOf, int windowDays, Weights w) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be >= 1, was " + windowDays);
        }
        ActivityLog log = s.activity();
        int n = log.userCount();
        int from = asOf - windowDays * Time.DAY;
        Kind[] kindOf = kinds(log);
        double[] score = new double[n];
        int[] visits = new int[n];
        double[] hours = new double[n];
        int[] completions = new int[n];
        int[] ratings = new int[n];
        int[] given = new int[n];
        int[] received = new int[n];
        ActivityLog.Received in = log.received();
        IntStream.range(0, n).parallel().forEach(u -> {
            Window win = new Window(from, asOf, windowDays);
            win.addLog(log, in, kindOf, u);
            score[u] = win.score(w);
            visits[u] = win.days.cardinality();
            hours[u] = win.seconds / 3600;
            completions[u] = win.completions;
            ratings[u] = win.ratings;
            given[u] = win.given;
            received[u] = win.received;
        });
        return new Result(asOf, windowDays, score, visits, hours, completions, ratings, given, received);
    }

    /** One user's engagement: the score and its components. */
    public record UserEngagement(int asOf, int windowDays, double score, int visitDays, double learningHours,
                                 int completions, int ratings, int socialGiven, int socialReceived) {
    }

    /**
     * One user's engagement as of now in the live graph: the snapshot's events and the delta's
     * (events already in the snapshot are not in the delta), counted as {@link #compute} counts
     * them. O(the user's events in the window + their delta).
     */
    public static UserEngagement forUser(GraphSnapshot s, DeltaLog.View delta, int u, int asOf, int windowDays,
                                         Weights w) {
        ActivityLog log = s.activity();
        Window win = new Window(asOf - windowDays * Time.DAY, asOf, windowDays);
        win.addLog(log, log.received(), kinds(log), u);
        for (int e : delta.byActor(u)) {
            if (delta.kind(e) != DeltaLog.Kind.FOLLOW) {
                win.add(delta.minute(e), kind(delta.type(e), delta.kind(e) == DeltaLog.Kind.LEARNING), delta.value(e));
            }
        }
        for (int e : delta.byTarget(u)) {
            if (delta.kind(e) == DeltaLog.Kind.SOCIAL && win.inWindow(delta.minute(e))) {
                win.received++;
            }
        }
        return new UserEngagement(asOf, windowDays, win.score(w), win.days.cardinality(), win.seconds / 3600,
                win.completions, win.ratings, win.given, win.received);
    }

    /** What an event counts as: seconds of learning, a completion, a rating, an interaction given, nothing more. */
    private enum Kind { TIME, COMPLETION, RATING, GIVEN, OTHER }

    private static Kind kind(String type, boolean learning) {
        return switch (type) {
            case "VIEWED", "PROGRESSED" -> Kind.TIME;
            case "COMPLETED" -> Kind.COMPLETION;
            case "RATED" -> Kind.RATING;
            default -> learning ? Kind.OTHER : Kind.GIVEN;
        };
    }

    /** The kind of each of the log's type codes, so the per-event loop compares no strings. */
    private static Kind[] kinds(ActivityLog log) {
        Kind[] k = new Kind[log.typeCount()];
        for (int t = 0; t < k.length; t++) {
            k[t] = kind(log.typeName(t), log.isLearningType(t));
        }
        return k;
    }

    /** One user's counts over the window {@code (from, asOf]}. */
    private static final class Window {
        final int from;
        final int asOf;
        final BitSet days;
        double seconds;
        int completions;
        int ratings;
        int given;
        int received;

        Window(int from, int asOf, int windowDays) {
            this.from = from;
            this.asOf = asOf;
            this.days = new BitSet(windowDays);
        }

        boolean inWindow(int minute) {
            return minute != ActivityLog.NO_MINUTE && minute > from && minute <= asOf;
        }

        /** An activity event (not a follow): a visit day, and what its kind adds. */
        void add(int minute, Kind kind, float value) {
            if (!inWindow(minute)) {
                return;
            }
            days.set((asOf - minute) / Time.DAY);
            switch (kind) {
                case TIME -> seconds += Float.isNaN(value) ? 0 : value;
                case COMPLETION -> completions++;
                case RATING -> ratings++;
                case GIVEN -> given++;
                case OTHER -> { }
            }
        }

        /** The user's events in the snapshot's log: done and received (follows are not activity). */
        void addLog(ActivityLog log, ActivityLog.Received in, Kind[] kindOf, int u) {
            for (int e = log.firstAfter(u, from), end = log.firstAfter(u, asOf); e < end; e++) {
                if (log.isActivity(e)) {
                    add(log.minute(e), kindOf[log.type(e)], log.value(e));
                }
            }
            for (int i = in.start(u); i < in.end(u); i++) {
                int e = in.event(i);
                if (log.isActivity(e) && inWindow(log.minute(e))) {
                    received++;
                }
            }
        }

        double score(Weights w) {
            return w.visitDays() * Math.log1p(days.cardinality()) + w.learningHours() * Math.log1p(seconds / 3600)
                    + w.completions() * Math.log1p(completions) + w.ratings() * Math.log1p(ratings)
                    + w.socialGiven() * Math.log1p(given) + w.socialReceived() * Math.log1p(received);
        }
    }
}
