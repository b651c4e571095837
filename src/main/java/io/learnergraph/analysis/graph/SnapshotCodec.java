package io.learnergraph.analysis.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A compact binary form of a {@link GraphSnapshot}, so that a restart reads its arrays back
 * instead of re-projecting the store: the CSR arrays and the activity log are written as they
 * are in memory, the strings once each as UTF-8. O(size) both ways, a bulk copy per array.
 *
 * <p>Layout: an 8-byte magic with the format number, a {@link Header} the caller checks before
 * anything else is read (which code and which database wrote it, and the change-feed position the
 * snapshot reflects), the snapshot, then a CRC-32C of every byte before it. A file that ends early
 * or whose checksum does not match is {@link Corrupt}; nothing of it is returned.
 */
public final class SnapshotCodec {

    /** Bumped whenever the layout below changes. */
    static final int FORMAT = 1;
    private static final byte[] MAGIC = "LGSNAP".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 20;

    private SnapshotCodec() {
    }

    /**
     * What a snapshot file says of itself before its body is read.
     *
     * @param fingerprint  the code and settings that built the snapshot (compared, never interpreted)
     * @param feedIdentity the change feed (hence database) the snapshot was projected from
     * @param position     the feed position every change up to which the snapshot contains
     */
    public record Header(byte[] fingerprint, String feedIdentity, long position) {
        public Header {
            fingerprint = fingerprint.clone();
        }

        public boolean sameOrigin(byte[] otherFingerprint, String otherFeed) {
            return Arrays.equals(fingerprint, otherFingerprint) && feedIdentity.equals(otherFeed);
        }
    }

    /** The bytes are not a whole snapshot of this format: truncated, damaged or of another layout. */
    public static final class Corrupt extends IOException {
        Corrupt(String message) {
            super(message);
        }
    }

    /** Writes {@code header} and {@code s} to {@code out} (which the caller opens, forces and closes). */
    public static void write(WritableByteChannel out, Header header, GraphSnapshot s) throws IOException {
        Out o = new Out(out);
        o.bytes(MAGIC);
        o.shortValue(FORMAT);
        o.byteArray(header.fingerprint());
        o.string(header.feedIdentity());
        o.longValue(header.position());
        o.longValue(s.referenceMinute());
        GraphSnapshot.Users u = s.users();
        o.strings(u.ids());
        o.strings(u.names());
        o.strings(u.tiers());
        o.longs(u.joinedMinute());
        o.longs(u.lastActive());
        o.longs(u.storeIds());
        GraphSnapshot.Courses c = s.courses();
        o.strings(c.ids());
        o.strings(c.titles());
        o.strings(c.tiers());
        o.ints(c.creator());
        o.strings(s.topics().ids());
        o.strings(s.topics().names());
        for (CsrGraph g : new CsrGraph[]{s.social(), s.socialUndirected(), s.learning(), s.learners(), s.coverage(),
                s.prerequisites()}) {
            g.writeTo(o);
        }
        s.activity().writeTo(o);
        o.finish();
    }

