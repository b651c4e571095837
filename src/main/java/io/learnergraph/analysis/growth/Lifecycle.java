package io.learnergraph.analysis.growth;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Each user's lifecycle stage at a time T, first match wins:
 * <ol>
 *   <li>{@code new}: joined less than {@code newDays} before T;</li>
 *   <li>{@code churned}: no activity for more than {@code churnedDays} (the join counts as the
 *   last sign of life for users who never did anything);</li>
 *   <li>{@code dormant}: no activity for {@code dormantDays} to {@code churnedDays};</li>
 *   <li>{@code won back}: active within {@code dormantDays}, after a silence of at least
 *   {@code dormantDays} before that return;</li>
 *   <li>{@code at risk}: a churn risk above the threshold when scores are given; otherwise falling
 *   engagement: activity in the last 30 days below {@code dropShare} of the 30 before (and at least
 *   2 events then);</li>
 *   <li>{@code active}: the rest.</li>
 * </ol>
 * Users who had not joined by T have no stage ({@code null}). O(log events) per user.
 */
public final class Lifecycle {

    public enum Stage {
        NEW, ACTIVE, AT_RISK, DORMANT, CHURNED, WON_BACK;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record Parameters(int newDays, int dormantDays, int churnedDays, double dropShare, double riskThreshold) {
        public Parameters {
            if (newDays < 1 || dormantDays < 1 || churnedDays <= dormantDays || !(dropShare > 0 && dropShare < 1)
                    || !(riskThreshold > 0 && riskThreshold < 1)) {
                throw new IllegalArgumentException("lifecycle: new-days and dormant-days >= 1, churned-days > dormant-days, "
                        + "drop-share and risk-threshold in (0, 1)");
            }
        }

        public static Parameters defaults() {
            return new Parameters(14, 30, 90, 0.5, 0.5);
        }
    }

    private Lifecycle() {
    }

    /**
     * @param risk churn risk per user at T (NaN for users not scored), or null to judge "at risk"
     *             by falling engagement
     */
    public static Stage[] stages(GraphSnapshot s, int t, Parameters p, double[] risk) {
        ActivityLog log = s.activity();
        Stage[] out = new Stage[log.userCount()];
        IntStream.range(0, log.userCount()).parallel().forEach(u -> out[u] = stage(s, log, u, t, p, risk != null,
                risk == null ? Double.NaN : risk[u]));
        return out;
    }

    /**
     * One user's stage at {@code t} (null if they had not joined by then): O(their events).
     *
     * @param byModel whether "at risk" is the churn model's judgement ({@code risk}: the user's
     *                risk at t, NaN when not scored) rather than falling engagement
     */
    public static Stage stageOf(GraphSnapshot s, int u, int t, Parameters p, boolean byModel, double risk) {
        return stage(s, s.activity(), u, t, p, byModel, risk);
    }

    static Stage stage(GraphSnapshot s, ActivityLog log, int u, int t, Parameters p, boolean byModel, double risk) {
        long joinedLong = s.users().joinedMinute()[u];
        int last = log.lastActivity(u, t);
        int joined = joinedLong != GraphSnapshot.NO_TIME ? (int) joinedLong : log.firstDated(u);
        if (joined == ActivityLog.NO_MINUTE || joined > t) {
            return null;
        }
        if (t - joined < p.newDays() * Time.DAY) {
            return Stage.NEW;
        }
        int seen = last == ActivityLog.NO_MINUTE ? joined : Math.max(last, joined);
        int silent = t - seen;
        if (silent > p.churnedDays() * Time.DAY) {
            return Stage.CHURNED;
        }
        if (silent >= p.dormantDays() * Time.DAY) {
            return Stage.DORMANT;
        }
        if (last == ActivityLog.NO_MINUTE) {
            return Stage.ACTIVE; // joined recently enough, nothing yet: not silent long enough to be dormant
        }
        int window = p.dormantDays() * Time.DAY;
        // the first activity of the current streak, and the one before it
        int returned = firstActivityAfter(log, u, t - window, t);
        int previous = log.lastActivity(u, returned - 1);
        if (previous != ActivityLog.NO_MINUTE && returned - previous >= window) {
            return Stage.WON_BACK;
        }
        if (byModel) {
            return !Double.isNaN(risk) && risk > p.riskThreshold() ? Stage.AT_RISK : Stage.ACTIVE;
        }
        int recent = log.activityBetween(u, t - 30 * Time.DAY, t);
        int earlier = log.activityBetween(u, t - 60 * Time.DAY, t - 30 * Time.DAY);
        return earlier >= 2 && recent < p.dropShare() * earlier ? Stage.AT_RISK : Stage.ACTIVE;
    }

    private static int firstActivityAfter(ActivityLog log, int u, int from, int to) {
        for (int e = log.firstAfter(u, from), end = log.firstAfter(u, to); e < end; e++) {
            if (log.isActivity(e)) {
                return log.minute(e);
            }
        }
        return ActivityLog.NO_MINUTE;
    }
}
