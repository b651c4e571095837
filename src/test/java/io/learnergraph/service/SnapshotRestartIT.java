package io.learnergraph.service;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.graph.SnapshotCodec;
import io.learnergraph.ingest.EventIngest;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.store.ChangeFeedStore;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart reads the snapshot saved in the data directory instead of projecting the store, then
 * replays the changes committed after it: the first answer is as current as before the restart.
 * A saved snapshot that is damaged, from other weights or beside another database is not
 * trusted; an erased user is out of the saved copy before the erasure returns.
 */
class SnapshotRestartIT {

    private static final String PREFIX = "learnergraph.";

    @Test
    void aRestartReadsTheSavedSnapshotAndReplaysTheChangesAfterIt() throws Exception {
        Path data = GraphTestSupport.newTempDir("restart");
        Path file = data.resolve("graph.snapshot");
        byte[] projected;
        int followsBefore;
        long position;
        try (ApplicationContext ctx = start(data, Map.of())) {
            ctx.getBean(GraphImporter.class).importDirectory(GraphTestSupport.copyOf(GraphTestSupport.sampleDir()),
                    ImportProgress.NONE);
            SnapshotService snapshots = ctx.getBean(SnapshotService.class);
            GraphSnapshot s = snapshots.current();
            assertEquals(SnapshotService.Origin.STORE, snapshots.origin());
            long loadedAt = snapshots.position();
            awaitSaved(file, loadedAt);
            projected = encode(s);
            int u6 = s.users().indexOf("u6").getAsInt();
            followsBefore = s.social().degree(u6);
            // two events after the save: only the change feed has them
            EventIngest.Result r = ctx.getBean(EventIngest.class).ingest(List.of(
                    Map.of("kind", "follow", "follower_id", "u6", "followee_id", notFollowedBy(s, "u6"),
                            "at", "2026-11-20T10:01:00Z"),
                    Map.of("kind", "learning", "user_id", "u6", "course_id", "c1", "type", "view",
                            "at", "2026-11-20T10:02:00Z")));
            assertEquals(2, r.accepted(), r.toString());
            position = ctx.getBean(ChangeFeedStore.class).latest();
            assertTrue(position > loadedAt);
            assertEquals(loadedAt, savedPosition(file), "a delta is not a reason to save");
        }

        try (ApplicationContext ctx = start(data, Map.of())) {
            SnapshotService snapshots = ctx.getBean(SnapshotService.class);
            LiveView live = snapshots.live();
            assertEquals(SnapshotService.Origin.SAVED, snapshots.origin());
            assertArrayEquals(projected, encode(live.snapshot()), "the saved snapshot is the projected one");
            assertEquals(position, live.feedPosition(), "caught up before the first answer");
            assertEquals(2, live.delta().size(), "the events after the save, replayed once");
            int u6 = live.snapshot().users().indexOf("u6").getAsInt();
            assertEquals(2, live.delta().byActor(u6).length, "one follow and one view by u6");

            // the restored graph with its replayed delta is the graph of the store
            GraphSnapshot merged = snapshots.merge();
            GraphSnapshot reloaded = snapshots.refresh();
            assertEquals(followsBefore + 1, merged.social().degree(u6));
            assertEquals(reloaded.social().degree(u6), merged.social().degree(u6));
            assertEquals(reloaded.activity().eventCount(), merged.activity().eventCount());
            assertEquals(reloaded.learning().arcCount(), merged.learning().arcCount());
            awaitSaved(file, position);
        }

        // a damaged file is detected, deleted and replaced by a projection of the store
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        try (ApplicationContext ctx = start(data, Map.of())) {
            SnapshotService snapshots = ctx.getBean(SnapshotService.class);
            GraphSnapshot s = snapshots.current();
            assertEquals(SnapshotService.Origin.STORE, snapshots.origin());
            assertEquals(followsBefore + 1, s.social().degree(s.users().indexOf("u6").getAsInt()));
            awaitSaved(file, position);
        }

        // other tie strengths project other arrays: the saved file is not theirs
        try (ApplicationContext ctx = start(data, Map.of(PREFIX + "weights.social.follow", "1.5"))) {
            SnapshotService snapshots = ctx.getBean(SnapshotService.class);
            snapshots.current();
            assertEquals(SnapshotService.Origin.STORE, snapshots.origin());
        }
    }

