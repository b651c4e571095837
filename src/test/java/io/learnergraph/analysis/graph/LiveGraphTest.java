package io.learnergraph.analysis.graph;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delta log and the in-memory merge: a view pins what it saw; a snapshot merged with its
 * delta equals the snapshot built from all the events at once (what a reload from the store
 * gives), erased users and their events left out.
 */
class LiveGraphTest {

    private static final ProjectionWeights WEIGHTS = new ProjectionWeights(Map.of("FOLLOWS", 1.0, "COMMENTED", 2.0,
            "LIKED", 0.5, "VIEWED", 0.2, "ENROLLED", 1.0, "COMPLETED", 2.0), 30);

    /** One event as the store would hold it. */
    private record Event(boolean learning, int from, int to, String type, long minute, double value) {
    }

    private record Member(int user, String tier, long minute) {
    }

    @Test
    void aViewPinsWhatItSawWhileTheLogGrows() {
        DeltaLog log = new DeltaLog(4);
        log.add(DeltaLog.Kind.FOLLOW, 0, 1, "FOLLOWS", 10, Float.NaN);
        log.add(DeltaLog.Kind.LEARNING, 0, 3, "ENROLLED", 11, Float.NaN);
        DeltaLog.View before = log.view();
        for (int i = 0; i < 1000; i++) { // grows the arrays several times
            log.add(DeltaLog.Kind.SOCIAL, i % 4, (i + 1) % 4, "LIKED", 20 + i, Float.NaN);
        }
        log.addMembership(2, "vip", 50);
        DeltaLog.View after = log.view();

        assertEquals(2, before.size());
        assertArrayEquals(new int[]{1, 0}, before.byActor(0), "newest first, only what the view pinned");
        assertArrayEquals(new int[]{0}, before.byTarget(1));
        assertEquals(-1, before.latestMembership(2));
        assertEquals(1002, after.size());
        assertEquals(252, after.byActor(0).length);
        assertEquals("vip", after.memberTier(after.latestMembership(2)));
        assertEquals(DeltaLog.Kind.LEARNING, before.kind(1));
        assertEquals(3, before.target(1));
        assertEquals("ENROLLED", before.type(1));
    }

    @Test
    void aSnapshotMergedWithItsDeltaEqualsTheSnapshotOfAllEvents() {
        Random random = new Random(7);
        List<Event> first = events(random, 3000);
        List<Event> later = events(random, 700);
        List<Member> members = List.of(new Member(3, "basic", 100), new Member(5, "vip", 90_000));
        GraphSnapshot base = build(first, List.of(members.get(0)), Integer.MAX_VALUE, 1);
        DeltaLog delta = new DeltaLog(base.users().count());
        for (Event e : later) {
            delta.add(e.learning() ? DeltaLog.Kind.LEARNING : e.type().equals("FOLLOWS") ? DeltaLog.Kind.FOLLOW
                    : DeltaLog.Kind.SOCIAL, e.from(), e.to(), e.type(), (int) e.minute(), (float) e.value());
        }
        delta.addMembership(5, "vip", 90_000);

        GraphSnapshot merged = SnapshotMerge.merge(base, delta.view(), WEIGHTS, 2);
        List<Event> all = new ArrayList<>(first);
        all.addAll(later);
        GraphSnapshot expected = build(all, members, Integer.MAX_VALUE, 2);

        assertSameGraph(expected, merged);
        assertEquals("vip", merged.users().tiers()[5]);
    }

    @Test
    void anErasedUserAndTheirEventsAreLeftOut() {
        Random random = new Random(9);
        List<Event> events = events(random, 2000);
        GraphSnapshot base = build(events, List.of(), Integer.MAX_VALUE, 1);
        DeltaLog delta = new DeltaLog(base.users().count());
        delta.erase(7);

        GraphSnapshot merged = SnapshotMerge.merge(base, delta.view(), WEIGHTS, 2);

        assertEquals(base.users().count() - 1, merged.users().count());
        assertTrue(merged.users().indexOf("u7").isEmpty());
        assertSameGraph(build(events, List.of(), 7, 2), merged);
    }

