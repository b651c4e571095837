package io.learnergraph.service;

import io.learnergraph.model.CourseDetails;
import io.learnergraph.store.GrowthStore;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.growth.CourseQuality;
import io.learnergraph.analysis.growth.Engagement;
import io.learnergraph.analysis.growth.Grouping;
import io.learnergraph.analysis.growth.Leaderboard;
import io.learnergraph.analysis.growth.Lifecycle;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.config.GrowthSettings;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.ingest.RowValidator;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The growth views (engagement, funnels, cohorts, course quality, lifecycle, leaderboards) over
 * the current snapshot's activity log: parameter parsing with 400s naming the parameter, the
 * groupings (tier, community), and a small cache per snapshot, since a growth team re-opens the
 * same dashboards many times between refreshes.
 */
@Singleton
public class GrowthService {

    private static final int CACHE_ENTRIES = 256;

    /** What a breakdown is by. */
    public enum GroupBy {
        NONE, COMMUNITY, TIER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final GrowthStore store;
    private final AnalyticsService analytics;
    private final ChurnService churn;
    private final GrowthSettings settings;
    private final List<String> tiers;
    private final SnapshotCache cache = new SnapshotCache(CACHE_ENTRIES);

    public GrowthService(AnalyticsService analytics, ChurnService churn, GrowthSettings settings,
                         LearnerGraphSettings app, SnapshotService snapshots, GrowthStore store) {
        this.store = store;
        this.analytics = analytics;
        this.churn = churn;
        this.settings = settings;
        this.tiers = app.tiers();
        snapshots.onNewSnapshot(s -> cache.retain(s.version()));
    }

    /** A course's stored properties the projection does not carry ({@link CourseDetails#NONE} if none). */
    public CourseDetails courseDetails(String courseId) {
        return store.courseDetails(courseId).orElse(CourseDetails.NONE);
    }

    /** Configured tiers, lowest first. */
    public List<String> tiers() {
        return tiers;
    }

    public GrowthSettings settings() {
        return settings;
    }

    public GraphSnapshot snapshot() {
        return analytics.snapshot();
    }

    public PrivacyFloor privacyFloor() {
        return analytics.privacyFloor();
    }

    // ------------------------------------------------------------------ parameters

    /** An ISO-8601 time within the data, or the latest event when blank. */
    public int time(GraphSnapshot s, String value, String parameter) {
        ActivityLog log = s.activity();
        if (log.lastMinute() == ActivityLog.NO_MINUTE) {
            throw new LearnerGraphException.Conflict("the graph has no dated events yet");
        }
        if (value == null || value.isBlank()) {
            return log.lastMinute();
        }
        long seconds = RowValidator.parseTime(value.strip()).map(t -> t.toEpochSecond()).orElseThrow(() ->
                new LearnerGraphException.InvalidInput(parameter, parameter + ": unparsable time '" + value
                        + "' (expected ISO-8601, e.g. 2026-10-01 or 2026-10-01T00:00:00Z)"));
        long minute = Math.floorDiv(seconds, 60);
        if (minute < log.firstMinute() || minute > log.lastMinute() + Time.DAY) {
            throw new LearnerGraphException.InvalidInput(parameter, parameter + " " + value + " is outside the data ("
                    + Time.iso(log.firstMinute()) + " to " + Time.iso(log.lastMinute()) + ")");
        }
        return (int) minute;
    }

