package io.learnergraph.analysis.growth;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The conversion funnel view → enroll → purchase → complete between two times. For each user
 * and course, a step counts only at or after the previous one: the first view in the range,
 * then the first enrolment at or after it, the first purchase at or after that, the first
 * completion at or after that. Courses at the lowest tier need no purchase: enrolling counts as
 * both steps. A group counts each user once per step, when any of the user's courses in the
 * group reached it. O(events in the range) with four passes per user over their own events.
 */
public final class Funnels {

    public static final List<String> STEPS = List.of("view", "enroll", "purchase", "complete");
    private static final String[] TYPES = {"VIEWED", "ENROLLED", "PURCHASED", "COMPLETED"};

    /** What a funnel is broken down by. */
    public enum GroupBy { NONE, COURSE, CREATOR, COMMUNITY, TIER }

    /** Distinct users per group and step: {@code counts[g][step]}. */
    public record Result(long[][] counts) {
    }

    private Funnels() {
    }

    /**
     * @param freeCourse   courses that need no purchase
     * @param userGroup    for COMMUNITY and TIER: the group of each user (else ignored)
     * @param groupCount   groups: 1, courses, users (creators) or the user groups' count
     */
    public static Result compute(GraphSnapshot s, int from, int to, GroupBy by, boolean[] freeCourse, int[] userGroup,
                                 int groupCount) {
        ActivityLog log = s.activity();
        int[] code = Arrays.stream(TYPES).mapToInt(log::typeCode).toArray();
        int nc = s.courses().count();
        int[] creator = s.courses().creator();
        int chunks = Math.max(1, Math.min(64, log.userCount() / 1024));
        long[][][] partial = new long[chunks][][];
        IntStream.range(0, chunks).parallel().forEach(k -> {
            long[][] counts = new long[groupCount][4];
            int[][] at = new int[4][nc];
            for (int[] a : at) {
                Arrays.fill(a, Integer.MIN_VALUE);
            }
            int[] touched = new int[nc];
            int[] best = new int[Math.max(1, groupCount)];
            int[] groupsTouched = new int[Math.max(1, groupCount)];
            for (int u = k; u < log.userCount(); u += chunks) {
                int start = log.firstAfter(u, from - 1);
                int end = log.firstAfter(u, to);
                int nt = 0;
                for (int step = 0; step < 4; step++) {
                    int type = code[step];
                    for (int e = start; e < end; e++) {
                        int c = log.other(e);
                        if (log.type(e) == type && at[step][c] == Integer.MIN_VALUE
                                && (step == 0 || (at[step - 1][c] != Integer.MIN_VALUE && log.minute(e) >= at[step - 1][c]))) {
                            at[step][c] = log.minute(e);
                            if (step == 0) {
                                touched[nt++] = c;
                            }
                        }
                    }
                    if (step == 1) { // free courses: enrolling is buying
                        for (int i = 0; i < nt; i++) {
                            int c = touched[i];
                            if (freeCourse[c] && at[1][c] != Integer.MIN_VALUE) {
                                at[2][c] = at[1][c];
                            }
                        }
                    }
                }
                int ng = 0;
                for (int i = 0; i < nt; i++) {
                    int c = touched[i];
                    int reached = 0;
                    while (reached < 4 && at[reached][c] != Integer.MIN_VALUE) {
                        reached++;
                    }
                    int g = switch (by) {
                        case NONE -> 0;
                        case COURSE -> c;
                        case CREATOR -> creator[c];
                        case COMMUNITY, TIER -> userGroup[u];
                    };
                    if (g >= 0) {
                        if (best[g] == 0) {
                            groupsTouched[ng++] = g;
                        }
                        best[g] = Math.max(best[g], reached);
                    }
                    for (int[] a : at) {
                        a[c] = Integer.MIN_VALUE;
                    }
                }
                for (int i = 0; i < ng; i++) {
                    int g = groupsTouched[i];
                    for (int step = 0; step < best[g]; step++) {
                        counts[g][step]++;
                    }
                    best[g] = 0;
                }
            }
            partial[k] = counts;
        });
        long[][] counts = new long[groupCount][4];
        for (long[][] p : partial) {
            for (int g = 0; g < groupCount; g++) {
                for (int step = 0; step < 4; step++) {
                    counts[g][step] += p[g][step];
                }
            }
        }
        return new Result(counts);
    }

    /** Step-to-step conversion: {@code counts[i] / counts[i-1]} (0 when the previous step is empty). */
    public static double[] conversion(long[] counts) {
        double[] c = new double[counts.length - 1];
        for (int i = 1; i < counts.length; i++) {
            c[i - 1] = counts[i - 1] == 0 ? 0 : (double) counts[i] / counts[i - 1];
        }
        return c;
    }
}
