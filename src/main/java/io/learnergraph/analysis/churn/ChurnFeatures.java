package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.Cancellation;
import io.learnergraph.analysis.centrality.Coreness;
import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.Louvain;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Churn features of every user active at a cutoff T, read from the {@link ActivityLog} with
 * nothing after T: every window ends at T, and the social graph the graph features use is
 * rebuilt from the follows and interactions dated at or before T (undated follows count as
 * before any cutoff). The same code serves training (T = asOf − H) and scoring (T = asOf), so
 * what the model learns from is exactly what it is later shown.
 *
 * <p>Cost for n users, m events and s social pairs: O(m) to rebuild the graph and the windows
 * (binary searches per user), O(s^1.5) worst case for the triangles of the clustering
 * coefficient (degree-ordered counting, Schank &amp; Wagner 2005), Louvain (Blondel et al. 2008)
 * and 30 PageRank iterations over the cutoff graph.
 */
public final class ChurnFeatures {

    static final int DAY = ChurnDefinition.MINUTES_PER_DAY;
    private static final int PAGERANK_ITERATIONS = 30;
    private static final long COMMUNITY_SEED = 42;

    private ChurnFeatures() {
    }

    /**
     * The feature rows of the users active at {@code cutoff}.
     *
     * @param x row-major, {@code users.length × features.length}
     */
    public record Matrix(int cutoff, int[] users, ChurnFeature[] features, double[] x) {
        public int rows() {
            return users.length;
        }

        public int columns() {
            return features.length;
        }

        public double get(int row, ChurnFeature f) {
            return x[row * features.length + f.ordinal()];
        }

        /** Row of user index {@code u}, or -1 when u is not in the matrix (not active at the cutoff). */
        public int rowOf(int u) {
            int i = java.util.Arrays.binarySearch(users, u);
            return i >= 0 ? i : -1;
        }
    }

    /** A minute as an ISO-8601 instant, for messages. */
    public static String describe(int minute) {
        return java.time.Instant.ofEpochSecond(minute * 60L).toString();
    }

    /** Users active at {@code t}: any activity in {@code (t − activeDays, t]}, in index order. */
    public static int[] activeAt(ActivityLog log, int t, ChurnDefinition def) {
        return IntStream.range(0, log.userCount()).filter(u -> log.activeBetween(u, t - def.activeMinutes(), t))
                .toArray();
    }

    /** Whether each of {@code users} (active at t) has no activity in {@code (t, t + horizon]}: the label. */
    public static boolean[] churned(ActivityLog log, int[] users, int t, ChurnDefinition def) {
        boolean[] y = new boolean[users.length];
        for (int i = 0; i < users.length; i++) {
            y[i] = !log.activeBetween(users[i], t, t + def.horizonMinutes());
        }
        return y;
    }

    /**
     * @param tierOrder tier names, lowest first
     */
    public static Matrix extract(GraphSnapshot s, int cutoff, ChurnDefinition def, List<String> tierOrder) {
        ActivityLog log = s.activity();
        int[] users = activeAt(log, cutoff, def);
        ChurnFeature[] features = ChurnFeature.values();
        int d = features.length;
        double[] x = new double[users.length * d];
        Context c = new Context(s, cutoff, def, tierOrder);
        Cancellation.check();
        GraphAtCutoff g = GraphAtCutoff.of(log, cutoff);
        Cancellation.check();
        c.graph(g);
        IntStream.range(0, users.length).parallel().forEach(i -> {
            if ((i & 4095) == 0) {
                Cancellation.check();
            }
            c.fill(users[i], x, i * d);
        });
        return new Matrix(cutoff, users, features, x);
    }