    @Test
    void containsRecognisesAnEventInTheSnapshotOrTheDelta() {
        List<Event> events = List.of(new Event(true, 0, 1, "VIEWED", 100, 60), new Event(false, 0, 2, "FOLLOWS", 50, 0));
        GraphSnapshot base = build(events, List.of(), Integer.MAX_VALUE, 1);
        DeltaLog delta = new DeltaLog(base.users().count());
        delta.add(DeltaLog.Kind.SOCIAL, 1, 0, "LIKED", 200, Float.NaN);
        LiveView live = new LiveView(base, delta.view(), 3);

        assertTrue(live.contains(DeltaLog.Kind.LEARNING, 0, 1, "VIEWED", 100));
        assertFalse(live.contains(DeltaLog.Kind.LEARNING, 0, 1, "VIEWED", 101));
        assertFalse(live.contains(DeltaLog.Kind.LEARNING, 0, 1, "ENROLLED", 100));
        assertTrue(live.contains(DeltaLog.Kind.FOLLOW, 0, 2, "FOLLOWS", 999), "a follow is one per pair");
        assertTrue(live.contains(DeltaLog.Kind.SOCIAL, 1, 0, "LIKED", 200));
        assertFalse(live.contains(DeltaLog.Kind.SOCIAL, 0, 1, "LIKED", 200));
    }

    @Test
    void aBackDatedMembershipChangeDoesNotOverrideALaterOne() {
        GraphSnapshot base = build(List.of(new Event(true, 0, 1, "VIEWED", 100, 60)),
                List.of(new Member(0, "basic", 1_000)), Integer.MAX_VALUE, 1);
        DeltaLog delta = new DeltaLog(base.users().count());
        delta.addMembership(0, "vip", 500);   // older than the snapshot's change to basic
        delta.addMembership(1, "premium", 700);
        LiveView live = new LiveView(base, delta.view(), 2);

        assertEquals(base.users().tiers()[0], live.tier(0), "the snapshot's later change stands");
        assertEquals("premium", live.tier(1));
        assertTrue(live.containsMembership(0, "basic", 1_000));
        assertTrue(live.containsMembership(0, "vip", 500));
        assertFalse(live.containsMembership(0, "vip", 501));
        assertEquals("basic", SnapshotMerge.merge(base, delta.view(), WEIGHTS, 2).activity().tierAt(0, Integer.MAX_VALUE));
    }

    @Test
    void aUsersLiveEngagementCountsTheDeltaAsAMergedSnapshotWould() {
        Random random = new Random(13);
        List<Event> first = events(random, 2000);
        List<Event> later = events(random, 400);
        GraphSnapshot base = build(first, List.of(), Integer.MAX_VALUE, 1);
        DeltaLog delta = new DeltaLog(base.users().count());
        for (Event e : later) {
            delta.add(e.learning() ? DeltaLog.Kind.LEARNING : e.type().equals("FOLLOWS") ? DeltaLog.Kind.FOLLOW
                    : DeltaLog.Kind.SOCIAL, e.from(), e.to(), e.type(), (int) e.minute(), (float) e.value());
        }
        List<Event> all = new ArrayList<>(first);
        all.addAll(later);
        GraphSnapshot merged = build(all, List.of(), Integer.MAX_VALUE, 2);
        int asOf = merged.activity().lastMinute();
        io.learnergraph.analysis.growth.Engagement.Weights w = io.learnergraph.analysis.growth.Engagement.Weights
                .defaults();
        io.learnergraph.analysis.growth.Engagement.Result expected =
                io.learnergraph.analysis.growth.Engagement.compute(merged, asOf, 30, w);
        for (int u = 0; u < USERS; u++) {
            io.learnergraph.analysis.growth.Engagement.UserEngagement live =
                    io.learnergraph.analysis.growth.Engagement.forUser(base, delta.view(), u, asOf, 30, w);
            assertEquals(expected.score()[u], live.score(), 1e-9, "user " + u);
            assertEquals(expected.visitDays()[u], live.visitDays());
            assertEquals(expected.socialReceived()[u], live.socialReceived());
        }
    }

    // ---- helpers

    private static final int USERS = 40;
    private static final int COURSES = 12;

