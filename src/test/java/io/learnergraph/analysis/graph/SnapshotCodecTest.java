package io.learnergraph.analysis.graph;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saved form of a snapshot: read back, it is the same snapshot (every array, written again,
 * gives the same bytes); a file with any byte changed, cut short or with bytes after its end is
 * rejected as corrupt, never half-read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotCodecTest {

    private static final ProjectionWeights WEIGHTS = new ProjectionWeights(Map.of("FOLLOWS", 1.0, "COMMENTED", 2.0,
            "LIKED", 0.5, "VIEWED", 0.2, "ENROLLED", 1.0, "COMPLETED", 2.0), 30);
    private static final byte[] FINGERPRINT = {1, 2, 3, 4, 5};

    @TempDir
    Path dir;
    private GraphSnapshot snapshot;
    private byte[] bytes;

    @BeforeAll
    void build() throws IOException {
        Random random = new Random(11);
        ProjectionBuilder b = new ProjectionBuilder(WEIGHTS);
        int users = 60;
        int courses = 15;
        for (int u = 0; u < users; u++) {
            // a missing name, a name outside ASCII, a user without a tier
            b.addUser(100 + u, "u" + u, u == 3 ? null : u == 4 ? "Zoë Ş. 学习者" : "User " + u,
                    u == 5 ? null : u % 3 == 0 ? "vip" : "free", u == 6 ? GraphSnapshot.NO_TIME : 1_000 + u);
        }
        for (int c = 0; c < courses; c++) {
            b.addCourse(c, "c" + c, "Course " + c, c % 2 == 0 ? "free" : "premium", c == 0 ? -1 : 100 + c);
        }
        for (int t = 0; t < 4; t++) {
            b.addTopic(500 + t, "t" + t, "Topic " + t);
        }
        b.addPrerequisite(501, 500);
        b.addPrerequisite(502, 501);
        for (int c = 0; c < courses; c++) {
            b.addCoverage(c, 500 + c % 4, 0.5 + c % 3);
        }
        String[] social = {"FOLLOWS", "COMMENTED", "LIKED"};
        String[] learning = {"VIEWED", "ENROLLED", "COMPLETED"};
        for (int i = 0; i < 2_000; i++) {
            int from = random.nextInt(users);
            long minute = i % 50 == 0 ? GraphSnapshot.NO_TIME : 10_000 + random.nextInt(100_000);
            if (random.nextBoolean()) {
                b.addLearning(100 + from, random.nextInt(courses), learning[random.nextInt(3)], minute,
                        random.nextInt(4) == 0 ? Double.NaN : random.nextInt(500));
            } else {
                b.addSocial(100 + from, 100 + (from + 1 + random.nextInt(users - 1)) % users,
                        social[random.nextInt(3)], minute);
            }
        }
        b.addMembership(107, "premium", 20_000);
        b.addMembership(107, "vip", 30_000);
        snapshot = b.build(9);
        bytes = encode(snapshot, new SnapshotCodec.Header(FINGERPRINT, "feed-1", 42));
    }

    @Test
    void aSnapshotReadBackIsTheSameSnapshot() throws IOException {
        SnapshotCodec.Reader reader = SnapshotCodec.open(channel(bytes));
        assertArrayEquals(FINGERPRINT, reader.header().fingerprint());
        assertEquals("feed-1", reader.header().feedIdentity());
        assertEquals(42, reader.header().position());
        assertTrue(reader.header().sameOrigin(FINGERPRINT, "feed-1"));
        assertTrue(!reader.header().sameOrigin(new byte[]{1, 2, 3, 4, 6}, "feed-1"));
        assertTrue(!reader.header().sameOrigin(FINGERPRINT, "feed-2"));

        GraphSnapshot back = reader.read(17);
        assertEquals(17, back.version(), "a snapshot read back takes the version it is given");
        // every array is written: equal bytes on the second write mean equal arrays
        assertArrayEquals(bytes, encode(back, reader.header()));
        assertEquals(snapshot.graphBytes(), back.graphBytes());
        assertEquals(4, back.users().indexOf("u4").getAsInt());
        assertEquals("Zoë Ş. 学习者", back.users().names()[4]);
        assertEquals(null, back.users().names()[3]);
        assertEquals(null, back.users().tiers()[5]);
        assertEquals(GraphSnapshot.NO_TIME, back.users().joinedMinute()[6]);
        assertSame(back.users().tiers()[0], back.users().tiers()[3], "tier names are shared, not one per user");
        assertEquals("vip", back.activity().tierAt(7, Integer.MAX_VALUE));
        assertEquals(snapshot.activity().eventCount(), back.activity().eventCount());
        assertEquals(1, back.prerequisites().degree(back.topics().indexOf("t1").getAsInt()));
        int u = 12;
        for (int e = snapshot.activity().start(u); e < snapshot.activity().end(u); e++) {
            assertEquals(snapshot.activity().minute(e), back.activity().minute(e));
            assertEquals(snapshot.activity().typeName(snapshot.activity().type(e)),
                    back.activity().typeName(back.activity().type(e)));
            assertEquals(snapshot.activity().value(e), back.activity().value(e), 0.0);
        }
    }

    @Test
    void anyChangedByteIsCaught() throws IOException {
        int checked = 0;
        for (int i = 0; i < bytes.length; i += i < 256 ? 1 : 97) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            Path f = file(damaged);
            int at = i;
            assertThrows(SnapshotCodec.Corrupt.class, () -> readWhole(f), () -> "byte " + at + " changed");
            checked++;
        }
        assertTrue(checked > 300);
    }

    @Test
    void aShortOrOverlongFileIsCaught() throws IOException {
        for (int len : new int[]{0, 5, 8, 40, bytes.length / 2, bytes.length - 8, bytes.length - 1}) {
            Path f = file(Arrays.copyOf(bytes, len));
            assertThrows(SnapshotCodec.Corrupt.class, () -> readWhole(f), () -> len + " bytes of " + bytes.length);
        }
        Path longer = file(Arrays.copyOf(bytes, bytes.length + 3));
        assertThrows(SnapshotCodec.Corrupt.class, () -> readWhole(longer));
    }

    @Test
    void aFileOfAnotherFormatIsNotRead() throws IOException {
        byte[] other = bytes.clone();
        other[7] = (byte) (SnapshotCodec.FORMAT + 1);
        SnapshotCodec.Corrupt e = assertThrows(SnapshotCodec.Corrupt.class, () -> readWhole(file(other)));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
        byte[] notOurs = "PK\u0003\u0004 this is a zip file".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThrows(SnapshotCodec.Corrupt.class, () -> readWhole(file(notOurs)));
    }

    private static byte[] encode(GraphSnapshot s, SnapshotCodec.Header h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotCodec.write(Channels.newChannel(out), h, s);
        return out.toByteArray();
    }

    private FileChannel channel(byte[] content) throws IOException {
        return FileChannel.open(file(content), StandardOpenOption.READ);
    }

    private Path file(byte[] content) throws IOException {
        Path f = Files.createTempFile(dir, "snapshot", ".bin");
        Files.write(f, content);
        return f;
    }

    private static void readWhole(Path f) throws IOException {
        try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
            SnapshotCodec.open(in).read(1);
        }
    }
}
