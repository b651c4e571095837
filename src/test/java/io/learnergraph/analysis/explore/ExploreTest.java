package io.learnergraph.analysis.explore;

import io.learnergraph.analysis.community.Partition;
import io.learnergraph.analysis.explore.Neighbourhood.Kind;
import io.learnergraph.analysis.explore.Neighbourhood.Neighbour;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionBuilder;
import io.learnergraph.analysis.graph.ProjectionWeights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExploreTest {

    private static final long DAY = 1440;
    private static final long T0 = 1772323200L / 60; // 2026-03-01

    /**
     * a follows b (day 1) and comments on c (day 5); c follows a (day 3); b enrols in course k
     * (day 2) and completes it (day 9); a enrols in k (day 4). k covers topics t1, t2, t2
     * requires t1, t3 requires t2; d made k. e is nobody's neighbour.
     */
    private static GraphSnapshot platform() {
        ProjectionBuilder b = new ProjectionBuilder(new ProjectionWeights(Map.of("FOLLOWS", 1.0, "COMMENTED", 2.0,
                "ENROLLED", 1.0, "COMPLETED", 2.0), 0));
        String[] users = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < users.length; i++) {
            b.addUser(i + 1, users[i], "User " + users[i].toUpperCase(), "free", T0);
        }
        b.addTopic(101, "t1", "Algebra");
        b.addTopic(102, "t2", "Calculus");
        b.addTopic(103, "t3", "Analysis");
        b.addCourse(201, "k", "Calculus I", "free", 4);
        b.addCoverage(201, 101, 1);
        b.addCoverage(201, 102, 1);
        b.addPrerequisite(102, 101);
        b.addPrerequisite(103, 102);
        b.addSocial(1, 2, "FOLLOWS", T0 + DAY);
        b.addSocial(1, 3, "COMMENTED", T0 + 5 * DAY);
        b.addSocial(3, 1, "FOLLOWS", T0 + 3 * DAY);
        b.addLearning(2, 201, "ENROLLED", T0 + 2 * DAY);
        b.addLearning(2, 201, "COMPLETED", T0 + 9 * DAY);
        b.addLearning(1, 201, "ENROLLED", T0 + 4 * DAY);
        return b.build(1);
    }

    private static int user(GraphSnapshot s, String id) {
        return s.users().indexOf(id).orElseThrow();
    }

    private static Neighbour find(Neighbourhood.Result r, Kind kind, int index) {
        return r.neighbours().stream().filter(n -> n.kind() == kind && n.index() == index).findFirst().orElseThrow();
    }

    @Test
    void aUsersNeighboursAreTheUsersTheyActedWithEitherWayAndTheirCourses() {
        GraphSnapshot s = platform();
        double[] rank = new double[s.users().count()];
        Neighbourhood.Result r = Neighbourhood.ofUser(s, user(s, "a"), rank, Neighbourhood.Parameters.defaults());
        assertEquals(3, r.total());
        assertEquals(0, r.more());
        Neighbour b = find(r, Kind.USER, user(s, "b"));
        assertEquals(List.of("FOLLOWS"), b.types());
        assertTrue(b.outgoing());
        assertFalse(b.incoming());
        Neighbour c = find(r, Kind.USER, user(s, "c"));
        assertEquals(List.of("COMMENTED", "FOLLOWS"), c.types());
        assertTrue(c.outgoing() && c.incoming());
        assertEquals(2, c.events());
        assertEquals((int) (T0 + 3 * DAY), c.first());
        assertEquals((int) (T0 + 5 * DAY), c.last());
        Neighbour k = find(r, Kind.COURSE, 0);
        assertEquals(List.of("ENROLLED"), k.types());
        Neighbourhood.Result creator = Neighbourhood.ofUser(s, user(s, "d"), rank, Neighbourhood.Parameters.defaults());
        assertEquals(1, creator.total(), "d only made k");
        assertEquals(List.of(Neighbourhood.CREATED), find(creator, Kind.COURSE, 0).types());
        assertTrue(find(creator, Kind.COURSE, 0).outgoing());
    }

    @Test
    void asOfADateOnlyTiesWithAnEventByThenCountAndFromTheirFirstEvent() {
        GraphSnapshot s = platform();
        double[] rank = new double[s.users().count()];
        // day 3.5: a follows b (1), c follows a (3); a's comment (5) and enrolment (4) are later
        Neighbourhood.Result r = Neighbourhood.ofUser(s, user(s, "a"), rank,
                new Neighbourhood.Parameters(10, (int) (T0 + 3 * DAY + DAY / 2)));
        assertEquals(2, r.total());
        Neighbour c = find(r, Kind.USER, user(s, "c"));
        assertEquals(List.of("FOLLOWS"), c.types());
        assertFalse(c.outgoing());
        assertTrue(c.incoming());
        assertEquals(1, c.events());
        // day 0: nothing yet
        assertEquals(0, Neighbourhood.ofUser(s, user(s, "a"), rank, new Neighbourhood.Parameters(10, (int) T0))
                .total());
    }

    @Test
    void aCoursesNeighboursAreItsLearnersTopicsAndCreator() {
        GraphSnapshot s = platform();
        double[] rank = new double[s.users().count()];
        rank[user(s, "a")] = 0.9; // a ranks above b
        Neighbourhood.Result r = Neighbourhood.ofCourse(s, 0, rank, Neighbourhood.Parameters.defaults());
        // users first (a by rank, then b, then creator d at rank 0 after b by index), then topics
        assertEquals(List.of("a", "b", "d"), r.neighbours().stream().filter(n -> n.kind() == Kind.USER)
                .map(n -> s.users().ids()[n.index()]).toList());
        assertEquals(List.of("COMPLETED", "ENROLLED"), find(r, Kind.USER, user(s, "b")).types());
        assertEquals(List.of(Neighbourhood.CREATED), find(r, Kind.USER, user(s, "d")).types());
        assertEquals(2, r.neighbours().stream().filter(n -> n.kind() == Kind.TOPIC).count());
        Neighbourhood.Result early = Neighbourhood.ofCourse(s, 0, rank,
                new Neighbourhood.Parameters(10, (int) (T0 + 3 * DAY)));
        assertEquals(List.of("b", "d"), early.neighbours().stream().filter(n -> n.kind() == Kind.USER)
                .map(n -> s.users().ids()[n.index()]).toList(), "a enrolled on day 4; d's tie has no time");
        assertEquals(List.of("ENROLLED"), find(early, Kind.USER, user(s, "b")).types());
    }

    @Test
    void aTopicsNeighboursAreItsCoursesAndPrerequisitesBothWays() {
        GraphSnapshot s = platform();
        int t2 = s.topics().indexOf("t2").orElseThrow();
        Neighbourhood.Result r = Neighbourhood.ofTopic(s, t2, Neighbourhood.Parameters.defaults());
        assertEquals(3, r.total());
        Neighbour t1 = find(r, Kind.TOPIC, s.topics().indexOf("t1").orElseThrow());
        assertTrue(t1.outgoing(), "t2 requires t1");
        Neighbour t3 = find(r, Kind.TOPIC, s.topics().indexOf("t3").orElseThrow());
        assertTrue(t3.incoming(), "t3 requires t2");
        assertEquals(List.of(Neighbourhood.COVERS), find(r, Kind.COURSE, 0).types());
    }

    @Test
    void theCapKeepsTheBestRankedOfEachKindInProportionAndCountsTheRest() {
        // a hub followed by 100 users (ranked by index) who also took 10 courses
        ProjectionBuilder b = new ProjectionBuilder(new ProjectionWeights(Map.of("FOLLOWS", 1.0, "ENROLLED", 1.0), 0));
        b.addUser(1, "hub", "Hub", "free", T0);
        for (int i = 0; i < 100; i++) {
            b.addUser(10 + i, "f" + i, "F" + i, "free", T0);
            b.addSocial(10 + i, 1, "FOLLOWS", T0 + i);
        }
        for (int c = 0; c < 10; c++) {
            b.addCourse(1000 + c, "c" + c, "C" + c, "free", -1);
            b.addLearning(1, 1000 + c, "ENROLLED", T0 + c);
        }
        GraphSnapshot s = b.build(1);
        double[] rank = new double[s.users().count()];
        for (int u = 0; u < rank.length; u++) {
            rank[u] = u; // later users rank higher
        }
        Neighbourhood.Result r = Neighbourhood.ofUser(s, 0, rank, new Neighbourhood.Parameters(11, Neighbourhood.ALL_TIME));
        assertEquals(110, r.total());
        assertEquals(99, r.more());
        long users = r.neighbours().stream().filter(n -> n.kind() == Kind.USER).count();
        assertEquals(10, users, "100 of 110 neighbours are users: 10 of 11 places");
        assertEquals(1, r.neighbours().size() - users, "the courses keep a place");
        assertEquals(s.users().count() - 1, r.neighbours().get(0).index(), "the highest-ranked follower first");
        assertThrows(IllegalArgumentException.class, () -> new Neighbourhood.Parameters(0, 0));
    }

    @Test
    void theActorOfAnEventIsFoundAcrossUsersWithoutEventsAndKeptBesideEachReceivedEvent() {
        GraphSnapshot s = platform();
        ActivityLog log = s.activity();
        for (int u = 0; u < log.userCount(); u++) {
            for (int e = log.start(u); e < log.end(u); e++) {
                assertEquals(u, log.actor(e));
            }
        }
        // a hub receiving events from many senders out of time order: senders move with their events
        ProjectionBuilder b = new ProjectionBuilder(new ProjectionWeights(Map.of("FOLLOWS", 1.0, "LIKED", 1.0), 0));
        b.addUser(1, "hub", "Hub", "free", T0);
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            b.addUser(10 + i, "s" + i, "S" + i, "free", T0);
        }
        for (int k = 0; k < 400; k++) {
            b.addSocial(10 + rnd.nextInt(50), 1, k % 2 == 0 ? "FOLLOWS" : "LIKED", T0 + rnd.nextInt(10_000));
        }
        ActivityLog hub = b.build(1).activity();
        ActivityLog.Received received = hub.received();
        assertEquals(400, received.end(0) - received.start(0));
        for (int i = received.start(0); i < received.end(0); i++) {
            assertEquals(hub.actor(received.event(i)), received.actor(i));
            if (i > received.start(0)) {
                assertTrue(hub.minute(received.event(i - 1)) <= hub.minute(received.event(i)), "oldest first");
            }
        }
    }

    @Test
    void theOverviewFoldsSmallCommunitiesIntoOneNodeAndSumsTheTiesBetweenNodes() {
        // communities 0 (4 users), 1 (3 users), 2 (1 user), 3 (1 user); floor 3
        int[] community = {0, 0, 0, 0, 1, 1, 1, 2, 3};
        CsrGraph g = CsrGraph.builder(9, 20).add(0, 1, 1).add(1, 2, 1).add(2, 3, 1) // inside 0
                .add(3, 4, 2).add(0, 5, 1) // 0 - 1: two pairs, weight 3
                .add(6, 7, 1).add(1, 8, 4) // 1 - small, 0 - small
                .add(7, 8, 1) // inside the bucket: no edge
                .buildUndirected();
        CommunityGraph.Overview o = CommunityGraph.overview(g, community, 2);
        // floor 2: communities 2 and 3 (one member each) are the bucket, 2 people: shown
        assertEquals(List.of(new CommunityGraph.Node(0, 4), new CommunityGraph.Node(1, 3),
                new CommunityGraph.Node(CommunityGraph.SMALL_BUCKET, 2)), o.nodes());
        assertEquals(2, o.smallCommunities());
        assertEquals(List.of(new CommunityGraph.Edge(0, 1, 3, 2), new CommunityGraph.Edge(0, 2, 4, 1),
                new CommunityGraph.Edge(1, 2, 1, 1)), o.edges());
        // floor 3: the bucket would describe 2 people, fewer than the floor: left out with its ties
        CommunityGraph.Overview floored = CommunityGraph.overview(g, community, 3);
        assertEquals(List.of(new CommunityGraph.Node(0, 4), new CommunityGraph.Node(1, 3)), floored.nodes());
        assertEquals(List.of(new CommunityGraph.Edge(0, 1, 3, 2)), floored.edges());
        assertEquals(2, floored.smallCommunities());
    }

    @Test
    void theOverviewsWeightsAddUpToTheTiesBetweenCommunitiesOnRandomGraphs() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + rnd.nextInt(200);
            int[] community = new int[n];
            for (int u = 0; u < n; u++) {
                community[u] = rnd.nextInt(12);
            }
            community = Partition.of(community).community();
            CsrGraph.Builder b = CsrGraph.builder(n, 4 * n);
            for (int i = 0; i < 3 * n; i++) {
                int u = rnd.nextInt(n);
                int v = rnd.nextInt(n);
                if (u != v) {
                    b.add(u, v, 1);
                }
            }
            CsrGraph g = b.buildUndirected();
            double between = 0;
            for (int u = 0; u < n; u++) {
                for (int a = g.start(u); a < g.end(u); a++) {
                    if (u < g.target(a) && community[u] != community[g.target(a)]) {
                        between += g.weight(a);
                    }
                }
            }
            CommunityGraph.Overview all = CommunityGraph.overview(g, community, 1); // no bucket
            assertEquals(between, all.edges().stream().mapToDouble(CommunityGraph.Edge::weight).sum(), 1e-9);
            assertEquals(n, all.nodes().stream().mapToInt(CommunityGraph.Node::size).sum());
            CommunityGraph.Overview floored = CommunityGraph.overview(g, community, 25);
            int shown = floored.nodes().stream().mapToInt(CommunityGraph.Node::size).sum();
            boolean bucket = floored.nodes().stream().anyMatch(x -> x.community() == CommunityGraph.SMALL_BUCKET);
            assertTrue(bucket ? shown == n : n - shown < 25, "everyone counted, or a bucket under the floor left out");
            assertTrue(floored.nodes().stream().filter(x -> x.community() != CommunityGraph.SMALL_BUCKET)
                    .allMatch(x -> x.size() >= 25));
        }
    }

    @Test
    void theOverviewHashesItsPairsWhenCommunitiesAreManyAndAgreesWithTheDenseTable() {
        int n = 2 * (CommunityGraph.DENSE_NODES + 10); // communities of two: more nodes than the dense table takes
        int[] community = new int[n];
        CsrGraph.Builder b = CsrGraph.builder(n, 2 * n);
        for (int u = 0; u < n; u++) {
            community[u] = u / 2;
            b.add(u, (u + 3) % n, 1);
        }
        CsrGraph g = b.buildUndirected();
        CommunityGraph.Overview sparse = CommunityGraph.overview(g, community, 2);
        assertEquals(n / 2, sparse.nodes().size());
        double between = 0;
        for (int u = 0; u < n; u++) {
            for (int a = g.start(u); a < g.end(u); a++) {
                between += u < g.target(a) && community[u] != community[g.target(a)] ? g.weight(a) : 0;
            }
        }
        assertEquals(between, sparse.edges().stream().mapToDouble(CommunityGraph.Edge::weight).sum(), 1e-9);
        for (int i = 1; i < sparse.edges().size(); i++) {
            CommunityGraph.Edge p = sparse.edges().get(i - 1);
            CommunityGraph.Edge q = sparse.edges().get(i);
            assertTrue(p.a() < q.a() || (p.a() == q.a() && p.b() < q.b()), "edges in (a, b) order");
        }
    }

    @Test
    void aCommunitysMemberGraphKeepsTheBestRankedAndTheTiesAmongThem() {
        int[] community = {0, 0, 0, 0, 1};
        CsrGraph g = CsrGraph.builder(5, 10).add(0, 1, 1).add(1, 2, 1).add(2, 3, 1).add(3, 4, 1).buildUndirected();
        double[] rank = {0.1, 0.4, 0.3, 0.2, 0.9};
        CommunityGraph.Members m = CommunityGraph.members(g, community, 0, rank, 3);
        assertEquals(4, m.members());
        assertArrayEquals(new int[]{1, 2, 3}, m.shown());
        // ties 1-2 and 2-3 among the shown; 0-1 leaves with 0, 3-4 crosses communities
        assertEquals(List.of(new CommunityGraph.Edge(0, 1, 1, 1), new CommunityGraph.Edge(1, 2, 1, 1)), m.edges());
    }

    @Test
    void searchRanksExactIdsAndNamesBeforePrefixesBeforeSubstrings() {
        Search search = Search.over(new String[]{"u1", "u10", "u2", "x"}, new String[]{"Ann", "Bob u1", "U1", "Anna"});
        assertEquals(List.of(new Search.Hit(0, Search.Match.ID), new Search.Hit(2, Search.Match.NAME),
                new Search.Hit(1, Search.Match.PREFIX)), search.find(" U1 ", 10));
        assertEquals(List.of(0, 3), search.find("ann", 10).stream().map(Search.Hit::index).toList());
        assertEquals(List.of(new Search.Hit(0, Search.Match.NAME)), search.find("ann", 1));
        assertEquals(List.of(), search.find("  ", 10));
        assertEquals(List.of(new Search.Hit(1, Search.Match.CONTAINS)), search.find("b u", 10));
    }
}
