package io.learnergraph.analysis.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events accepted since a {@link GraphSnapshot} was built, kept beside it so that answers
 * about one user see them at once, without the snapshot being rebuilt or the store re-read:
 * follows and interactions, learning events, membership changes and erasures. The snapshot's
 * dense ids apply; events about nodes it does not have are not deltas (the caller reloads).
 *
 * <p>Append-only: entries are never changed once written, and a reader works on a {@link View},
 * which pins the lengths at the moment it was taken, so one computation sees one state from its
 * first line to its answer. Per user, a singly linked list (newest first) threads that user's
 * events as actor, and another as target; a view skips entries appended after it was taken.
 * Appending and walking a list hold the log's monitor (briefly: a list is one user's delta);
 * reading an entry a view pinned needs no lock, since it never changes. Appending is O(1)
 * amortised; reading one user's delta is O(that user's delta).
 */
public final class DeltaLog {

    /** What an event is: learning on a course, a social interaction, a follow. */
    public enum Kind { LEARNING, SOCIAL, FOLLOW }

    private static final int NONE = -1;

    private final int userCount;
    private final List<String> typeNames = new ArrayList<>();
    // events, columnar
    private int[] from = new int[256];
    private int[] to = new int[256];
    private byte[] kind = new byte[256];
    private byte[] type = new byte[256];
    private int[] minute = new int[256];
    private float[] value = new float[256];
    private int[] nextByActor = new int[256];
    private int[] nextByTarget = new int[256];
    private final int[] headByActor;
    private final int[] headByTarget;
    // membership changes and erasures, in the order they came
    private int[] memberUser = new int[16];
    private int[] memberMinute = new int[16];
    private String[] memberTier = new String[16];
    private int memberSize;
    private int[] erased = new int[16];
    private int erasedSize;
    private int size;

    public DeltaLog(int userCount) {
        this.userCount = userCount;
        headByActor = new int[userCount];
        headByTarget = new int[userCount];
        Arrays.fill(headByActor, NONE);
        Arrays.fill(headByTarget, NONE);
    }

    public int userCount() {
        return userCount;
    }

    /**
     * Appends an event. {@code to} is a course index for learning, a user index otherwise.
     * Not thread-safe: one writer (the change applier).
     */
    public synchronized void add(Kind k, int actor, int target, String relationshipType, int atMinute, float eventValue) {
        int i = size;
        if (i == from.length) {
            grow();
        }
        from[i] = actor;
        to[i] = target;
        kind[i] = (byte) k.ordinal();
        type[i] = typeCode(relationshipType);
        minute[i] = atMinute;
        value[i] = eventValue;
        nextByActor[i] = headByActor[actor];
        headByActor[actor] = i;
        if (k != Kind.LEARNING) {
            nextByTarget[i] = headByTarget[target];
            headByTarget[target] = i;
        } else {
            nextByTarget[i] = NONE;
        }
        size = i + 1;
    }

    /** A membership change: from {@code atMinute} on, {@code user} holds {@code tier}. */
    public synchronized void addMembership(int user, String tier, int atMinute) {
        if (memberSize == memberUser.length) {
            memberUser = Arrays.copyOf(memberUser, memberSize * 2);
            memberMinute = Arrays.copyOf(memberMinute, memberSize * 2);
            memberTier = Arrays.copyOf(memberTier, memberSize * 2);
        }
        memberUser[memberSize] = user;
        memberMinute[memberSize] = atMinute;
        memberTier[memberSize] = tier.intern();
        memberSize++;
    }

    /** The user was erased: from now on every answer leaves them out. */
    public synchronized void erase(int user) {
        if (erasedSize == erased.length) {
            erased = Arrays.copyOf(erased, erasedSize * 2);
        }
        erased[erasedSize++] = user;
    }

    /** Everything appended so far, as one consistent state. */
    public synchronized View view() {
        return new View(this, size, memberSize, erasedSize);
    }