    @Test
    void anErasedUserLeavesTheSavedSnapshotAndAnotherDatabaseIgnoresIt() throws Exception {
        Path data = GraphTestSupport.newTempDir("restart-erase");
        Path file = data.resolve("graph.snapshot");
        try (ApplicationContext ctx = start(data, Map.of())) {
            ctx.getBean(GraphImporter.class).importDirectory(GraphTestSupport.copyOf(GraphTestSupport.sampleDir()),
                    ImportProgress.NONE);
            SnapshotService snapshots = ctx.getBean(SnapshotService.class);
            assertTrue(snapshots.current().users().indexOf("u3").isPresent());
            awaitSaved(file, snapshots.position());

            ctx.getBean(PrivacyService.class).deleteUser("u3");
            assertFalse(Files.exists(file) && savedUsers(file).contains("u3"),
                    "the saved copy no longer names an erased user when the erasure returns");
            long erasedAt = ctx.getBean(ChangeFeedStore.class).latest();
            awaitSaved(file, erasedAt);
            assertFalse(savedUsers(file).contains("u3"));
        }
        try (ApplicationContext ctx = start(data, Map.of())) {
            SnapshotService snapshots = ctx.getBean(SnapshotService.class);
            assertTrue(snapshots.current().users().indexOf("u3").isEmpty());
            assertEquals(SnapshotService.Origin.SAVED, snapshots.origin());
        }

        // the same platform in another database: same users and change numbers, another feed
        Path other = GraphTestSupport.newTempDir("restart-other");
        try (ApplicationContext ctx = start(other, Map.of())) {
            ctx.getBean(GraphImporter.class).importDirectory(GraphTestSupport.copyOf(GraphTestSupport.sampleDir()),
                    ImportProgress.NONE);
        }
        Files.copy(file, other.resolve("graph.snapshot"));
        try (ApplicationContext ctx = start(other, Map.of())) {
            SnapshotService snapshots = ctx.getBean(SnapshotService.class);
            assertTrue(snapshots.current().users().indexOf("u3").isPresent(), "this database still has u3");
            assertEquals(SnapshotService.Origin.STORE, snapshots.origin());
        }
    }

    private static ApplicationContext start(Path data, Map<String, String> extra) {
        Map<String, Object> p = new HashMap<>(Map.of(
                PREFIX + "data-dir", data.toString(),
                PREFIX + "neo4j.bolt-port", "0",
                PREFIX + "demo.load-when-empty", "false",
                PREFIX + "analytics.write-back-on-refresh", "false",
                PREFIX + "churn.write-back", "false",
                // deltas stay deltas unless the test merges
                PREFIX + "live.merge-share", "1",
                PREFIX + "live.merge-after-seconds", "3600"));
        p.putAll(extra);
        return ApplicationContext.builder().deduceEnvironment(false).properties(p).start();
    }

    private static String notFollowedBy(GraphSnapshot s, String user) {
        int u = s.users().indexOf(user).getAsInt();
        for (int v = 0; v < s.users().count(); v++) {
            if (v != u && s.social().findArc(u, v) < 0) {
                return s.users().ids()[v];
            }
        }
        throw new AssertionError(user + " follows everyone");
    }

    private static byte[] encode(GraphSnapshot s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotCodec.write(Channels.newChannel(out), new SnapshotCodec.Header(new byte[0], "", 0), s);
        return out.toByteArray();
    }

    /** The feed position of the saved file, or -1 while there is none. */
    private static long savedPosition(Path file) throws IOException {
        if (!Files.exists(file)) {
            return -1;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return SnapshotCodec.open(in).header().position();
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
    }

    private static List<String> savedUsers(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return List.of(SnapshotCodec.open(in).read(0).users().ids());
        }
    }

    private static void awaitSaved(Path file, long position) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (savedPosition(file) != position) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no snapshot saved at change " + position + " in " + file + " (found "
                        + savedPosition(file) + ")");
            }
            Thread.sleep(50);
        }
    }
}
