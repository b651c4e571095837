package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.analysis.stats.LogisticRegression;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Churn predictors judged forward in time: fitted on the users active at an earlier cutoff with
 * the label observed up to T, applied to the users active at T, and scored against what happened
 * after T (on a generated platform, the planted departures). Includes the simple six-feature
 * baseline an analyst would write outside the product (issue #17): days since the last activity,
 * activity in the last 7 and 30 days and the 30 before, number of contacts, and the share of
 * contacts quiet for three weeks; the last two are its graph features.
 */
public final class ForwardChurn {

    public static final List<String> BASELINE_FEATURES = List.of("days since last activity", "activity in the last 7 days",
            "activity in the last 30 days", "activity in the 30 days before", "contacts",
            "share of contacts quiet for 3 weeks");
    public static final int BASELINE_GRAPH_FEATURES = 2;
    static final int QUIET_DAYS = 21;

    private ForwardChurn() {
    }

    /**
     * The baseline's six features of {@code users} at minute {@code t}, row-major. Contacts are
     * the people a user followed, interacted with, or was followed or addressed by, up to t.
     * O(Σ social events of the users and their contacts).
     */
    public static double[] baseline(GraphSnapshot s, int[] users, int t) {
        ActivityLog log = s.activity();
        ActivityLog.Received received = log.received();
        int d = BASELINE_FEATURES.size();
        double[] x = new double[users.length * d];
        IntStream.range(0, users.length).parallel().forEach(i -> {
            int u = users[i];
            int o = i * d;
            int last = log.lastActivity(u, t);
            x[o] = last == ActivityLog.NO_MINUTE ? 365 : (t - last) / (double) Time.DAY;
            x[o + 1] = log.activityBetween(u, t - 7 * Time.DAY, t);
            x[o + 2] = log.activityBetween(u, t - 30 * Time.DAY, t);
            x[o + 3] = log.activityBetween(u, t - 60 * Time.DAY, t - 30 * Time.DAY);
            Set<Integer> contacts = new HashSet<>();
            for (int e = log.start(u), end = log.firstAfter(u, t); e < end; e++) {
                if (!log.isLearning(e)) {
                    contacts.add(log.other(e));
                }
            }
            for (int r = received.start(u); r < received.end(u); r++) {
                if (log.minute(received.event(r)) <= t) {
                    contacts.add(received.actor(r));
                }
            }
            contacts.remove(u);
            int quiet = 0;
            for (int v : contacts) {
                quiet += log.activeBetween(v, t - QUIET_DAYS * Time.DAY, t) ? 0 : 1;
            }
            x[o + 4] = Math.log1p(contacts.size());
            x[o + 5] = contacts.isEmpty() ? 0 : (double) quiet / contacts.size();
        });
        return x;
    }

    /**
     * Fits an L2 logistic model on the {@code use}d columns of the training rows (standardised by
     * their mean and deviation) and returns the probabilities of the test rows.
     */
    public static double[] fitAndScore(double[] train, int d, boolean[] y, double[] test, boolean[] use,
                                       double lambda) {
        // an unused column is constant 0: the penalty gives it weight 0
        io.learnergraph.analysis.stats.Standardisation st = io.learnergraph.analysis.stats.Standardisation.of(train, d);
        LogisticRegression.Fit f = LogisticRegression.fit(st.apply(train, use), d, y, null, lambda);
        double[] zt = st.apply(test, use);
        double[] out = new double[test.length / d];
        for (int r = 0; r < out.length; r++) {
            out[r] = f.probability(zt, r * d);
        }
        return out;
    }

    /** Every column of {@code d}, or the first {@code d − skipLast}. */
    public static boolean[] columns(int d, int skipLast) {
        boolean[] use = new boolean[d];
        for (int j = 0; j < d - skipLast; j++) {
            use[j] = true;
        }
        return use;
    }
}
