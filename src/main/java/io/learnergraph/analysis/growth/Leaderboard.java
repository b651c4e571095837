package io.learnergraph.analysis.growth;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contribution points over a window {@code (asOf − window, asOf]}: for answers a user gives,
 * and for replies, comments and tips they receive and followers they gain, with a point per kind
 * from {@code learnergraph.growth.points}. Counts per kind are kept so the board can say where
 * the points came from. O(social events).
 */
public final class Leaderboard {

    /** A kind of contribution: the relationship type, and whether the actor (given) or the target (received) earns it. */
    public enum Kind {
        ANSWERS("ANSWERED", true), REPLIES("REPLIED", false), COMMENTS("COMMENTED", false), TIPS("TIPPED", false),
        FOLLOWERS("FOLLOWS", false);

        private final String type;
        private final boolean given;

        Kind(String type, boolean given) {
            this.type = type;
            this.given = given;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code counts[kind][user]} and {@code points[user]}. */
    public record Result(int asOf, int windowDays, int[][] counts, double[] points) {
        public Map<String, Integer> byKind(int u) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (Kind k : Kind.values()) {
                m.put(k.key(), counts[k.ordinal()][u]);
            }
            return m;
        }
    }

    private Leaderboard() {
    }

    /** @param pointsByKind points per contribution of each kind (missing kinds earn none) */
    public static Result compute(GraphSnapshot s, int asOf, int windowDays, Map<Kind, Double> pointsByKind) {
        ActivityLog log = s.activity();
        int n = log.userCount();
        int from = asOf - windowDays * Time.DAY;
        int[][] counts = new int[Kind.values().length][n];
        int[] kindOfType = new int[128];
        java.util.Arrays.fill(kindOfType, -1);
        for (Kind k : Kind.values()) {
            int code = log.typeCode(k.type);
            if (code >= 0) {
                kindOfType[code] = k.ordinal();
            }
        }
        for (int u = 0; u < n; u++) {
            for (int e = log.firstAfter(u, from), end = log.firstAfter(u, asOf); e < end; e++) {
                int k = kindOfType[log.type(e)];
                if (k < 0 || log.isLearning(e)) {
                    continue;
                }
                int earner = Kind.values()[k].given ? u : log.other(e);
                counts[k][earner]++;
            }
        }
        double[] points = new double[n];
        for (Kind k : Kind.values()) {
            double p = pointsByKind.getOrDefault(k, 0.0);
            for (int u = 0; u < n; u++) {
                points[u] += p * counts[k.ordinal()][u];
            }
        }
        return new Result(asOf, windowDays, counts, points);
    }
}
