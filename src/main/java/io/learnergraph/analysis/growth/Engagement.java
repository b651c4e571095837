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
        int viewed = log.typeCode("VIEWED");
        int progressed = log.typeCode("PROGRESSED");
        int completed = log.typeCode("COMPLETED");
        int rated = log.typeCode("RATED");
        int follows = log.typeCode(ActivityLog.FOLLOWS);
        double[] score = new double[n];
        int[] visits = new int[n];
        double[] hours = new double[n];
        int[] completions = new int[n];
        int[] ratings = new int[n];
        int[] given = new int[n];
        int[] received = new int[n];
        ActivityLog.Received in = log.received();
        IntStream.range(0, n).parallel().forEach(u -> {
            BitSet days = new BitSet(windowDays);
            double seconds = 0;
            for (int e = log.firstAfter(u, from), end = log.firstAfter(u, asOf); e < end; e++) {
                if (!log.isActivity(e)) {
                    continue;
                }
                days.set((asOf - log.minute(e)) / Time.DAY);
                int t = log.type(e);
                if ((t == viewed || t == progressed) && !Float.isNaN(log.value(e))) {
                    seconds += log.value(e);
                } else if (t == completed) {
                    completions[u]++;
                } else if (t == rated) {
                    ratings[u]++;
                } else if (!log.isLearning(e)) {
                    given[u]++;
                }
            }
            int r = 0;
            for (int i = in.start(u); i < in.end(u); i++) {
                int e = in.event(i);
                int m = log.minute(e);
                if (m > from && m <= asOf && log.type(e) != follows) {
                    r++;
                }
            }
            received[u] = r;
            visits[u] = days.cardinality();
            hours[u] = seconds / 3600;
            score[u] = w.visitDays() * Math.log1p(visits[u]) + w.learningHours() * Math.log1p(hours[u])
                    + w.completions() * Math.log1p(completions[u]) + w.ratings() * Math.log1p(ratings[u])
                    + w.socialGiven() * Math.log1p(given[u]) + w.socialReceived() * Math.log1p(r);
        });
        return new Result(asOf, windowDays, score, visits, hours, completions, ratings, given, received);
    }

    /** One user's engagement: the score and its components. */
    public record UserEngagement(int asOf, int windowDays, double score, int visitDays, double learningHours,
                                 int completions, int ratings, int socialGiven, int socialReceived) {
    }

    /**
     * One user's engagement as of now in the live graph: the snapshot's events and the delta's
     * (events already in the snapshot are not in the delta), as {@link #compute} counts them.
     * O(the user's events in the window + their delta).
     */
    public static UserEngagement forUser(GraphSnapshot s, DeltaLog.View delta, int u, int asOf, int windowDays,
                                         Weights w) {
        ActivityLog log = s.activity();
        int from = asOf - windowDays * Time.DAY;
        BitSet days = new BitSet(windowDays);
        double seconds = 0;
        int completions = 0;
        int ratings = 0;
        int given = 0;
        int received = 0;
        for (int e = log.firstAfter(u, from), end = log.firstAfter(u, asOf); e < end; e++) {
            if (log.isActivity(e)) {
                days.set((asOf - log.minute(e)) / Time.DAY);
                String type = log.typeName(log.type(e));
                float value = log.value(e);
                if ((type.equals("VIEWED") || type.equals("PROGRESSED")) && !Float.isNaN(value)) {
                    seconds += value;
                } else if (type.equals("COMPLETED")) {
                    completions++;
                } else if (type.equals("RATED")) {
                    ratings++;
                } else if (!log.isLearning(e)) {
                    given++;
                }
            }
        }
        for (int e : delta.byActor(u)) {
            int m = delta.minute(e);
            if (delta.kind(e) == DeltaLog.Kind.FOLLOW || m == ActivityLog.NO_MINUTE || m <= from || m > asOf) {
                continue;
            }
            days.set((asOf - m) / Time.DAY);
            String type = delta.type(e);
            if ((type.equals("VIEWED") || type.equals("PROGRESSED")) && !Float.isNaN(delta.value(e))) {
                seconds += delta.value(e);
            } else if (type.equals("COMPLETED")) {
                completions++;
            } else if (type.equals("RATED")) {
                ratings++;
            } else if (delta.kind(e) == DeltaLog.Kind.SOCIAL) {
                given++;
            }
        }
        ActivityLog.Received in = log.received();
        for (int i = in.start(u); i < in.end(u); i++) {
            int e = in.event(i);
            int m = log.minute(e);
            if (m > from && m <= asOf && !log.typeName(log.type(e)).equals(ActivityLog.FOLLOWS)) {
                received++;
            }
        }
        for (int e : delta.byTarget(u)) {
            int m = delta.minute(e);
            if (delta.kind(e) == DeltaLog.Kind.SOCIAL && m != ActivityLog.NO_MINUTE && m > from && m <= asOf) {
                received++;
            }
        }
        int visits = days.cardinality();
        double hours = seconds / 3600;
        double score = w.visitDays() * Math.log1p(visits) + w.learningHours() * Math.log1p(hours)
                + w.completions() * Math.log1p(completions) + w.ratings() * Math.log1p(ratings)
                + w.socialGiven() * Math.log1p(given) + w.socialReceived() * Math.log1p(received);
        return new UserEngagement(asOf, windowDays, score, visits, hours, completions, ratings, given, received);
    }
}
