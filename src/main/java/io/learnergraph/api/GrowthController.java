package io.learnergraph.api;

import io.learnergraph.model.CourseDetails;
import io.learnergraph.analysis.recommend.RecommendationParameters;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.growth.Cohorts;
import io.learnergraph.analysis.growth.CourseQuality;
import io.learnergraph.analysis.growth.Distribution;
import io.learnergraph.analysis.growth.Engagement;
import io.learnergraph.analysis.growth.Funnels;
import io.learnergraph.analysis.growth.Grouping;
import io.learnergraph.analysis.growth.Leaderboard;
import io.learnergraph.analysis.growth.Lifecycle;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.GrowthService;
import io.learnergraph.service.RecommendationService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Growth analytics: engagement, conversion funnels, cohort retention, course quality,
 * lifecycle stages and win-back candidates, contribution leaderboards. Read from the in-memory
 * activity log; groups below the privacy floor are folded into one "small groups" row.
 */
@Access(Role.VIEWER)
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GrowthController {

    static final String SMALL = "small groups";
    static final int MAX_LIMIT = 1000;

    @Serdeable
    public record EngagementGroup(String key, int users, int activeUsers, double mean, double median,
                                  Map<String, Double> percentiles) {
    }

    @Serdeable
    public record EngagementView(String asOf, int windowDays, String groupBy, Map<String, Double> weights,
                                 List<EngagementGroup> groups, long snapshotVersion) {
    }

    @Serdeable
    public record FunnelGroup(String key, String name, List<Long> counts, List<Double> conversion) {
    }

    @Serdeable
    public record FunnelView(List<String> steps, String from, String to, String groupBy, FunnelGroup overall,
                             int groupCount, List<FunnelGroup> groups, long snapshotVersion) {
    }

    @Serdeable
    public record CohortView(String start, int size, List<Double> retention) {
    }

    @Serdeable
    public record CohortGroup(String key, List<CohortView> cohorts) {
    }

    @Serdeable
    public record CohortsView(String period, String groupBy, String from, String to, String until,
                              List<CohortGroup> groups, long snapshotVersion) {
    }

    @Serdeable
    public record Quality(double score, double bayesRating, Double meanRating, int ratings, int enrolled, int completed,
                          Double completionRate, double bayesCompletion, double creatorStanding) {
    }

    @Serdeable
    public record CourseSummary(String courseId, String title, String tier, String creatorId, Quality quality) {
    }

    @Serdeable
    public record CourseView(String courseId, String title, String tier, String creatorId, String creatorName,
                             Double price, String publishedAt, Map<String, String> properties,
                             List<Map<String, Object>> topics, Quality quality, double platformRating,
                             double platformCompletion, long snapshotVersion) {
    }

    @Serdeable
    public record CourseList(String sort, String topic, String tier, int matched, List<CourseSummary> items,
                             long snapshotVersion) {
    }

    @Serdeable
    public record LifecycleGroup(String key, int users, Map<String, Integer> stages) {
    }

    @Serdeable
    public record LifecycleView(String asOf, String groupBy, String atRiskBy, List<LifecycleGroup> groups,
                                long snapshotVersion) {
    }

    @Serdeable
    public record Flow(String from, String to, int users) {
    }

    @Serdeable
    public record TransitionsView(String from, String to, List<String> stages, List<Flow> flows, long snapshotVersion) {
    }

    @Serdeable
    public record LeaderboardItem(int rank, String userId, String name, double points, Map<String, Integer> byKind) {
    }

    @Serdeable
    public record LeaderboardView(String asOf, int windowDays, Integer community, Map<String, Double> points,
                                  List<LeaderboardItem> items, long snapshotVersion) {
    }

    @Serdeable
    public record WinBack(String userId, String stage, String lastActiveAt,
                          RecommendationsController.UserRecommendations candidates) {
    }

    private final GrowthService growth;
    private final RecommendationService recommendations;

    public GrowthController(GrowthService growth, RecommendationService recommendations) {
        this.growth = growth;
        this.recommendations = recommendations;
    }

    // ------------------------------------------------------------------ engagement

    @Get("/engagement")
    public EngagementView engagement(@Nullable @QueryValue String window, @Nullable @QueryValue String groupBy,
                                     @Nullable @QueryValue String asOf) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int days = growth.windowDays(window);
        int at = growth.time(s, asOf, "asOf");
        GrowthService.GroupBy by = growth.groupBy(groupBy);
        return growth.cached(s, "engagement-view|" + at + "|" + days + "|" + by, () -> engagementView(s, at, days, by));
    }

    private EngagementView engagementView(GraphSnapshot s, int at, int days, GrowthService.GroupBy by) {
        Engagement.Result r = growth.engagement(s, at, days);
        Grouping g = growth.grouping(s, by);
        List<int[]> members = members(g, s, at);
        List<EngagementGroup> groups = new ArrayList<>();
        List<Integer> small = new ArrayList<>();
        for (int k = 0; k < g.keys().length; k++) {
            int[] m = members.get(k);
            if (m.length == 0) {
                continue;
            }
            if (by == GrowthService.GroupBy.COMMUNITY && !growth.privacyFloor().showsAlone(m.length)) {
                Arrays.stream(m).forEach(small::add);
                continue;
            }
            groups.add(engagementGroup(g.keys()[k], m, r));
        }
        if (!small.isEmpty()) {
            groups.add(engagementGroup(SMALL, small.stream().mapToInt(Integer::intValue).toArray(), r));
        }
        Map<String, Double> weights = new LinkedHashMap<>(growth.settings().engagementWeights());
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

    @Get("/funnels")
    public FunnelView funnels(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                              @Nullable @QueryValue String groupBy, @Nullable @QueryValue Integer limit) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int end = growth.time(s, to, "to");
        int start = from == null || from.isBlank() ? end - growth.settings().funnelDays() * Time.DAY
                : growth.time(s, from, "from");
        if (start > end) {
            throw new LearnerGraphException.InvalidInput("from", "from (" + Time.iso(start) + ") is after to ("
                    + Time.iso(end) + ")");
        }
        int lim = Params.limit(limit, 20, MAX_LIMIT);
        Funnels.GroupBy by = funnelGroupBy(groupBy);
        boolean[] free = freeCourses(s);
        FunnelGroup overall = funnelGroup("all", "all", growth.cached(s, "funnel|" + start + "|" + end + "|none",
                () -> Funnels.compute(s, start, end, Funnels.GroupBy.NONE, free, null, 1)).counts()[0]);
        List<FunnelGroup> groups = new ArrayList<>();
        int groupCount = 0;
        if (by != Funnels.GroupBy.NONE) {
            Grouping g = switch (by) {
                case COMMUNITY -> growth.grouping(s, GrowthService.GroupBy.COMMUNITY);
                case TIER -> growth.grouping(s, GrowthService.GroupBy.TIER);
                default -> null;
            };
            int n = switch (by) {
                case COURSE -> s.courses().count();
                case CREATOR -> s.users().count();
                default -> g.keys().length;
            };
            long[][] counts = growth.cached(s, "funnel|" + start + "|" + end + "|" + by, () -> Funnels.compute(s, start,
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
        String lowest = growth.tiers().get(0);
        for (int c = 0; c < free.length; c++) {
            String tier = s.courses().tiers()[c];
            free[c] = tier == null || tier.isBlank() || tier.equals(lowest);
        }
        return free;
    }

    // ------------------------------------------------------------------ cohorts

    @Get("/cohorts")
    public CohortsView cohorts(@Nullable @QueryValue String period, @Nullable @QueryValue String groupBy,
                               @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        Time.Period p;
        if (period == null || period.isBlank() || period.equalsIgnoreCase("week")) {
            p = Time.Period.WEEK;
        } else if (period.equalsIgnoreCase("month")) {
            p = Time.Period.MONTH;
        } else {
            throw new LearnerGraphException.InvalidInput("period", "period must be week or month, was '" + period + "'");
        }
        GrowthService.GroupBy by = growth.groupBy(groupBy);
        int until = growth.time(s, null, "to");
        int start = from == null || from.isBlank() ? Integer.MIN_VALUE : growth.time(s, from, "from");
        int end = to == null || to.isBlank() ? until : growth.time(s, to, "to");
        if (start > end) {
            throw new LearnerGraphException.InvalidInput("from", "from is after to");
        }
        Grouping g = growth.grouping(s, by);
        int first = start;
        int last = end;
        List<Cohorts.Triangle> triangles = growth.cached(s, "cohorts|" + p + "|" + by + "|" + start + "|" + end,
                () -> Cohorts.compute(s, p, g, first, last, until));
        List<CohortGroup> groups = new ArrayList<>();
        for (Cohorts.Triangle t : triangles) {
            int size = t.cohorts().stream().mapToInt(Cohorts.Cohort::size).sum();
            if (size == 0 || (by == GrowthService.GroupBy.COMMUNITY && !growth.privacyFloor().showsAlone(size))) {
                continue; // small communities are not shown on their own
            }
            groups.add(new CohortGroup(t.key(), t.cohorts().stream().map(c -> new CohortView(Time.iso(c.start()),
                    c.size(), Arrays.stream(c.retention()).boxed().toList())).toList()));
        }
        return new CohortsView(p.name().toLowerCase(Locale.ROOT), by.key(),
                start == Integer.MIN_VALUE ? null : Time.iso(start), Time.iso(end), Time.iso(until), groups, s.version());
    }

    // ------------------------------------------------------------------ courses

    @Get("/courses/{id}")
    public CourseView course(@PathVariable String id) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int c = s.courses().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no course '" + id + "'"));
        CourseQuality.Result q = growth.quality(s);
        CourseDetails d = growth.courseDetails(id);
        int creator = s.courses().creator()[c];
        return new CourseView(id, s.courses().titles()[c], s.courses().tiers()[c],
                creator < 0 ? null : s.users().ids()[creator], creator < 0 ? null : s.users().names()[creator],
                d.price(), d.publishedAt(), d.extra(), d.topics(), quality(q, c), q.platformRating(),
                q.platformCompletion(), s.version());
    }

    @Get("/courses")
    public CourseList courses(@Nullable @QueryValue String sort, @Nullable @QueryValue String topic,
                              @Nullable @QueryValue String tier, @Nullable @QueryValue Integer limit) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int lim = Params.limit(limit, 20, MAX_LIMIT);
        String by = sort == null || sort.isBlank() ? "quality" : sort.strip().toLowerCase(Locale.ROOT);
        CourseQuality.Result q = growth.quality(s);
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
        if (tier != null && !tier.isBlank() && !growth.tiers().contains(tier)) {
            throw new LearnerGraphException.InvalidInput("tier", "unknown tier '" + tier + "' (allowed: "
                    + String.join(", ", growth.tiers()) + ")");
        }
        int topicIndex = t;
        List<Integer> matched = growth.cached(s, "courses|" + by + "|" + topicIndex + "|" + tier, () ->
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

    @Get("/lifecycle")
    public LifecycleView lifecycle(@Nullable @QueryValue String asOf, @Nullable @QueryValue String groupBy) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int at = growth.time(s, asOf, "asOf");
        GrowthService.GroupBy by = growth.groupBy(groupBy);
        return growth.cached(s, "lifecycle-view|" + at + "|" + by, () -> lifecycleView(s, at, by));
    }

    private LifecycleView lifecycleView(GraphSnapshot s, int at, GrowthService.GroupBy by) {
        GrowthService.Stages st = growth.stages(s, at);
        Grouping g = growth.grouping(s, by);
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
            boolean small = by == GrowthService.GroupBy.COMMUNITY && !growth.privacyFloor().showsAlone(sizes[grp]);
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
            groups.add(new LifecycleGroup(i == k ? SMALL : g.keys()[i], total, m));
        }
        return new LifecycleView(Time.iso(at), by.key(), st.atRiskBy(), groups, s.version());
    }

    @Get("/lifecycle/transitions")
    public TransitionsView transitions(@Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int end = growth.time(s, to, "to");
        if (from == null || from.isBlank()) {
            throw new LearnerGraphException.InvalidInput("from", "from is required (ISO-8601, before to)");
        }
        int start = growth.time(s, from, "from");
        if (start >= end) {
            throw new LearnerGraphException.InvalidInput("from", "from (" + Time.iso(start) + ") must be before to ("
                    + Time.iso(end) + ")");
        }
        Lifecycle.Stage[] a = growth.stages(s, start).stage();
        Lifecycle.Stage[] b = growth.stages(s, end).stage();
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

    /** For a dormant, churned or at-risk user: what could bring them back, with the paths that explain it. */
    @Access(Role.SERVICE)
    @Get("/users/{id}/win-back")
    public WinBack winBack(@PathVariable String id, @Nullable @QueryValue Integer limit) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int u = s.users().indexOf(id).orElseThrow(() -> new LearnerGraphException.NotFound("no user '" + id + "'"));
        int at = growth.time(s, null, "asOf");
        Lifecycle.Stage stage = growth.stages(s, at).stage()[u];
        if (stage != Lifecycle.Stage.DORMANT && stage != Lifecycle.Stage.CHURNED && stage != Lifecycle.Stage.AT_RISK) {
            throw new LearnerGraphException.Conflict("user '" + id + "' is " + (stage == null ? "not joined yet"
                    : stage.key()) + ", not dormant, churned or at risk: ask GET /api/users/" + id + "/recommendations");
        }
        RecommendationService.Answer a = recommendations.recommend(id, recommendations.parameters(
                new RecommendationService.Options(limit, "blend", false, true, null, null, null))
                .withWeights(RecommendationParameters.SourceWeights.of(growth.settings().winBackWeights())));
        long last = s.users().lastActive()[u];
        return new WinBack(id, stage.key(), last == GraphSnapshot.NO_TIME ? null : Time.iso((int) last),
                RecommendationsController.view(a.snapshot(), "win-back", a.recommendations(),
                        a.feedPosition()));
    }

    // ------------------------------------------------------------------ leaderboards

    @Get("/leaderboards")
    public LeaderboardView leaderboards(@Nullable @QueryValue Integer community, @Nullable @QueryValue String window,
                                        @Nullable @QueryValue Integer limit, @Nullable @QueryValue String asOf) {
        GraphSnapshot s = growth.snapshot(); // one snapshot from the first line to the answer
        int days = growth.windowDays(window);
        int at = growth.time(s, asOf, "asOf");
        int lim = Params.limit(limit, 20, MAX_LIMIT);
        int[] comm = null;
        if (community != null) {
            comm = growth.grouping(s, GrowthService.GroupBy.COMMUNITY).group();
            int c = community;
            long size = Arrays.stream(comm).filter(x -> x == c).count();
            growth.privacyFloor().requireShown("community", community, size, "default (leiden)");
        }
        Leaderboard.Result r = growth.leaderboard(s, at, days);
        int[] inCommunity = comm;
        List<Integer> ranked = growth.cached(s, "leaderboard-ranking|" + at + "|" + days + "|" + community, () ->
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
            table.put(k.key(), growth.settings().points().getOrDefault(k.key(), 0.0));
        }
        return new LeaderboardView(Time.iso(at), days, community, table, items, s.version());
    }
}
