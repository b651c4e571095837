package io.learnergraph.analysis.graph;

import java.util.Arrays;

/**
 * Every event of every user as it happened, for the analyses that ask "as of when": churn
 * features at a cutoff, engagement windows, funnels, cohorts. The CSR graphs aggregate events
 * per pair (and decay them); this log keeps each one: per acting user, in time order, the
 * minute, the relationship type, the other end (a course index for learning events, a user
 * index for social ones) and the value (seconds, stars or amount; NaN when absent). 13 bytes
 * per event. Undated events carry {@link #NO_MINUTE}, sort first, and count as "at some unknown
 * time before any cutoff" (structure, never activity in a window).
 *
 * <p>Membership changes ({@code SUBSCRIBED}) are kept separately, per user in time order.
 * "Activity" is every event but {@code FOLLOWS}: following someone is structure, not use, the
 * same rule as {@link GraphSnapshot.Users#lastActive()}.
 */
public final class ActivityLog {

    public static final int NO_MINUTE = CsrGraph.NO_MINUTE;
    public static final String FOLLOWS = "FOLLOWS";

    private final int userCount;
    private final String[] typeNames;
    private final boolean[] learningType;
    private final boolean[] activityType;
    private final int[] offsets;
    private final int[] minute;
    private final byte[] type;
    private final int[] other;
    private final float[] value;
    private final int[] memberOffsets;
    private final int[] memberMinute;
    private final String[] memberTier;
    private final int firstMinute;
    private final int lastMinute;
    private volatile Received received;

    ActivityLog(int userCount, String[] typeNames, boolean[] learningType, int[] offsets, int[] minute, byte[] type,
                int[] other, float[] value, int[] memberOffsets, int[] memberMinute, String[] memberTier) {
        this.userCount = userCount;
        this.typeNames = typeNames;
        this.learningType = learningType;
        this.activityType = new boolean[typeNames.length];
        for (int t = 0; t < typeNames.length; t++) {
            activityType[t] = !FOLLOWS.equals(typeNames[t]);
        }
        this.offsets = offsets;
        this.minute = minute;
        this.type = type;
        this.other = other;
        this.value = value;
        this.memberOffsets = memberOffsets;
        this.memberMinute = memberMinute;
        this.memberTier = memberTier;
        int first = Integer.MAX_VALUE;
        int last = NO_MINUTE;
        for (int m : minute) {
            if (m != NO_MINUTE) {
                first = Math.min(first, m);
                last = Math.max(last, m);
            }
        }
        this.firstMinute = last == NO_MINUTE ? NO_MINUTE : first;
        this.lastMinute = last;
    }

    /** The earliest dated event, or {@link #NO_MINUTE} when no event has a time. */
    public int firstMinute() {
        return firstMinute;
    }

    /** The latest dated event, or {@link #NO_MINUTE}. */
    public int lastMinute() {
        return lastMinute;
    }

    public int userCount() {
        return userCount;
    }

    public int eventCount() {
        return minute.length;
    }

    /** Events of user {@code u} are {@code start(u) .. end(u)-1}, oldest first. */
    public int start(int u) {
        return offsets[u];
    }

    public int end(int u) {
        return offsets[u + 1];
    }