    /**
     * The social graph as it stood at the cutoff: one labelled CSR of follows and interactions
     * (bit {@link #FOLLOW} and {@link #INTERACT} per pair) and its transpose, plus what the graph
     * features need of it.
     */
    record GraphAtCutoff(CsrGraph all, CsrGraph allIn, int[] followers, int[] given, int[] received,
                         double[] clustering, int[] coreness, double[] pagerank, int[] community, int[] communitySize) {

        static final int FOLLOW = 1;
        static final int INTERACT = 2;

        static GraphAtCutoff of(ActivityLog log, int cutoff) {
            int n = log.userCount();
            int follow = log.typeCode(ActivityLog.FOLLOWS);
            // count first, so the builder is sized once instead of growing through copies
            int[] ends = new int[n];
            long social = 0;
            for (int u = 0; u < n; u++) {
                ends[u] = log.firstAfter(u, cutoff);
                for (int e = log.start(u); e < ends[u]; e++) {
                    social += log.isLearning(e) ? 0 : 1;
                }
            }
            CsrGraph.Builder ab = CsrGraph.builder(n, (int) social).labelled(new String[]{"FOLLOWS", "INTERACTS"});
            int[] followers = new int[n];
            int[] given = new int[n];
            int[] received = new int[n];
            for (int u = 0; u < n; u++) {
                for (int e = log.start(u), end = ends[u]; e < end; e++) {
                    if (log.isLearning(e)) {
                        continue;
                    }
                    int v = log.other(e);
                    if (log.type(e) == follow) {
                        ab.add(u, v, 1, FOLLOW, log.minute(e));
                    } else {
                        ab.add(u, v, 1, INTERACT, log.minute(e));
                        given[u]++;
                        received[v]++;
                    }
                }
            }
            CsrGraph all = ab.build();
            for (int u = 0; u < n; u++) {
                for (int a = all.start(u); a < all.end(u); a++) {
                    if ((all.labels(a) & FOLLOW) != 0) {
                        followers[all.target(a)]++;
                    }
                }
            }
            CsrGraph undirected = all.undirected();
            double[] clustering = Clustering.local(undirected);
            int[] coreness = Coreness.compute(undirected).core();
            double[] pagerank = PageRank.compute(all, new PageRank.Parameters(PageRank.DAMPING_DEFAULT,
                    PAGERANK_ITERATIONS, 1e-7, new int[0])).scores();
            int[] community = Louvain.compute(undirected, ModularityParameters.defaults().withSeed(COMMUNITY_SEED))
                    .partition().community();
            int[] size = new int[n + 1];
            for (int u = 0; u < n; u++) {
                size[community[u]]++;
            }
            return new GraphAtCutoff(all, all.transpose(), followers, given, received, clustering, coreness, pagerank,
                    community, size);
        }
    }

    /** Per-user state shared by the rows: who is quiet at the cutoff, activity per window. */
    private static final class Context {
        final GraphSnapshot s;
        final ActivityLog log;
        final int t;
        final ChurnDefinition def;
        final List<String> tiers;
        final io.learnergraph.analysis.graph.Tiers tierRanks;
        final boolean[] creator;
        final int viewed;
        final int progressed;
        final int completed;
        final int rated;
        GraphAtCutoff g;
        boolean[] everActive;
        boolean[] quiet;
        int[] lastActive;
        int[] recent;
        int[] before;
        int[] communityEver;
        int[] communityQuiet;
        final ThreadLocal<int[][]> marks;

        Context(GraphSnapshot s, int t, ChurnDefinition def, List<String> tiers) {
            this.s = s;
            this.log = s.activity();
            this.t = t;
            this.def = def;
            this.tiers = tiers;
            this.tierRanks = new io.learnergraph.analysis.graph.Tiers(tiers);
            this.creator = new boolean[log.userCount()];
            for (int c : s.courses().creator()) {
                if (c >= 0) {
                    creator[c] = true;
                }
            }
            marks = ThreadLocal.withInitial(() -> new int[][]{new int[s.courses().count()], new int[s.topics().count()]});
            viewed = log.typeCode("VIEWED");
            progressed = log.typeCode("PROGRESSED");
            completed = log.typeCode("COMPLETED");
            rated = log.typeCode("RATED");
        }

        void graph(GraphAtCutoff graph) {
            this.g = graph;
            int n = log.userCount();
            everActive = new boolean[n];
            quiet = new boolean[n];
            lastActive = new int[n];
            recent = new int[n];
            before = new int[n];
            IntStream.range(0, n).parallel().forEach(v -> {
                int last = log.lastActivity(v, t);
                lastActive[v] = last;
                everActive[v] = last != ActivityLog.NO_MINUTE;
                quiet[v] = everActive[v] && last <= t - def.activeMinutes();
                recent[v] = log.activityBetween(v, t - 30 * DAY, t);
                before[v] = log.activityBetween(v, t - 60 * DAY, t - 30 * DAY);
            });
            communityEver = new int[n + 1];
            communityQuiet = new int[n + 1];
            for (int v = 0; v < n; v++) {
                if (everActive[v]) {
                    communityEver[g.community()[v]]++;
                }
                if (quiet[v]) {
                    communityQuiet[g.community()[v]]++;
                }
            }
        }