    /** The events of a user's list, newest first, below {@code pinned}. */
    private synchronized int[] walk(int user, boolean asActor, int pinned) {
        int head = asActor ? headByActor[user] : headByTarget[user];
        int[] next = asActor ? nextByActor : nextByTarget;
        int n = 0;
        int[] out = new int[8];
        for (int e = head; e != NONE; e = next[e]) {
            if (e < pinned) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = e;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private byte typeCode(String name) {
        int i = typeNames.indexOf(name);
        if (i < 0) {
            if (typeNames.size() == 127) {
                throw new IllegalStateException("more than 127 relationship types");
            }
            typeNames.add(name);
            i = typeNames.size() - 1;
        }
        return (byte) i;
    }

    private void grow() {
        int cap = from.length * 2;
        // each array is replaced by a longer copy: a reader holding the old one still finds in it
        // every entry below the size it pinned
        from = Arrays.copyOf(from, cap);
        to = Arrays.copyOf(to, cap);
        kind = Arrays.copyOf(kind, cap);
        type = Arrays.copyOf(type, cap);
        minute = Arrays.copyOf(minute, cap);
        value = Arrays.copyOf(value, cap);
        nextByActor = Arrays.copyOf(nextByActor, cap);
        nextByTarget = Arrays.copyOf(nextByTarget, cap);
    }

    /**
     * The log as it was when the view was taken. The arrays are captured with it, so later
     * growth never shows a reader an entry it did not pin.
     */
    public static final class View {
        private final int size;
        private final int memberSize;
        private final int erasedSize;
        private final int[] from;
        private final int[] to;
        private final byte[] kind;
        private final byte[] type;
        private final int[] minute;
        private final float[] value;
        private final DeltaLog log;
        private final String[] typeNames;
        private final int[] memberUser;
        private final int[] memberMinute;
        private final String[] memberTier;
        /** The erased users this view pinned: few (an erasure is merged at once), so a scan. */
        private final int[] erased;

        private View(DeltaLog log, int size, int memberSize, int erasedSize) { // under the log's monitor
            this.size = size;
            this.memberSize = memberSize;
            this.erasedSize = erasedSize;
            this.from = log.from;
            this.to = log.to;
            this.kind = log.kind;
            this.type = log.type;
            this.minute = log.minute;
            this.value = log.value;
            this.log = log;
            this.typeNames = log.typeNames.toArray(String[]::new);
            this.memberUser = log.memberUser;
            this.memberMinute = log.memberMinute;
            this.memberTier = log.memberTier;
            // a view is taken per request: nothing here may cost O(users)
            this.erased = Arrays.copyOf(log.erased, erasedSize);
        }

        /** An empty view over {@code userCount} users. */
        public static View empty(int userCount) {
            return new DeltaLog(userCount).view();
        }

        /** Events in this view. */
        public int size() {
            return size;
        }

        public int erasedCount() {
            return erasedSize;
        }

        public boolean erased(int user) {
            for (int u : erased) {
                if (u == user) {
                    return true;
                }
            }
            return false;
        }

        /** The user's events as actor, newest first. */
        public int[] byActor(int user) {
            return log.walk(user, true, size);
        }

        /** Social events and follows aimed at the user, newest first. */
        public int[] byTarget(int user) {
            return log.walk(user, false, size);
        }

        public int actor(int e) {
            return from[e];
        }

        public int target(int e) {
            return to[e];
        }

        public Kind kind(int e) {
            return Kind.values()[kind[e]];
        }

        public String type(int e) {
            return typeNames[type[e]];
        }

        public int minute(int e) {
            return minute[e];
        }

        public float value(int e) {
            return value[e];
        }

        public int memberChanges() {
            return memberSize;
        }

        public int memberUser(int i) {
            return memberUser[i];
        }

        public int memberMinute(int i) {
            return memberMinute[i];
        }

        public String memberTier(int i) {
            return memberTier[i];
        }

        /** The user's latest delta membership change, or -1. */
        public int latestMembership(int user) {
            int best = -1;
            for (int i = 0; i < memberSize; i++) {
                if (memberUser[i] == user && (best < 0 || memberMinute[i] >= memberMinute[best])) {
                    best = i;
                }
            }
            return best;
        }
    }
}