    private static List<Event> events(Random random, int n) {
        String[] social = {"FOLLOWS", "COMMENTED", "LIKED"};
        String[] learning = {"VIEWED", "ENROLLED", "COMPLETED"};
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int from = random.nextInt(USERS);
            long minute = 1_000 + random.nextInt(200_000);
            if (random.nextBoolean()) {
                out.add(new Event(true, from, random.nextInt(COURSES), learning[random.nextInt(3)], minute,
                        random.nextInt(3) == 0 ? Double.NaN : random.nextInt(600)));
            } else {
                int to = (from + 1 + random.nextInt(USERS - 1)) % USERS;
                out.add(new Event(false, from, to, social[random.nextInt(3)], minute, Double.NaN));
            }
        }
        return out;
    }

    /** The snapshot the store would give for these events (users {@code skip} left out). */
    private static GraphSnapshot build(List<Event> events, List<Member> members, int skip, long version) {
        ProjectionBuilder b = new ProjectionBuilder(WEIGHTS);
        for (int u = 0; u < USERS; u++) {
            if (u != skip) {
                b.addUser(1000 + u, "u" + u, "User " + u, "free", 500);
            }
        }
        for (int c = 0; c < COURSES; c++) {
            b.addCourse(c, "c" + c, "Course " + c, "free", 1000 + (c % USERS == skip ? -1 : c % USERS));
        }
        b.addTopic(0, "t0", "Topic");
        for (int c = 0; c < COURSES; c++) {
            b.addCoverage(c, 0, 1.0);
        }
        for (Event e : events) {
            if (e.from() == skip || !e.learning() && e.to() == skip) {
                continue;
            }
            if (e.learning()) {
                b.addLearning(1000 + e.from(), e.to(), e.type(), e.minute(), e.value());
            } else {
                b.addSocial(1000 + e.from(), 1000 + e.to(), e.type(), e.minute());
            }
        }
        for (Member m : members) {
            if (m.user() != skip) {
                b.addMembership(1000 + m.user(), m.tier(), m.minute());
            }
        }
        return b.build(version);
    }

    private static void assertSameGraph(GraphSnapshot expected, GraphSnapshot actual) {
        assertArrayEquals(expected.users().ids(), actual.users().ids());
        assertArrayEquals(expected.users().lastActive(), actual.users().lastActive());
        assertEquals(expected.referenceMinute(), actual.referenceMinute());
        assertArrayEquals(expected.courses().creator(), actual.courses().creator());
        for (String name : List.of("social", "learning", "coverage")) {
            CsrGraph e = name.equals("social") ? expected.social() : name.equals("learning") ? expected.learning()
                    : expected.coverage();
            CsrGraph a = name.equals("social") ? actual.social() : name.equals("learning") ? actual.learning()
                    : actual.coverage();
            assertEquals(e.arcCount(), a.arcCount(), name);
            for (int v = 0; v < e.nodeCount(); v++) {
                assertEquals(e.degree(v), a.degree(v), name + " row " + v);
                for (int i = 0; i < e.degree(v); i++) {
                    int ae = e.start(v) + i;
                    int aa = a.start(v) + i;
                    assertEquals(e.target(ae), a.target(aa), name);
                    assertEquals(e.weight(ae), a.weight(aa), 1e-6, name);
                    assertEquals(e.latest(ae), a.latest(aa), name);
                    assertEquals(labels(e, ae), labels(a, aa), name);
                }
            }
        }
        ActivityLog el = expected.activity();
        ActivityLog al = actual.activity();
        assertEquals(el.eventCount(), al.eventCount());
        for (int u = 0; u < el.userCount(); u++) {
            assertEquals(events(el, u), events(al, u), "activity of user " + u);
            assertEquals(el.tierAt(u, Integer.MAX_VALUE), al.tierAt(u, Integer.MAX_VALUE));
        }
    }

    private static List<String> labels(CsrGraph g, int arc) {
        List<String> out = new ArrayList<>();
        for (String name : g.labelNames()) {
            if ((g.labels(arc) & g.labelBit(name)) != 0) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> events(ActivityLog log, int u) {
        List<String> out = new ArrayList<>();
        for (int e = log.start(u); e < log.end(u); e++) {
            out.add(log.minute(e) + " " + log.typeName(log.type(e)) + " " + log.other(e) + " " + log.value(e));
        }
        String[] sorted = out.toArray(String[]::new);
        Arrays.sort(sorted); // same-minute events may come in another order
        return List.of(sorted);
    }
}
