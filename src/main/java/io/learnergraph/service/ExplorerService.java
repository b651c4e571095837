package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.explore.CommunityGraph;
import io.learnergraph.analysis.explore.Neighbourhood;
import io.learnergraph.analysis.explore.Search;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.growth.Time;
import io.learnergraph.analysis.profile.CommunityProfiler;
import io.learnergraph.service.ExplorerViews.CommunityEdge;
import io.learnergraph.service.ExplorerViews.CommunityNode;
import io.learnergraph.service.ExplorerViews.Edge;
import io.learnergraph.service.ExplorerViews.Hit;
import io.learnergraph.service.ExplorerViews.Node;
import io.learnergraph.service.ExplorerViews.Overview;
import io.learnergraph.service.ExplorerViews.SearchResult;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the visual explorer draws: the communities as one graph (whatever the platform's size),
 * one community's best-ranked members, one node's neighbourhood as of a date, and search by id
 * or name. Every answer reads one pinned snapshot; communities below the {@link PrivacyFloor}
 * are one node and are never opened.
 */
@Singleton
public class ExplorerService {

    /** Search hits when the caller does not say, and the most it may ask for. */
    public static final int DEFAULT_HITS = 20;
    public static final int MAX_HITS = 200;

    private static final int CACHE_ENTRIES = 32;
    private static final int TOP_TOPICS = 3;

    /** What a neighbourhood can be asked of, by the path segment that names it. */
    public enum Kind {
        USERS(Neighbourhood.Kind.USER), COURSES(Neighbourhood.Kind.COURSE), TOPICS(Neighbourhood.Kind.TOPIC);

        final Neighbourhood.Kind kind;

        Kind(Neighbourhood.Kind kind) {
            this.kind = kind;
        }

        public static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return k;
                }
            }
            throw new LearnerGraphException.InvalidInput("kind", "kind must be users, courses or topics; was '"
                    + value + "'");
        }
    }

    private final AnalyticsService analytics;
    private final ChurnService churn;
    private final GrowthService growth;
    private final SnapshotCache cache = new SnapshotCache(CACHE_ENTRIES);

    public ExplorerService(AnalyticsService analytics, ChurnService churn, GrowthService growth,
                           SnapshotService snapshots) {
        this.analytics = analytics;
        this.churn = churn;
        this.growth = growth;
        snapshots.onNewSnapshot(s -> cache.retain(s.version()));
    }

    // ------------------------------------------------------------------ overview

    /** The default clustering as a graph of communities, with the measures the page colours them by. */
    public Overview overview() {
        GraphSnapshot s = analytics.snapshot();
        return cached(s, "overview", () -> buildOverview(s));
    }

    private Overview buildOverview(GraphSnapshot s) {
        AnalyticsService.CommunityRun run = analytics.defaultCommunities(s);
        int[] community = run.result().partition().community();
        int floor = analytics.privacyFloor().minimum();
        CommunityGraph.Overview o = CommunityGraph.overview(s.socialUndirected(), community, floor);
        int days = growth.settings().windowDays();
        int last = s.activity().lastMinute();
        double[] engagement = last == ActivityLog.NO_MINUTE ? new double[s.users().count()]
                : growth.engagement(s, last, days).score();
        int nodes = o.nodes().size();
        int[] index = new int[run.result().partition().count()];
        int bucket = o.nodes().isEmpty() || o.nodes().get(nodes - 1).community() != CommunityGraph.SMALL_BUCKET ? -1
                : nodes - 1;
        Arrays.fill(index, bucket); // below the floor: the bucket, or nowhere when it is left out
        for (int i = 0; i < nodes; i++) {
            if (o.nodes().get(i).community() != CommunityGraph.SMALL_BUCKET) {
                index[o.nodes().get(i).community()] = i;
            }
        }
        double[] engagementSum = new double[nodes];
        int[] joined = new int[nodes];
        long since = last == ActivityLog.NO_MINUTE ? Long.MAX_VALUE : last - (long) days * Time.DAY;
        for (int u = 0; u < community.length; u++) {
            int i = index[community[u]];
            if (i < 0) {
                continue;
            }
            engagementSum[i] += engagement[u];
            long j = s.users().joinedMinute()[u];
            if (j != GraphSnapshot.NO_TIME && j > since) {
                joined[i]++;
            }
        }
        Map<Integer, CommunityProfiler.CommunityProfile> profiles = new java.util.HashMap<>();
        run.profiles().communities().forEach(p -> profiles.put(p.id(), p));
        List<CommunityNode> out = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            CommunityGraph.Node n = o.nodes().get(i);
            double meanEngagement = engagementSum[i] / Math.max(1, n.size());
            double growthShare = (double) joined[i] / Math.max(1, n.size());
            if (n.community() == CommunityGraph.SMALL_BUCKET) {
                CommunityProfiler.SmallCommunities small = run.profiles().small();
                out.add(new CommunityNode(key(n.community()), null, n.size(), small.churnedShare(), small.tierMix(),
                        meanEngagement, growthShare, List.of()));
            } else {
                CommunityProfiler.CommunityProfile p = profiles.get(n.community());
                out.add(new CommunityNode(key(n.community()), n.community(), n.size(),
                        p == null ? 0 : p.churnedShare(), p == null ? Map.of() : p.tierMix(), meanEngagement,
                        growthShare, p == null ? List.of() : p.topTopics().stream().limit(TOP_TOPICS)
                        .map(t -> s.topics().names()[t.topic()]).toList()));
            }
        }
        List<CommunityEdge> edges = o.edges().stream().map(e -> new CommunityEdge(out.get(e.a()).key(),
                out.get(e.b()).key(), e.weight(), e.pairs())).toList();
        return new Overview(run.algorithm().key(), floor, o.smallCommunities(), days,
                last == ActivityLog.NO_MINUTE ? null : Time.iso(last), out, edges, s.version());
    }

    private static String key(int community) {
        return community == CommunityGraph.SMALL_BUCKET ? "community:small" : "community:" + community;
    }

    // ------------------------------------------------------------------ one community

    /** Community {@code id}'s {@code limit} members of highest PageRank and the ties among them. */
    public ExplorerViews.CommunityGraph community(int id, int limit) {
        GraphSnapshot s = analytics.snapshot();
        int[] community = analytics.defaultCommunities(s).result().partition().community();
        long size = Arrays.stream(community).filter(c -> c == id).count();
        analytics.privacyFloor().requireShown(null, id, size, "default (leiden)");
        Styles st = styles(s);
        CommunityGraph.Members m = CommunityGraph.members(s.socialUndirected(), community, id, st.pagerank, limit);
        List<Node> nodes = Arrays.stream(m.shown()).mapToObj(u -> user(s, st, u)).toList();
        List<Edge> edges = m.edges().stream().map(e -> new Edge(nodes.get(e.a()).key(), nodes.get(e.b()).key(),
                List.of(), "both", e.pairs(), null, null, e.weight())).toList();
        return new ExplorerViews.CommunityGraph(id, m.members(), limit, nodes, edges, s.version());
    }

    // ------------------------------------------------------------------ neighbourhood

    /** The neighbours of one user, course or topic, as of {@code asOf} (blank: now), capped at {@code limit}. */
    public ExplorerViews.Neighbourhood neighbourhood(Kind kind, String id, int limit, String asOf) {
        GraphSnapshot s = analytics.snapshot();
        int at = asOf == null || asOf.isBlank() ? Neighbourhood.ALL_TIME : growth.time(s, asOf, "asOf");
        Neighbourhood.Parameters p = new Neighbourhood.Parameters(limit, at);
        Styles st = styles(s);
        Neighbourhood.Result r = switch (kind) {
            case USERS -> Neighbourhood.ofUser(s, index(s, kind, id), st.pagerank, p);
            case COURSES -> Neighbourhood.ofCourse(s, index(s, kind, id), st.pagerank, p);
            case TOPICS -> Neighbourhood.ofTopic(s, index(s, kind, id), p);
        };
        Node centre = node(s, st, kind.kind, r.centre());
        List<Node> nodes = new ArrayList<>(r.neighbours().size());
        List<Edge> edges = new ArrayList<>(r.neighbours().size());
        for (Neighbourhood.Neighbour n : r.neighbours()) {
            Node other = node(s, st, n.kind(), n.index());
            nodes.add(other);
            edges.add(new Edge(centre.key(), other.key(), n.types(), n.outgoing() && n.incoming() ? "both"
                    : n.outgoing() ? "forward" : "backward", n.events(), time(n.first()), time(n.last()), n.events()));
        }
        return new ExplorerViews.Neighbourhood(centre, nodes, edges, r.total(), limit, r.more(),
                at == Neighbourhood.ALL_TIME ? null : Time.iso(at), time(s.activity().lastMinute()), s.version());
    }

    private static int index(GraphSnapshot s, Kind kind, String id) {
        java.util.OptionalInt i = switch (kind) {
            case USERS -> s.users().indexOf(id);
            case COURSES -> s.courses().indexOf(id);
            case TOPICS -> s.topics().indexOf(id);
        };
        return i.orElseThrow(() -> new LearnerGraphException.NotFound("no " + kind.kind.name().toLowerCase(Locale.ROOT)
                + " '" + id + "'"));
    }

    // ------------------------------------------------------------------ search

    /** Users, courses and topics whose id or name matches {@code q}: exact first, then prefixes, then substrings. */
    public SearchResult search(String q, int limit) {
        if (q == null || q.isBlank()) {
            throw new LearnerGraphException.InvalidInput("q", "q is required: an id or part of a name");
        }
        GraphSnapshot s = analytics.snapshot();
        Search[] indexes = cached(s, "search", () -> new Search[]{Search.over(s.users().ids(), s.users().names()),
                Search.over(s.courses().ids(), s.courses().titles()), Search.over(s.topics().ids(), s.topics().names())});
        List<Hit> hits = new ArrayList<>();
        List<Search.Match> matches = new ArrayList<>();
        for (Neighbourhood.Kind kind : Neighbourhood.Kind.values()) {
            for (Search.Hit h : indexes[kind.ordinal()].find(q, limit)) {
                hits.add(new Hit(kindKey(kind) + ":" + id(s, kind, h.index()), kindKey(kind), id(s, kind, h.index()),
                        label(s, kind, h.index()), h.match().name().toLowerCase(Locale.ROOT)));
                matches.add(h.match());
            }
        }
        // best matches first whatever the kind; within a match, users, then courses, then topics
        Integer[] order = new Integer[hits.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing((Integer i) -> matches.get(i)));
        return new SearchResult(q.strip(), Arrays.stream(order).limit(limit).map(hits::get).toList(), s.version());
    }

    // ------------------------------------------------------------------ nodes

    /** Per-user values the page styles by, for one snapshot. */
    private record Styles(double[] pagerank, int[] community, int[] communitySize, double[] churnRisk) {
    }

    private Styles styles(GraphSnapshot s) {
        return cached(s, "styles", () -> {
            double[] pagerank = analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores();
            io.learnergraph.analysis.community.Partition partition = analytics.defaultCommunities(s).result()
                    .partition();
            int[] community = partition.community();
            double[] risk = null;
            try {
                ChurnService.Scores sc = churn.scores(s);
                risk = new double[s.users().count()];
                Arrays.fill(risk, Double.NaN);
                for (int row = 0; row < sc.matrix().rows(); row++) {
                    risk[sc.matrix().users()[row]] = sc.risk()[row];
                }
            } catch (LearnerGraphException.Conflict noModel) {
                // no churn model yet: nodes carry no risk
            }
            return new Styles(pagerank, community, partition.sizes(), risk);
        });
    }

    private Node node(GraphSnapshot s, Styles st, Neighbourhood.Kind kind, int i) {
        return switch (kind) {
            case USER -> user(s, st, i);
            case COURSE -> new Node("course:" + s.courses().ids()[i], "course", s.courses().ids()[i],
                    s.courses().titles()[i], null, null, s.courses().tiers()[i], null, null, s.learners().degree(i));
            case TOPIC -> new Node("topic:" + s.topics().ids()[i], "topic", s.topics().ids()[i], s.topics().names()[i],
                    null, null, null, null, null, null);
        };
    }

    private Node user(GraphSnapshot s, Styles st, int u) {
        Double risk = st.churnRisk == null || Double.isNaN(st.churnRisk[u]) ? null : st.churnRisk[u];
        long last = s.users().lastActive()[u];
        return new Node("user:" + s.users().ids()[u], "user", s.users().ids()[u], s.users().names()[u],
                analytics.privacyFloor().showsAlone(st.communitySize[st.community[u]]) ? st.community[u] : null,
                st.pagerank[u], s.users().tiers()[u], risk, last == GraphSnapshot.NO_TIME ? null : Time.iso((int) last),
                null);
    }

    private static String kindKey(Neighbourhood.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String id(GraphSnapshot s, Neighbourhood.Kind kind, int i) {
        return switch (kind) {
            case USER -> s.users().ids()[i];
            case COURSE -> s.courses().ids()[i];
            case TOPIC -> s.topics().ids()[i];
        };
    }

    private static String label(GraphSnapshot s, Neighbourhood.Kind kind, int i) {
        return switch (kind) {
            case USER -> s.users().names()[i];
            case COURSE -> s.courses().titles()[i];
            case TOPIC -> s.topics().names()[i];
        };
    }

    private static String time(int minute) {
        return minute == ActivityLog.NO_MINUTE ? null : Time.iso(minute);
    }

    private <T> T cached(GraphSnapshot s, String key, java.util.function.Supplier<T> compute) {
        return cache.get(s.version() + "|" + key, compute);
    }
}