        void fill(int u, double[] x, int o) {
            // engagement, from u's own events in windows ending at t
            int last = log.lastActivity(u, t);
            x[o + ChurnFeature.RECENCY_DAYS.ordinal()] = (double) (t - last) / DAY;
            int e7 = 0;
            int e30 = 0;
            int e90 = 0;
            double s7 = 0;
            double s30 = 0;
            double s90 = 0;
            int completions = 0;
            int ratings = 0;
            BitSet days = new BitSet(90);
            int end = log.firstAfter(u, t);
            for (int e = log.firstAfter(u, t - 90 * DAY); e < end; e++) {
                if (!log.isActivity(e)) {
                    continue;
                }
                int age = t - log.minute(e);
                int type = log.type(e);
                double seconds = (type == viewed || type == progressed) && !Float.isNaN(log.value(e)) ? log.value(e) : 0;
                e90++;
                s90 += seconds;
                days.set(age / DAY);
                if (age < 30 * DAY) {
                    e30++;
                    s30 += seconds;
                    if (age < 7 * DAY) {
                        e7++;
                        s7 += seconds;
                    }
                }
                if (type == completed) {
                    completions++;
                } else if (type == rated) {
                    ratings++;
                }
            }
            set(x, o, ChurnFeature.EVENTS_7D, log1p(e7));
            set(x, o, ChurnFeature.EVENTS_30D, log1p(e30));
            set(x, o, ChurnFeature.EVENTS_90D, log1p(e90));
            set(x, o, ChurnFeature.LEARNING_HOURS_7D, log1p(s7 / 3600));
            set(x, o, ChurnFeature.LEARNING_HOURS_30D, log1p(s30 / 3600));
            set(x, o, ChurnFeature.LEARNING_HOURS_90D, log1p(s90 / 3600));
            set(x, o, ChurnFeature.ACTIVE_DAYS_30D, days.get(0, 30).cardinality());
            // the usual gap between active days over 90 days (90 when active on one day only)
            double gap = 90.0 / Math.max(1, days.cardinality());
            set(x, o, ChurnFeature.OVERDUE, Math.log((x[o + ChurnFeature.RECENCY_DAYS.ordinal()] + 1) / (gap + 1)));
            set(x, o, ChurnFeature.ACTIVITY_TREND, Math.log((recent[u] + 1.0) / (before[u] + 1.0)));
            set(x, o, ChurnFeature.COMPLETIONS_90D, log1p(completions));
            set(x, o, ChurnFeature.RATINGS_90D, log1p(ratings));
            long joined = s.users().joinedMinute()[u];
            int first = log.firstDated(u);
            double tenure = joined != GraphSnapshot.NO_TIME ? t - joined : first != ActivityLog.NO_MINUTE ? t - first : 0;
            set(x, o, ChurnFeature.TENURE_DAYS, log1p(Math.max(0, tenure) / DAY));
            tiers(u, x, o);
            set(x, o, ChurnFeature.TOPIC_BREADTH, log1p(topicBreadth(u, end)));

            // graph, from the social graph at t
            CsrGraph all = g.all();
            int following = 0;
            int out = 0;
            int back = 0;
            for (int a = all.start(u); a < all.end(u); a++) {
                int v = all.target(a);
                following += (all.labels(a) & GraphAtCutoff.FOLLOW) != 0 ? 1 : 0;
                if (v != u) {
                    out++;
                    if (all.findArc(v, u) >= 0) {
                        back++;
                    }
                }
            }
            set(x, o, ChurnFeature.FOLLOWING, log1p(following));
            set(x, o, ChurnFeature.FOLLOWERS, log1p(g.followers()[u]));
            set(x, o, ChurnFeature.INTERACTIONS_GIVEN, log1p(g.given()[u]));
            set(x, o, ChurnFeature.INTERACTIONS_RECEIVED, log1p(g.received()[u]));
            set(x, o, ChurnFeature.RECIPROCITY, out == 0 ? 0 : (double) back / out);
            set(x, o, ChurnFeature.CLUSTERING, g.clustering()[u]);
            set(x, o, ChurnFeature.CORENESS, log1p(g.coreness()[u]));
            set(x, o, ChurnFeature.PAGERANK, Math.log(Math.max(1e-12, g.pagerank()[u] * log.userCount())));
            int community = g.community()[u];
            set(x, o, ChurnFeature.COMMUNITY_SIZE, log1p(g.communitySize()[community]));
            int ever = communityEver[community] - (everActive[u] ? 1 : 0);
            int quietOthers = communityQuiet[community] - (quiet[u] ? 1 : 0);
            set(x, o, ChurnFeature.COMMUNITY_QUIET_SHARE, ever <= 0 ? 0 : (double) quietOthers / ever);
            int followedEver = 0;
            int followedQuiet = 0;
            int creatorsEver = 0;
            int creatorsQuiet = 0;
            long egoRecent = 0;
            long egoBefore = 0;
            int quiet14 = 0;
            double idle = 0;
            int partnersEver = 0;
            int partnersQuiet = 0;
            // out-arcs: followed users, and partners u interacted with
            for (int a = all.start(u); a < all.end(u); a++) {
                int v = all.target(a);
                int labels = all.labels(a);
                if ((labels & GraphAtCutoff.FOLLOW) != 0 && everActive[v]) {
                    quiet14 += lastActive[v] <= t - 14 * DAY ? 1 : 0;
                    idle += Math.min(90, (double) (t - lastActive[v]) / DAY);
                    followedEver++;
                    followedQuiet += quiet[v] ? 1 : 0;
                    if (creator[v]) {
                        creatorsEver++;
                        creatorsQuiet += quiet[v] ? 1 : 0;
                    }
                }
                if ((labels & GraphAtCutoff.INTERACT) != 0 && everActive[v]) {
                    partnersEver++;
                    partnersQuiet += quiet[v] ? 1 : 0;
                }
                egoRecent += recent[v];
                egoBefore += before[v];
            }
            // in-arcs: partners who interacted with u and are not already counted above
            CsrGraph in = g.allIn();
            for (int a = in.start(u); a < in.end(u); a++) {
                if ((in.labels(a) & GraphAtCutoff.INTERACT) == 0) {
                    continue;
                }
                int v = in.target(a);
                int mine = all.findArc(u, v);
                if (mine >= 0 && (all.labels(mine) & GraphAtCutoff.INTERACT) != 0) {
                    continue; // a partner both ways counts once
                }
                if (everActive[v]) {
                    partnersEver++;
                    partnersQuiet += quiet[v] ? 1 : 0;
                }
                if (mine < 0) { // users u follows or reaches were counted in the network above
                    egoRecent += recent[v];
                    egoBefore += before[v];
                }
            }
            set(x, o, ChurnFeature.FOLLOWED_QUIET_SHARE, followedEver == 0 ? 0 : (double) followedQuiet / followedEver);
            set(x, o, ChurnFeature.FOLLOWED_QUIET_14D_SHARE, followedEver == 0 ? 0 : (double) quiet14 / followedEver);
            set(x, o, ChurnFeature.FOLLOWED_IDLE_DAYS, followedEver == 0 ? 0 : idle / followedEver);
            set(x, o, ChurnFeature.FOLLOWED_CREATORS_QUIET_SHARE,
                    creatorsEver == 0 ? 0 : (double) creatorsQuiet / creatorsEver);
            set(x, o, ChurnFeature.PARTNERS_QUIET_SHARE, partnersEver == 0 ? 0 : (double) partnersQuiet / partnersEver);
            set(x, o, ChurnFeature.EGO_ACTIVITY_TREND, Math.log((egoRecent + 1.0) / (egoBefore + 1.0)));
        }

