package io.learnergraph.analysis.growth;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Cohort retention: users grouped by the calendar week (Monday, UTC) or month they joined, and
 * for each later period the share of the cohort with any activity in it (period 0 is the joining
 * period itself). Periods after the latest event are left out, which gives the triangle. Users
 * without a join time join with their first event. O(events) after a per-user binary search.
 */
public final class Cohorts {

    /** One cohort: its first minute, its size and the active share per period since joining. */
    public record Cohort(int start, int size, double[] retention) {
    }

    /** The cohorts of one group, oldest first. */
    public record Triangle(String key, List<Cohort> cohorts) {
    }

    private Cohorts() {
    }

    /**
     * @param from  first join minute included (inclusive)
     * @param to    last join minute included (inclusive)
     * @param until the latest minute with data: periods after it are not reported
     */
    public static List<Triangle> compute(GraphSnapshot s, Time.Period period, Grouping groups, int from, int to,
                                         int until) {
        ActivityLog log = s.activity();
        int n = log.userCount();
        int last = period.index(until);
        int first = Integer.MAX_VALUE;
        int[] joinPeriod = new int[n];
        for (int u = 0; u < n; u++) {
            long joined = s.users().joinedMinute()[u];
            int j = joined != GraphSnapshot.NO_TIME ? (int) joined : log.firstDated(u);
            if (j == ActivityLog.NO_MINUTE || j < from || j > to || j > until || groups.group()[u] < 0) {
                joinPeriod[u] = Integer.MIN_VALUE;
                continue;
            }
            joinPeriod[u] = period.index(j);
            first = Math.min(first, joinPeriod[u]);
        }
        List<Triangle> out = new ArrayList<>();
        if (first == Integer.MAX_VALUE) {
            for (String key : groups.keys()) {
                out.add(new Triangle(key, List.of()));
            }
            return out;
        }
        int periods = last - first + 1;
        int g = groups.keys().length;
        long[][] size = new long[g][periods];
        long[][][] active = new long[g][periods][];
        for (int u = 0; u < n; u++) {
            int jp = joinPeriod[u];
            if (jp == Integer.MIN_VALUE) {
                continue;
            }
            int grp = groups.group()[u];
            int c = jp - first;
            size[grp][c]++;
            if (active[grp][c] == null) {
                active[grp][c] = new long[last - jp + 1];
            }
            long[] row = active[grp][c];
            // events are in time order: a period is counted at its first event, and the calendar
            // is consulted only when an event passes the end of the current period
            int nextStart = Integer.MIN_VALUE;
            for (int e = log.firstAfter(u, period.start(jp) - 1), end = log.firstAfter(u, until); e < end; e++) {
                if (!log.isActivity(e) || log.minute(e) < nextStart) {
                    continue;
                }
                int p = period.index(log.minute(e));
                row[p - jp]++;
                nextStart = period.start(p + 1);
            }
        }
        for (int k = 0; k < g; k++) {
            List<Cohort> cohorts = new ArrayList<>();
            for (int c = 0; c < periods; c++) {
                if (size[k][c] == 0) {
                    continue;
                }
                long[] row = active[k][c];
                double[] retention = new double[row.length];
                for (int i = 0; i < row.length; i++) {
                    retention[i] = (double) row[i] / size[k][c];
                }
                cohorts.add(new Cohort(period.start(first + c), (int) size[k][c], retention));
            }
            out.add(new Triangle(groups.keys()[k], cohorts));
        }
        return out;
    }
}
