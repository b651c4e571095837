package io.learnergraph.service;

import io.learnergraph.model.CourseDetails;
import io.learnergraph.store.GrowthStore;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.growth.Cohorts;
import io.learnergraph.analysis.growth.Distribution;
import io.learnergraph.analysis.growth.Funnels;
import io.learnergraph.analysis.recommend.RecommendationParameters;
import io.learnergraph.service.GrowthViews.CohortGroup;
import io.learnergraph.service.GrowthViews.CohortView;
import io.learnergraph.service.GrowthViews.CohortsView;
import io.learnergraph.service.GrowthViews.CourseList;
import io.learnergraph.service.GrowthViews.CourseSummary;
import io.learnergraph.service.GrowthViews.CourseView;
import io.learnergraph.service.GrowthViews.EngagementGroup;
import io.learnergraph.service.GrowthViews.EngagementView;
import io.learnergraph.service.GrowthViews.Flow;
import io.learnergraph.service.GrowthViews.FunnelGroup;
import io.learnergraph.service.GrowthViews.FunnelView;
import io.learnergraph.service.GrowthViews.LeaderboardItem;
import io.learnergraph.service.GrowthViews.LeaderboardView;
import io.learnergraph.service.GrowthViews.LifecycleGroup;
import io.learnergraph.service.GrowthViews.LifecycleView;
import io.learnergraph.service.GrowthViews.Quality;
import io.learnergraph.service.GrowthViews.TransitionsView;
import io.learnergraph.service.GrowthViews.WinBack;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The growth views (engagement, funnels, cohorts, course quality, lifecycle, leaderboards,
 * win-back) over one pinned snapshot's activity log, answered as {@link GrowthViews}: parameter
 * checks with 400s naming the parameter, the groupings (tier, community) with groups below the
 * {@link PrivacyFloor} folded into one "small groups" row, and a small cache per snapshot, since
 * a growth team re-opens the same dashboards many times between refreshes.
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
    private final RecommendationService recommendations;
    private final ChurnService churn;
    private final GrowthSettings settings;
    private final List<String> tiers;
    private final SnapshotCache cache = new SnapshotCache(CACHE_ENTRIES);

    public GrowthService(AnalyticsService analytics, ChurnService churn, RecommendationService recommendations,
                         GrowthSettings settings, LearnerGraphSettings app, SnapshotService snapshots,
                         GrowthStore store) {
        this.store = store;
        this.analytics = analytics;
        this.recommendations = recommendations;
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

    // ================================================================== views

    // ------------------------------------------------------------------ engagement

    public EngagementView engagementView(String window, String groupBy,
                                     String asOf) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int days = windowDays(window);
        int at = time(s, asOf, "asOf");
        GroupBy by = groupBy(groupBy);
        return cached(s, "engagement-view|" + at + "|" + days + "|" + by, () -> buildEngagement(s, at, days, by));
    }

    private EngagementView buildEngagement(GraphSnapshot s, int at, int days, GroupBy by) {
        Engagement.Result r = engagement(s, at, days);
        Grouping g = grouping(s, by);
        List<int[]> members = members(g, s, at);
        List<EngagementGroup> groups = new ArrayList<>();
        List<Integer> small = new ArrayList<>();
        for (int k = 0; k < g.keys().length; k++) {
            int[] m = members.get(k);
            if (m.length == 0) {
                continue;
            }
            if (by == GroupBy.COMMUNITY && !privacyFloor().showsAlone(m.length)) {
                Arrays.stream(m).forEach(small::add);
                continue;
            }
            groups.add(engagementGroup(g.keys()[k], m, r));
        }
        if (!small.isEmpty()) {
            groups.add(engagementGroup(PrivacyFloor.SMALL_GROUPS, small.stream().mapToInt(Integer::intValue).toArray(), r));
        }
        Map<String, Double> weights = new LinkedHashMap<>(settings().engagementWeights());
        return new EngagementView(Time.iso(at), days, by.key(), weights, groups, s.version());
    }

    private static EngagementGroup engagementGroup(String key, int[] users, Engagement.Result r) {
        double[] scores = Arrays.stream(users).mapToDouble(u -> r.score()[u]).toArray();
        Distribution d = Distribution.of(scores);
        Map<String, Double> pct = new LinkedHashMap<>();
        for (int i = 0; i < Distribution.LEVELS.length; i++) {
            pct.put("p" + (int) Distribution.LEVELS[i], d.percentiles().get(i));
        }
        int active = (int) Arrays.stream(users).filter(u -> r.visitDays()[u] > 0).count();
        return new EngagementGroup(key, users.length, active, d.mean(), d.median(), pct);
    }

    /** Users of each group who had joined by {@code at}. */
    private static List<int[]> members(Grouping g, GraphSnapshot s, int at) {
        int k = g.keys().length;
        int[] sizes = new int[k];
        long[] joined = s.users().joinedMinute();
        for (int u = 0; u < g.group().length; u++) {
            if (g.group()[u] >= 0 && (joined[u] == GraphSnapshot.NO_TIME || joined[u] <= at)) {
                sizes[g.group()[u]]++;
            }
        }
        int[][] out = new int[k][];
        for (int i = 0; i < k; i++) {
            out[i] = new int[sizes[i]];
        }
        int[] fill = new int[k];
        for (int u = 0; u < g.group().length; u++) {
            int grp = g.group()[u];
            if (grp >= 0 && (joined[u] == GraphSnapshot.NO_TIME || joined[u] <= at)) {
                out[grp][fill[grp]++] = u;
            }
        }
        return Arrays.asList(out);
    }

    // ------------------------------------------------------------------ funnels

    public FunnelView funnels(String from, String to, String groupBy, int limit) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int end = time(s, to, "to");
        int start = from == null || from.isBlank() ? end - settings().funnelDays() * Time.DAY
                : time(s, from, "from");
        if (start > end) {
            throw new LearnerGraphException.InvalidInput("from", "from (" + Time.iso(start) + ") is after to ("
                    + Time.iso(end) + ")");
        }
        int lim = limit;
        Funnels.GroupBy by = funnelGroupBy(groupBy);
        boolean[] free = freeCourses(s);
        FunnelGroup overall = funnelGroup("all", "all", cached(s, "funnel|" + start + "|" + end + "|none",
                () -> Funnels.compute(s, start, end, Funnels.GroupBy.NONE, free, null, 1)).counts()[0]);
        List<FunnelGroup> groups = new ArrayList<>();
        int groupCount = 0;
        if (by != Funnels.GroupBy.NONE) {
            Grouping g = switch (by) {
                case COMMUNITY -> grouping(s, GroupBy.COMMUNITY);
                case TIER -> grouping(s, GroupBy.TIER);
                default -> null;
            };
            int n = switch (by) {
                case COURSE -> s.courses().count();
                case CREATOR -> s.users().count();
                default -> g.keys().length;
            };
            long[][] counts = cached(s, "funnel|" + start + "|" + end + "|" + by, () -> Funnels.compute(s, start,
                    end, by, free, g == null ? null : g.group(), n)).counts();
            List<Integer> order = IntStream.range(0, n).filter(i -> counts[i][0] > 0).boxed()
                    .sorted(Comparator.comparingLong((Integer i) -> -counts[i][0]).thenComparing(i -> i)).toList();
            groupCount = order.size();
            for (int i : order.subList(0, Math.min(lim, order.size()))) {
                String key = switch (by) {
                    case COURSE -> s.courses().ids()[i];
                    case CREATOR -> s.users().ids()[i];
                    default -> g.keys()[i];
                };
                String name = switch (by) {
                    case COURSE -> s.courses().titles()[i];
                    case CREATOR -> s.users().names()[i];
                    default -> key;
                };
                groups.add(funnelGroup(key, name, counts[i]));
            }
        }
        return new FunnelView(Funnels.STEPS, Time.iso(start), Time.iso(end), by.name().toLowerCase(Locale.ROOT),
                overall, groupCount, groups, s.version());
    }

    private static FunnelGroup funnelGroup(String key, String name, long[] counts) {
        return new FunnelGroup(key, name, Arrays.stream(counts).boxed().toList(),
                Arrays.stream(Funnels.conversion(counts)).boxed().toList());
    }

    private static Funnels.GroupBy funnelGroupBy(String value) {
        if (value == null || value.isBlank()) {
            return Funnels.GroupBy.NONE;
        }
        for (Funnels.GroupBy g : Funnels.GroupBy.values()) {
            if (g.name().equalsIgnoreCase(value.strip())) {
                return g;
            }
        }
        throw new LearnerGraphException.InvalidInput("groupBy", "groupBy must be one of none, course, creator, community, "
                + "tier; was '" + value + "'");
    }

    /** Courses at the lowest tier need no purchase. */
    private boolean[] freeCourses(GraphSnapshot s) {
        boolean[] free = new boolean[s.courses().count()];
        String lowest = tiers().get(0);
        for (int c = 0; c < free.length; c++) {
            String tier = s.courses().tiers()[c];
            free[c] = tier == null || tier.isBlank() || tier.equals(lowest);
        }
        return free;
    }

    // ------------------------------------------------------------------ cohorts

    public CohortsView cohorts(String period, String groupBy,
                               String from, String to) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        Time.Period p;
        if (period == null || period.isBlank() || period.equalsIgnoreCase("week")) {
            p = Time.Period.WEEK;
        } else if (period.equalsIgnoreCase("month")) {
            p = Time.Period.MONTH;
        } else {
            throw new LearnerGraphException.InvalidInput("period", "period must be week or month, was '" + period + "'");
        }
        GroupBy by = groupBy(groupBy);
        int until = time(s, null, "to");
        int start = from == null || from.isBlank() ? Integer.MIN_VALUE : time(s, from, "from");
        int end = to == null || to.isBlank() ? until : time(s, to, "to");
        if (start > end) {
            throw new LearnerGraphException.InvalidInput("from", "from is after to");
        }
        Grouping g = grouping(s, by);
        int first = start;
        int last = end;
        List<Cohorts.Triangle> triangles = cached(s, "cohorts|" + p + "|" + by + "|" + start + "|" + end,
                () -> Cohorts.compute(s, p, g, first, last, until));
        List<CohortGroup> groups = new ArrayList<>();
        for (Cohorts.Triangle t : triangles) {
            int size = t.cohorts().stream().mapToInt(Cohorts.Cohort::size).sum();
            if (size == 0 || (by == GroupBy.COMMUNITY && !privacyFloor().showsAlone(size))) {
                continue; // small communities are not shown on their own
            }
            groups.add(new CohortGroup(t.key(), t.cohorts().stream().map(c -> new CohortView(Time.iso(c.start()),
                    c.size(), Arrays.stream(c.retention()).boxed().toList())).toList()));
        }
        return new CohortsView(p.name().toLowerCase(Locale.ROOT), by.key(),
                start == Integer.MIN_VALUE ? null : Time.iso(start), Time.iso(end), Time.iso(until), groups, s.version());
    }

    // ------------------------------------------------------------------ courses

    public CourseView course(String id) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int c = s.courses().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no course '" + id + "'"));
        CourseQuality.Result q = quality(s);
        CourseDetails d = courseDetails(id);
        int creator = s.courses().creator()[c];
        return new CourseView(id, s.courses().titles()[c], s.courses().tiers()[c],
                creator < 0 ? null : s.users().ids()[creator], creator < 0 ? null : s.users().names()[creator],
                d.price(), d.publishedAt(), d.extra(), d.topics(), quality(q, c), q.platformRating(),
                q.platformCompletion(), s.version());
    }

    public CourseList courses(String sort, String topic, String tier, int limit) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int lim = limit;
        String by = sort == null || sort.isBlank() ? "quality" : sort.strip().toLowerCase(Locale.ROOT);
        CourseQuality.Result q = quality(s);
        double[] key = switch (by) {
            case "quality" -> q.quality();
            case "rating" -> q.bayesRating();
            case "completion" -> q.bayesCompletion();
            case "enrolled" -> Arrays.stream(q.enrolled()).asDoubleStream().toArray();
            default -> throw new LearnerGraphException.InvalidInput("sort", "sort must be one of quality, rating, "
                    + "completion, enrolled; was '" + sort + "'");
        };
        int t = -1;
        if (topic != null && !topic.isBlank()) {
            t = s.topics().indexOf(topic).orElseThrow(() -> new LearnerGraphException.NotFound("topic",
                    "unknown topic '" + topic + "'"));
        }
        if (tier != null && !tier.isBlank() && !tiers().contains(tier)) {
            throw new LearnerGraphException.InvalidInput("tier", "unknown tier '" + tier + "' (allowed: "
                    + String.join(", ", tiers()) + ")");
        }
        int topicIndex = t;
        List<Integer> matched = cached(s, "courses|" + by + "|" + topicIndex + "|" + tier, () ->
                IntStream.range(0, s.courses().count())
                        .filter(c -> topicIndex < 0 || s.coverage().findArc(c, topicIndex) >= 0)
                        .filter(c -> tier == null || tier.isBlank() || tier.equals(s.courses().tiers()[c]))
                        .boxed().sorted(Comparator.comparingDouble((Integer c) -> -key[c]).thenComparing(c -> c))
                        .toList());
        List<CourseSummary> items = matched.subList(0, Math.min(lim, matched.size())).stream().map(c -> {
            int creator = s.courses().creator()[c];
            return new CourseSummary(s.courses().ids()[c], s.courses().titles()[c], s.courses().tiers()[c],
                    creator < 0 ? null : s.users().ids()[creator], quality(q, c));
        }).toList();
        return new CourseList(by, topic, tier, matched.size(), items, s.version());
    }

    private static Quality quality(CourseQuality.Result q, int c) {
        return new Quality(q.quality()[c], q.bayesRating()[c], Double.isNaN(q.meanRating()[c]) ? null : q.meanRating()[c],
                q.ratings()[c], q.enrolled()[c], q.completed()[c],
                q.enrolled()[c] == 0 ? null : (double) q.completed()[c] / q.enrolled()[c], q.bayesCompletion()[c],
                q.creatorStanding()[c]);
    }

    // ------------------------------------------------------------------ lifecycle

    public LifecycleView lifecycleView(String asOf, String groupBy) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int at = time(s, asOf, "asOf");
        GroupBy by = groupBy(groupBy);
        return cached(s, "lifecycle-view|" + at + "|" + by, () -> buildLifecycle(s, at, by));
    }

    private LifecycleView buildLifecycle(GraphSnapshot s, int at, GroupBy by) {
        GrowthService.Stages st = stages(s, at);
        Grouping g = grouping(s, by);
        int k = g.keys().length;
        int[][] counts = new int[k + 1][Lifecycle.Stage.values().length]; // k = small groups
        int[] sizes = new int[k];
        for (int u = 0; u < s.users().count(); u++) {
            if (st.stage()[u] != null && g.group()[u] >= 0) {
                sizes[g.group()[u]]++;
            }
        }
        for (int u = 0; u < s.users().count(); u++) {
            Lifecycle.Stage stage = st.stage()[u];
            int grp = g.group()[u];
            if (stage == null || grp < 0) {
                continue;
            }
            boolean small = by == GroupBy.COMMUNITY && !privacyFloor().showsAlone(sizes[grp]);
            counts[small ? k : grp][stage.ordinal()]++;
        }
        List<LifecycleGroup> groups = new ArrayList<>();
        for (int i = 0; i <= k; i++) {
            int total = Arrays.stream(counts[i]).sum();
            if (total == 0) {
                continue;
            }
            Map<String, Integer> m = new LinkedHashMap<>();
            for (Lifecycle.Stage stage : Lifecycle.Stage.values()) {
                m.put(stage.key(), counts[i][stage.ordinal()]);
            }
            groups.add(new LifecycleGroup(i == k ? PrivacyFloor.SMALL_GROUPS : g.keys()[i], total, m));
        }
        return new LifecycleView(Time.iso(at), by.key(), st.atRiskBy(), groups, s.version());
    }

    public TransitionsView transitions(String from, String to) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int end = time(s, to, "to");
        if (from == null || from.isBlank()) {
            throw new LearnerGraphException.InvalidInput("from", "from is required (ISO-8601, before to)");
        }
        int start = time(s, from, "from");
        if (start >= end) {
            throw new LearnerGraphException.InvalidInput("from", "from (" + Time.iso(start) + ") must be before to ("
                    + Time.iso(end) + ")");
        }
        Lifecycle.Stage[] a = stages(s, start).stage();
        Lifecycle.Stage[] b = stages(s, end).stage();
        int ns = Lifecycle.Stage.values().length;
        int[][] flow = new int[ns + 1][ns]; // row ns: not yet joined at from
        for (int u = 0; u < s.users().count(); u++) {
            if (b[u] == null) {
                continue;
            }
            flow[a[u] == null ? ns : a[u].ordinal()][b[u].ordinal()]++;
        }
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i <= ns; i++) {
            for (int j = 0; j < ns; j++) {
                if (flow[i][j] > 0) {
                    flows.add(new Flow(i == ns ? "not-joined" : Lifecycle.Stage.values()[i].key(),
                            Lifecycle.Stage.values()[j].key(), flow[i][j]));
                }
            }
        }
        return new TransitionsView(Time.iso(start), Time.iso(end),
                Arrays.stream(Lifecycle.Stage.values()).map(Lifecycle.Stage::key).toList(), flows, s.version());
    }

    /**
     * One user's lifecycle stage at the latest event, judged for them alone (their events only),
     * by the same rules and the same "at risk" source as {@code GET /api/lifecycle}.
     */
    public GrowthViews.UserStage userStage(String id) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        int at = time(s, null, "asOf");
        boolean byModel = false;
        double risk = Double.NaN;
        try {
            ChurnService.Scores sc = churn.scores(s);
            if (sc.scoredAt() == at) {
                byModel = true;
                int row = sc.matrix().rowOf(u);
                risk = row < 0 ? Double.NaN : sc.risk()[row];
            }
        } catch (LearnerGraphException.Conflict noModel) {
            // no churn model: falling engagement decides, as for the whole platform
        }
        Lifecycle.Stage stage = Lifecycle.stageOf(s, u, at, lifecycleParameters(), byModel, risk);
        long last = s.users().lastActive()[u];
        return new GrowthViews.UserStage(id, stage == null ? null : stage.key(), Time.iso(at),
                byModel ? "churn model" : "falling engagement",
                last == GraphSnapshot.NO_TIME ? null : Time.iso((int) last), s.version());
    }

    /** For a dormant, churned or at-risk user: what could bring them back, with the paths that explain it. */
    public WinBack winBack(String id, Integer limit) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        int at = time(s, null, "asOf");
        Lifecycle.Stage stage = stages(s, at).stage()[u];
        if (stage != Lifecycle.Stage.DORMANT && stage != Lifecycle.Stage.CHURNED && stage != Lifecycle.Stage.AT_RISK) {
            throw new LearnerGraphException.Conflict("user '" + id + "' is " + (stage == null ? "not joined yet"
                    : stage.key()) + ", not dormant, churned or at risk: ask GET /api/users/" + id + "/recommendations");
        }
        RecommendationService.Answer a = recommendations.recommend(id, recommendations.parameters(
                new RecommendationService.Options(limit, "blend", false, true, null, null, null))
                .withWeights(RecommendationParameters.SourceWeights.of(settings().winBackWeights())));
        long last = s.users().lastActive()[u];
        return new WinBack(id, stage.key(), last == GraphSnapshot.NO_TIME ? null : Time.iso((int) last),
                RecommendationViews.view(a.snapshot(), "win-back", a.recommendations(),
                        a.feedPosition()));
    }

    // ------------------------------------------------------------------ leaderboards

    public LeaderboardView leaderboards(Integer community, String window, int limit, String asOf) {
        GraphSnapshot s = snapshot(); // one snapshot from the first line to the answer
        int days = windowDays(window);
        int at = time(s, asOf, "asOf");
        int lim = limit;
        int[] comm = null;
        if (community != null) {
            comm = grouping(s, GroupBy.COMMUNITY).group();
            int c = community;
            long size = Arrays.stream(comm).filter(x -> x == c).count();
            privacyFloor().requireShown("community", community, size, "default (leiden)");
        }
        Leaderboard.Result r = leaderboard(s, at, days);
        int[] inCommunity = comm;
        List<Integer> ranked = cached(s, "leaderboard-ranking|" + at + "|" + days + "|" + community, () ->
                IntStream.range(0, s.users().count())
                        .filter(u -> r.points()[u] > 0 && (inCommunity == null || inCommunity[u] == community))
                        .boxed().sorted(Comparator.comparingDouble((Integer u) -> -r.points()[u]).thenComparing(u -> u))
                        .toList());
        List<LeaderboardItem> items = new ArrayList<>();
        for (int i = 0; i < Math.min(lim, ranked.size()); i++) {
            int u = ranked.get(i);
            items.add(new LeaderboardItem(i + 1, s.users().ids()[u], s.users().names()[u], r.points()[u], r.byKind(u)));
        }
        Map<String, Double> table = new LinkedHashMap<>();
        for (Leaderboard.Kind k : Leaderboard.Kind.values()) {
            table.put(k.key(), settings().points().getOrDefault(k.key(), 0.0));
        }
        return new LeaderboardView(Time.iso(at), days, community, table, items, s.version());
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