    /** The user who acted in event {@code e}: O(log n), a binary search over the users' offsets. */
    public int actor(int e) {
        if (e < 0 || e >= minute.length) {
            throw new IndexOutOfBoundsException("event " + e + " of " + minute.length);
        }
        int lo = 0;
        int hi = userCount - 1;
        while (lo < hi) { // the last user whose events start at or before e
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= e) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public int minute(int e) {
        return minute[e];
    }

    public int type(int e) {
        return type[e];
    }

    /** The course (learning event) or user (social event) at the other end. */
    public int other(int e) {
        return other[e];
    }

    /** Seconds (view, progress), stars (rate), amount (purchase); NaN when the event has none. */
    public float value(int e) {
        return value[e];
    }

    public boolean isLearning(int e) {
        return learningType[type[e]];
    }

    public boolean isActivity(int e) {
        return activityType[type[e]];
    }

    /** Type codes run 0 .. typeCount() - 1. */
    public int typeCount() {
        return typeNames.length;
    }

    /** Whether events of this type are learning events (on a course). */
    public boolean isLearningType(int typeCode) {
        return learningType[typeCode];
    }

    public String typeName(int typeCode) {
        return typeNames[typeCode];
    }

    /** The code of a relationship type in {@link #type(int)}, or -1 when no event has it. */
    public int typeCode(String name) {
        for (int t = 0; t < typeNames.length; t++) {
            if (typeNames[t].equals(name)) {
                return t;
            }
        }
        return -1;
    }

    /** Index of the first event of {@code u} after {@code t} (events at or before t come before it). */
    public int firstAfter(int u, int t) {
        int lo = offsets[u];
        int hi = offsets[u + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (minute[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of u's first event at or after minute t (events are in time order per user). */
    public int firstAtOrAfter(int u, int t) {
        return t == Integer.MIN_VALUE ? offsets[u] : firstAfter(u, t - 1);
    }

    /** Minute of u's earliest dated event (of any type), or {@link #NO_MINUTE}. */
    public int firstDated(int u) {
        for (int e = offsets[u]; e < offsets[u + 1]; e++) {
            if (minute[e] != NO_MINUTE) {
                return minute[e];
            }
        }
        return NO_MINUTE;
    }

    /** Minute of u's latest activity at or before {@code t}, or {@link #NO_MINUTE}. */
    public int lastActivity(int u, int t) {
        for (int e = firstAfter(u, t) - 1; e >= offsets[u] && minute[e] != NO_MINUTE; e--) {
            if (activityType[type[e]]) {
                return minute[e];
            }
        }
        return NO_MINUTE;
    }

    /** Activity events of u in the window {@code (from, to]}. */
    public int activityBetween(int u, int from, int to) {
        int n = 0;
        for (int e = firstAfter(u, from), end = firstAfter(u, to); e < end; e++) {
            if (activityType[type[e]]) {
                n++;
            }
        }
        return n;
    }

    /** Whether u had any activity in {@code (from, to]}. */
    public boolean activeBetween(int u, int from, int to) {
        int last = lastActivity(u, to);
        return last != NO_MINUTE && last > from;
    }

    /** The tier u held at minute t by the membership history, or null when it says nothing yet. */
    public String tierAt(int u, int t) {
        String tier = null;
        for (int i = memberOffsets[u]; i < memberOffsets[u + 1] && memberMinute[i] <= t; i++) {
            tier = memberTier[i];
        }
        return tier;
    }

    /** Membership changes of u: indexes {@code memberStart(u) .. memberEnd(u)-1}, oldest first. */
    public int memberStart(int u) {
        return memberOffsets[u];
    }

    public int memberEnd(int u) {
        return memberOffsets[u + 1];
    }

    public int memberMinute(int i) {
        return memberMinute[i];
    }

    public String memberTier(int i) {
        return memberTier[i];
    }

    /** Social events by the user they were aimed at: {@code receivedEvents(u)} are event indexes, oldest first. */
    public Received received() {
        Received r = received;
        if (r == null) {
            synchronized (this) {
                r = received;
                if (r == null) {
                    r = received = new Received(this);
                }
            }
        }
        return r;
    }

    /** Bytes held by the log's arrays. */
    public long bytes() {
        return 4L * offsets.length + 13L * minute.length + 4L * memberOffsets.length + 12L * memberMinute.length;
    }

    void writeTo(SnapshotCodec.Out out) throws java.io.IOException {
        out.intValue(userCount);
        out.strings(typeNames);
        out.booleans(learningType);
        out.ints(offsets);
        out.ints(minute);
        out.byteArray(type);
        out.ints(other);
        out.floats(value);
        out.ints(memberOffsets);
        out.ints(memberMinute);
        out.strings(memberTier);
    }

    static ActivityLog readFrom(SnapshotCodec.In in) throws java.io.IOException {
        int users = in.intValue();
        String[] typeNames = in.strings();
        boolean[] learning = in.booleans();
        int[] offsets = in.ints();
        int[] minute = in.ints();
        byte[] type = in.byteArray();
        int[] other = in.ints();
        float[] value = in.floats();
        int[] memberOffsets = in.ints();
        int[] memberMinute = in.ints();
        String[] memberTier = SnapshotCodec.shared(in.strings());
        if (users < 0 || typeNames == null || learning.length != typeNames.length || offsets == null
                || offsets.length != users + 1 || minute == null || offsets[users] != minute.length
                || type.length != minute.length || other == null || other.length != minute.length
                || value.length != minute.length || memberOffsets == null || memberOffsets.length != users + 1
                || memberMinute == null || memberTier == null || memberMinute.length != memberTier.length
                || memberOffsets[users] != memberMinute.length) {
            throw new SnapshotCodec.Corrupt("the activity log's arrays disagree in length");
        }
        return new ActivityLog(users, typeNames, learning, offsets, minute, type, other, value, memberOffsets,
                memberMinute, memberTier);
    }

    /**
     * Incoming social events per user, with who sent each, built on first use (8 bytes per social
     * event): the explorer reads a hub's hundred thousand senders without a search per event.
     */
    public static final class Received {
        private final int[] offsets;
        private final int[] events;
        private final int[] actors;

        private Received(ActivityLog log) {
            offsets = new int[log.userCount + 1];
            int m = 0;
            for (int e = 0; e < log.minute.length; e++) {
                if (!log.learningType[log.type[e]]) {
                    offsets[log.other[e] + 1]++;
                    m++;
                }
            }
            for (int u = 0; u < log.userCount; u++) {
                offsets[u + 1] += offsets[u];
            }
            events = new int[m];
            actors = new int[m];
            int[] fill = Arrays.copyOf(offsets, log.userCount);
            // events are visited actor by actor; a stable sort by minute per target keeps time order
            for (int u = 0; u < log.userCount; u++) {
                for (int e = log.offsets[u]; e < log.offsets[u + 1]; e++) {
                    if (!log.learningType[log.type[e]]) {
                        int at = fill[log.other[e]]++;
                        events[at] = e;
                        actors[at] = u;
                    }
                }
            }
            for (int u = 0; u < log.userCount; u++) {
                sortByMinuteCarrying(events, actors, offsets[u], offsets[u + 1], log.minute);
            }
        }

        /** Who sent the {@code i}-th received event (as {@link #event(int)} numbers them). */
        public int actor(int i) {
            return actors[i];
        }

        public int start(int u) {
            return offsets[u];
        }

        public int end(int u) {
            return offsets[u + 1];
        }

        public int event(int i) {
            return events[i];
        }
    }

    private static void sortByMinute(int[] ids, int from, int to, int[] minute) {
        sortByMinuteCarrying(ids, null, from, to, minute);
    }

    /**
     * Sorts {@code ids[from..to)} by minute, stably (they arrive in id order), moving
     * {@code carried} (if not null) along with them.
     */
    private static void sortByMinuteCarrying(int[] ids, int[] carried, int from, int to, int[] minute) {
        boolean sorted = true;
        for (int i = from + 1; i < to && sorted; i++) {
            sorted = minute[ids[i - 1]] <= minute[ids[i]];
        }
        if (sorted) {
            return;
        }
        long[] keys = new long[to - from];
        for (int i = from; i < to; i++) {
            keys[i - from] = ((long) minute[ids[i]] << 32) | (i - from);
        }
        Arrays.sort(keys);
        int[] idsBefore = Arrays.copyOfRange(ids, from, to);
        int[] carriedBefore = carried == null ? null : Arrays.copyOfRange(carried, from, to);
        for (int i = from; i < to; i++) {
            int was = (int) keys[i - from];
            ids[i] = idsBefore[was];
            if (carried != null) {
                carried[i] = carriedBefore[was];
            }
        }
    }

    /** One batch of events as parallel arrays (the builder's buffers); {@code values} may be null. */
    record Events(int size, int[] from, int[] to, byte[] types, long[] minutes, float[] values) {
    }

    /**
     * Assembles a log from events in any order: counting sort by user, then by minute within each
     * user (stable, so same-minute events keep their arrival order). O(m log d) for m events and
     * per-user counts d; slices already in order (the usual case from the store) are not re-sorted.
     */
    static ActivityLog of(int userCount, String[] typeNames, boolean[] learningType, Events[] batches,
                          int memberSize, int[] memberUser, long[] memberMinutes, String[] memberTiers) {
        long total = 0;
        for (Events b : batches) {
            total += b.size();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than 2^31 events: " + total);
        }
        int size = (int) total;
        int[] offsets = new int[userCount + 1];
        for (Events b : batches) {
            for (int i = 0; i < b.size(); i++) {
                offsets[b.from()[i] + 1]++;
            }
        }
        for (int u = 0; u < userCount; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] order = new int[size];
        int[] sortMinute = new int[size];
        int[] fill = Arrays.copyOf(offsets, userCount);
        int base = 0;
        for (Events b : batches) {
            for (int i = 0; i < b.size(); i++) {
                order[fill[b.from()[i]]++] = base + i;
                sortMinute[base + i] = toMinute(b.minutes()[i]);
            }
            base += b.size();
        }
        for (int u = 0; u < userCount; u++) {
            sortByMinute(order, offsets[u], offsets[u + 1], sortMinute);
        }
        int[] minute = new int[size];
        byte[] type = new byte[size];
        int[] other = new int[size];
        float[] value = new float[size];
        int[] starts = new int[batches.length + 1];
        for (int k = 0; k < batches.length; k++) {
            starts[k + 1] = starts[k] + batches[k].size();
        }
        for (int k = 0; k < size; k++) {
            int g = order[k];
            int bi = 0;
            while (g >= starts[bi + 1]) {
                bi++;
            }
            Events b = batches[bi];
            int i = g - starts[bi];
            minute[k] = sortMinute[g];
            type[k] = b.types()[i];
            other[k] = b.to()[i];
            value[k] = b.values() == null ? Float.NaN : b.values()[i];
        }
        int[] mOffsets = new int[userCount + 1];
        for (int i = 0; i < memberSize; i++) {
            mOffsets[memberUser[i] + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            mOffsets[u + 1] += mOffsets[u];
        }
        int[] mOrder = new int[memberSize];
        int[] mFill = Arrays.copyOf(mOffsets, userCount);
        int[] mSortMinute = new int[memberSize];
        for (int i = 0; i < memberSize; i++) {
            mOrder[mFill[memberUser[i]]++] = i;
            mSortMinute[i] = toMinute(memberMinutes[i]);
        }
        for (int u = 0; u < userCount; u++) {
            sortByMinute(mOrder, mOffsets[u], mOffsets[u + 1], mSortMinute);
        }
        int[] mMinute = new int[memberSize];
        String[] mTier = new String[memberSize];
        for (int k = 0; k < memberSize; k++) {
            mMinute[k] = mSortMinute[mOrder[k]];
            mTier[k] = memberTiers[mOrder[k]];
        }
        return new ActivityLog(userCount, typeNames, learningType, offsets, minute, type, other, value, mOffsets,
                mMinute, mTier);
    }

    private static int toMinute(long m) {
        return m == GraphSnapshot.NO_TIME ? NO_MINUTE : (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, m));
    }
}