        /** Tier at t and the changes of the last 90 days; before any recorded change, the lowest tier. */
        private void tiers(int u, double[] x, int o) {
            int rank;
            int downgrades = 0;
            int upgrades = 0;
            if (log.memberStart(u) == log.memberEnd(u)) {
                rank = rank(s.users().tiers()[u]); // no history: the tier the user was imported with
            } else {
                rank = 0;
                for (int i = log.memberStart(u); i < log.memberEnd(u) && log.memberMinute(i) <= t; i++) {
                    int next = rank(log.memberTier(i));
                    if (log.memberMinute(i) > t - 90 * DAY) {
                        downgrades += next < rank ? 1 : 0;
                        upgrades += next > rank ? 1 : 0;
                    }
                    rank = next;
                }
            }
            set(x, o, ChurnFeature.TIER_RANK, rank);
            set(x, o, ChurnFeature.DOWNGRADES_90D, downgrades);
            set(x, o, ChurnFeature.UPGRADES_90D, upgrades);
        }

        private int rank(String tier) {
            return tierRanks.rank(tier);
        }

        /** Distinct topics of the courses u took by the cutoff; per-thread marks, each course looked up once. */
        private int topicBreadth(int u, int end) {
            int[][] marks = this.marks.get();
            int[] courseSeen = marks[0];
            int[] topicSeen = marks[1];
            int stamp = u + 1; // each user is visited once, so their index is a fresh mark
            CsrGraph coverage = s.coverage();
            int topics = 0;
            for (int e = log.start(u); e < end; e++) {
                if (log.isLearning(e)) {
                    int course = log.other(e);
                    if (courseSeen[course] == stamp) {
                        continue;
                    }
                    courseSeen[course] = stamp;
                    for (int a = coverage.start(course); a < coverage.end(course); a++) {
                        int t = coverage.target(a);
                        if (topicSeen[t] != stamp) {
                            topicSeen[t] = stamp;
                            topics++;
                        }
                    }
                }
            }
            return topics;
        }

        private static void set(double[] x, int o, ChurnFeature f, double v) {
            x[o + f.ordinal()] = v;
        }

        private static double log1p(double v) {
            return Math.log1p(v);
        }
    }
}