    /** {@code 30d} or {@code 30}: days, 1..365; the configured window when blank. */
    public int windowDays(String value) {
        if (value == null || value.isBlank()) {
            return settings.windowDays();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("d")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            int days = Integer.parseInt(v);
            if (days >= 1 && days <= 365) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LearnerGraphException.InvalidInput("window", "window must be a number of days in 1..365 such as 30d, "
                + "was '" + value + "'");
    }

    public GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return GroupBy.NONE;
        }
        for (GroupBy g : GroupBy.values()) {
            if (g.key().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new LearnerGraphException.InvalidInput("groupBy", "groupBy must be one of none, community, tier; was '"
                + value + "'");
    }

    /** Users by the default (Leiden) community, their current tier, or all in one group. */
    public Grouping grouping(GraphSnapshot s, GroupBy by) {
        int n = s.users().count();
        return switch (by) {
            case NONE -> Grouping.all(n);
            case COMMUNITY -> {
                int[] community = analytics.defaultCommunities(s).result().partition().community();
                int count = java.util.Arrays.stream(community).max().orElse(-1) + 1;
                String[] keys = new String[count];
                for (int c = 0; c < count; c++) {
                    keys[c] = Integer.toString(c);
                }
                yield new Grouping(community.clone(), keys);
            }
            case TIER -> {
                int[] group = new int[n];
                for (int u = 0; u < n; u++) {
                    String t = s.users().tiers()[u];
                    group[u] = Math.max(0, t == null ? 0 : tiers.indexOf(t));
                }
                yield new Grouping(group, tiers.toArray(String[]::new));
            }
        };
    }

    // ------------------------------------------------------------------ cached computations

    public Engagement.Result engagement(GraphSnapshot s, int asOf, int windowDays) {
        return cached(s, "engagement|" + asOf + "|" + windowDays, () -> Engagement.compute(s, asOf, windowDays,
                new Engagement.Weights(settings.engagementWeight("visits"), settings.engagementWeight("learning"),
                        settings.engagementWeight("completions"), settings.engagementWeight("ratings"),
                        settings.engagementWeight("given"), settings.engagementWeight("received"))));
    }

    /**
     * One user's engagement over the configured window up to the latest event of the live graph
     * (the delta's events count): null when the graph has no dated event.
     */
    public Engagement.UserEngagement userEngagement(LiveView live, int u) {
        int last = live.snapshot().activity().lastMinute();
        for (int e : live.delta().byActor(u)) {
            last = Math.max(last, live.delta().minute(e)); // the user's own events may be newer
        }
        if (last == ActivityLog.NO_MINUTE) {
            return null;
        }
        return Engagement.forUser(live.snapshot(), live.delta(), u, last, settings.windowDays(),
                new Engagement.Weights(settings.engagementWeight("visits"), settings.engagementWeight("learning"),
                        settings.engagementWeight("completions"), settings.engagementWeight("ratings"),
                        settings.engagementWeight("given"), settings.engagementWeight("received")));
    }

    public CourseQuality.Result quality(GraphSnapshot s) {
        return cached(s, "quality", () -> CourseQuality.compute(s,
                analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores(),
                new CourseQuality.Parameters(settings.ratingPrior(), settings.completionPrior(),
                        settings.qualityWeight("rating"), settings.qualityWeight("completion"),
                        settings.qualityWeight("creator"))));
    }

    public Leaderboard.Result leaderboard(GraphSnapshot s, int asOf, int windowDays) {
        Map<Leaderboard.Kind, Double> points = new EnumMap<>(Leaderboard.Kind.class);
        for (Leaderboard.Kind k : Leaderboard.Kind.values()) {
            points.put(k, settings.points().getOrDefault(k.key(), 0.0));
        }
        return cached(s, "leaderboard|" + asOf + "|" + windowDays, () -> Leaderboard.compute(s, asOf, windowDays,
                points));
    }

    /** Stages at {@code t}; "at risk" from the churn model when one has scored exactly this time. */
    public Stages stages(GraphSnapshot s, int t) {
        return cached(s, "stages|" + t, () -> {
            double[] risk = null;
            // the model scores only the latest event: for any other time (transitions, a past
            // asOf) asking for its scores would cost a full scoring for nothing
            try {
                ChurnService.Scores sc = t == s.activity().lastMinute() ? churn.scores(s) : null;
                if (sc != null && sc.scoredAt() == t) {
                    risk = new double[s.users().count()];
                    java.util.Arrays.fill(risk, Double.NaN);
                    for (int i = 0; i < sc.matrix().rows(); i++) {
                        risk[sc.matrix().users()[i]] = sc.risk()[i];
                    }
                }
            } catch (LearnerGraphException.Conflict noModel) {
                // no churn model: falling engagement decides
            }
            return new Stages(Lifecycle.stages(s, t, lifecycleParameters(), risk),
                    risk != null ? "churn model" : "falling engagement");
        });
    }

    /** Stages and how "at risk" was judged. */
    public record Stages(Lifecycle.Stage[] stage, String atRiskBy) {
    }

    public Lifecycle.Parameters lifecycleParameters() {
        return new Lifecycle.Parameters(settings.newDays(), settings.dormantDays(), settings.churnedDays(),
                settings.dropShare(), settings.riskThreshold());
    }

    /**
     * {@code compute}'s value for {@code key} on snapshot {@code s}, computed once (concurrent
     * callers of the same view wait for it, other views go ahead); a new snapshot empties it. The
     * key carries {@code s}'s version, the one {@code compute} reads.
     */
    public <T> T cached(GraphSnapshot s, String key, Supplier<T> compute) {
        return cache.get(s.version() + "|" + key, compute);
    }
}
