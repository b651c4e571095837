package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.DeltaLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionWeights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one user did since the recommender index's snapshot was built (the live graph's delta),
 * so that a request answers as of now: a course enrolled in or completed a second ago is no
 * longer recommended and counts in the learning path; someone followed a second ago lends social
 * proof. The knowledge and collaborative sources, and everything about other users, see such
 * events at the next merged snapshot. Arrays are small (one user's recent events): linear scans.
 *
 * @param taken      courses the user took since (enrolled, progressed, completed, purchased, rated)
 * @param completed  of those, the ones completed
 * @param ties       users the user followed or interacted with since
 * @param tieWeights the tie strength each adds (the projection's weight of the interaction type)
 * @param tieTypes   the relationship each tie was formed by (its latest), for explanations
 */
public record UserDelta(int[] taken, int[] completed, int[] ties, double[] tieWeights, String[] tieTypes) {

    public static final UserDelta NONE = new UserDelta(new int[0], new int[0], new int[0], new double[0],
            new String[0]);

    /**
     * The user's events in {@code deltas} (oldest first; dense ids of the recommender index's
     * snapshot), tie strength by {@code weights} as the projection would weigh them at {@code now}.
     */
    public static UserDelta of(List<DeltaLog.View> deltas, int user, ProjectionWeights weights, long now) {
        IntList taken = new IntList();
        IntList completed = new IntList();
        IntList ties = new IntList();
        List<Double> w = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (DeltaLog.View d : deltas) {
            for (int e : d.byActor(user)) {
                if (d.kind(e) == DeltaLog.Kind.LEARNING) {
                    if (RecommenderIndex.TAKEN_TYPES.contains(d.type(e))) {
                        taken.addOnce(d.target(e));
                        if ("COMPLETED".equals(d.type(e))) {
                            completed.addOnce(d.target(e));
                        }
                    }
                } else {
                    long minute = d.minute(e) == ActivityLog.NO_MINUTE ? GraphSnapshot.NO_TIME : d.minute(e);
                    double weight = weights.weight(d.type(e), minute, now);
                    int at = ties.indexOf(d.target(e));
                    if (at < 0) {
                        ties.addOnce(d.target(e));
                        w.add(weight);
                        types.add(d.type(e));
                    } else {
                        w.set(at, w.get(at) + weight);
                        types.set(at, d.type(e));
                    }
                }
            }
        }
        return new UserDelta(taken.toArray(), completed.toArray(), ties.toArray(),
                w.stream().mapToDouble(Double::doubleValue).toArray(), types.toArray(String[]::new));
    }

    /** A few ints without duplicates. */
    private static final class IntList {
        private int[] a = new int[4];
        private int n;

        void addOnce(int x) {
            if (indexOf(x) >= 0) {
                return;
            }
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = x;
        }

        int indexOf(int x) {
            for (int i = 0; i < n; i++) {
                if (a[i] == x) {
                    return i;
                }
            }
            return -1;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    public UserDelta {
        if (ties.length != tieWeights.length || ties.length != tieTypes.length) {
            throw new IllegalArgumentException("one weight and one type per tie");
        }
    }

    /** The relationship a tie formed since was formed by, or null when {@code v} is not such a tie. */
    String tieType(int v) {
        for (int i = 0; i < ties.length; i++) {
            if (ties[i] == v) {
                return tieTypes[i];
            }
        }
        return null;
    }

    boolean took(int course) {
        return contains(taken, course);
    }

    boolean completed(int course) {
        return contains(completed, course);
    }

    boolean isEmpty() {
        return taken.length == 0 && ties.length == 0;
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "UserDelta[taken=" + Arrays.toString(taken) + ", completed=" + Arrays.toString(completed) + ", ties="
                + Arrays.toString(ties) + "]";
    }
}