    /** Reads what a file says of itself; the body is read only if the caller then asks for it. */
    public static Reader open(ReadableByteChannel in) throws IOException {
        In i = new In(in);
        byte[] magic = i.bytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new Corrupt("not a LearnerGraph snapshot (no magic number)");
        }
        int format = i.shortValue();
        if (format != FORMAT) {
            throw new Corrupt("snapshot format " + format + ", this code reads " + FORMAT);
        }
        Header h = new Header(i.byteArray(), i.string(), i.longValue());
        return new Reader(i, h);
    }

    /** An opened snapshot file: its header, and its body on demand. */
    public static final class Reader {
        private final In in;
        private final Header header;

        private Reader(In in, Header header) {
            this.in = in;
            this.header = header;
        }

        public Header header() {
            return header;
        }

        /** The snapshot, numbered {@code version}, after its checksum was verified. */
        public GraphSnapshot read(long version) throws IOException {
            long referenceMinute = in.longValue();
            String[] ids = in.strings();
            GraphSnapshot.Users users = new GraphSnapshot.Users(ids, in.strings(), shared(in.strings()), in.longs(), in.longs(),
                    in.longs(), GraphSnapshot.indexOf(ids));
            String[] courseIds = in.strings();
            GraphSnapshot.Courses courses = new GraphSnapshot.Courses(courseIds, in.strings(), shared(in.strings()), in.ints(),
                    GraphSnapshot.indexOf(courseIds));
            String[] topicIds = in.strings();
            GraphSnapshot.Topics topics = new GraphSnapshot.Topics(topicIds, in.strings(), GraphSnapshot.indexOf(topicIds));
            CsrGraph social = CsrGraph.readFrom(in);
            CsrGraph undirected = CsrGraph.readFrom(in);
            CsrGraph learning = CsrGraph.readFrom(in);
            CsrGraph learners = CsrGraph.readFrom(in);
            CsrGraph coverage = CsrGraph.readFrom(in);
            CsrGraph prerequisites = CsrGraph.readFrom(in);
            ActivityLog activity = ActivityLog.readFrom(in);
            in.verify();
            if (users.ids().length != users.names().length || social.nodeCount() != ids.length
                    || learning.nodeCount() != ids.length || learning.columnCount() != courseIds.length
                    || activity.userCount() != ids.length || coverage.columnCount() != topicIds.length) {
                throw new Corrupt("snapshot arrays disagree on the number of users, courses or topics");
            }
            return new GraphSnapshot(version, referenceMinute, users, courses, topics, social, undirected, learning,
                    learners, coverage, prerequisites, activity);
        }
    }

    /** One instance per distinct value (a few tier names repeated for every user). */
    static String[] shared(String[] a) {
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (int i = 0; a != null && i < a.length; i++) {
            if (a[i] != null) {
                a[i] = seen.computeIfAbsent(a[i], v -> v);
            }
        }
        return a;
    }

    /** Buffered, checksummed output of primitives and whole arrays. */
    static final class Out {
        private final WritableByteChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        private final CRC32C crc = new CRC32C();

        Out(WritableByteChannel channel) {
            this.channel = channel;
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        private void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            buf.clear();
        }

        void finish() throws IOException {
            flush();
            buf.putLong(crc.getValue()).flip();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            buf.clear();
        }

        void bytes(byte[] b) throws IOException {
            for (int off = 0; off < b.length; ) {
                room(1);
                int n = Math.min(buf.remaining(), b.length - off);
                buf.put(b, off, n);
                off += n;
            }
        }

        void shortValue(int v) throws IOException {
            room(2);
            buf.putShort((short) v);
        }

        void intValue(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void longValue(long v) throws IOException {
            room(8);
            buf.putLong(v);
        }

        void booleanValue(boolean v) throws IOException {
            room(1);
            buf.put((byte) (v ? 1 : 0));
        }

        void byteArray(byte[] b) throws IOException {
            intValue(b.length);
            bytes(b);
        }

        /** Null stays null. */
        void ints(int[] a) throws IOException {
            intValue(a == null ? -1 : a.length);
            for (int off = 0; a != null && off < a.length; ) {
                room(4);
                int n = Math.min(buf.remaining() / 4, a.length - off);
                buf.asIntBuffer().put(a, off, n);
                buf.position(buf.position() + 4 * n);
                off += n;
            }
        }

        void floats(float[] a) throws IOException {
            intValue(a.length);
            for (int off = 0; off < a.length; ) {
                room(4);
                int n = Math.min(buf.remaining() / 4, a.length - off);
                buf.asFloatBuffer().put(a, off, n);
                buf.position(buf.position() + 4 * n);
                off += n;
            }
        }

        void longs(long[] a) throws IOException {
            intValue(a.length);
            for (int off = 0; off < a.length; ) {
                room(8);
                int n = Math.min(buf.remaining() / 8, a.length - off);
                buf.asLongBuffer().put(a, off, n);
                buf.position(buf.position() + 8 * n);
                off += n;
            }
        }

        void booleans(boolean[] a) throws IOException {
            intValue(a.length);
            for (boolean b : a) {
                booleanValue(b);
            }
        }

        void string(String s) throws IOException {
            if (s == null) {
                intValue(-1);
                return;
            }
            byteArray(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Null stays null, and so does each null element. */
        void strings(String[] a) throws IOException {
            intValue(a == null ? -1 : a.length);
            if (a != null) {
                for (String s : a) {
                    string(s);
                }
            }
        }
    }

    /** The reading side of {@link Out}: every byte is checksummed as it is consumed. */
    static final class In {
        private final ReadableByteChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        private final CRC32C crc = new CRC32C();
        /** Bytes left in the file when its size is known: a damaged length cannot allocate more. */
        private long left;

        In(ReadableByteChannel channel) throws IOException {
            this.channel = channel;
            this.left = channel instanceof SeekableByteChannel f ? f.size() - f.position() : Long.MAX_VALUE;
            buf.flip();
        }

        /** At least {@code n} (≤ buffer) bytes are buffered; the consumed ones are checksummed. */
        private void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            buf.compact();
            while (buf.position() < n) {
                if (channel.read(buf) < 0) {
                    throw new Corrupt("the snapshot ends early");
                }
            }
            buf.flip();
        }

        private void consumed(int from) {
            left -= buf.position() - from;
            ByteBuffer d = buf.duplicate();
            d.position(from).limit(buf.position());
            crc.update(d);
        }

        void verify() throws IOException {
            long expected = crc.getValue();
            need(8);
            long stored = buf.getLong();
            if (stored != expected) {
                throw new Corrupt("the snapshot's checksum does not match its contents");
            }
            if (buf.hasRemaining() || channel.read(ByteBuffer.allocate(1)) > 0) {
                throw new Corrupt("bytes after the snapshot's checksum");
            }
        }

        byte[] bytes(int len) throws IOException {
            byte[] b = new byte[len];
            for (int off = 0; off < len; ) {
                need(1);
                int n = Math.min(buf.remaining(), len - off);
                int p = buf.position();
                buf.get(b, off, n);
                consumed(p);
                off += n;
            }
            return b;
        }

        int shortValue() throws IOException {
            need(2);
            int p = buf.position();
            short v = buf.getShort();
            consumed(p);
            return v;
        }

        int intValue() throws IOException {
            need(4);
            int p = buf.position();
            int v = buf.getInt();
            consumed(p);
            return v;
        }

        long longValue() throws IOException {
            need(8);
            int p = buf.position();
            long v = buf.getLong();
            consumed(p);
            return v;
        }

        boolean booleanValue() throws IOException {
            need(1);
            int p = buf.position();
            byte v = buf.get();
            consumed(p);
            return v != 0;
        }

        /** An array's length, checked against what is left of the file at {@code width} bytes an element. */
        private int length(boolean nullable, int width) throws IOException {
            int n = intValue();
            if (n < (nullable ? -1 : 0) || (long) n * width > left) {
                throw new Corrupt("impossible array length " + n);
            }
            return n;
        }

        byte[] byteArray() throws IOException {
            return bytes(length(false, 1));
        }

        int[] ints() throws IOException {
            int len = length(true, 4);
            if (len < 0) {
                return null;
            }
            int[] a = new int[len];
            for (int off = 0; off < len; ) {
                need(4);
                int n = Math.min(buf.remaining() / 4, len - off);
                int p = buf.position();
                buf.asIntBuffer().get(a, off, n);
                buf.position(p + 4 * n);
                consumed(p);
                off += n;
            }
            return a;
        }

        float[] floats() throws IOException {
            int len = length(false, 4);
            float[] a = new float[len];
            for (int off = 0; off < len; ) {
                need(4);
                int n = Math.min(buf.remaining() / 4, len - off);
                int p = buf.position();
                buf.asFloatBuffer().get(a, off, n);
                buf.position(p + 4 * n);
                consumed(p);
                off += n;
            }
            return a;
        }

        long[] longs() throws IOException {
            int len = length(false, 8);
            long[] a = new long[len];
            for (int off = 0; off < len; ) {
                need(8);
                int n = Math.min(buf.remaining() / 8, len - off);
                int p = buf.position();
                buf.asLongBuffer().get(a, off, n);
                buf.position(p + 8 * n);
                consumed(p);
                off += n;
            }
            return a;
        }

        boolean[] booleans() throws IOException {
            boolean[] a = new boolean[length(false, 1)];
            for (int i = 0; i < a.length; i++) {
                a[i] = booleanValue();
            }
            return a;
        }

        String string() throws IOException {
            int len = length(true, 1);
            return len < 0 ? null : new String(bytes(len), StandardCharsets.UTF_8);
        }

        String[] strings() throws IOException {
            int len = length(true, 4);
            if (len < 0) {
                return null;
            }
            String[] a = new String[len];
            for (int i = 0; i < len; i++) {
                a[i] = string();
            }
            return a;
        }
    }
}
