package io.learnergraph.analysis.graph;

/**
 * What one computation reads, pinned from its first line to its answer: a snapshot, the delta
 * of events applied to it since it was built (as one consistent state), and the change-feed
 * position both reflect.
 *
 * @param feedPosition the number of the last change of the feed this view contains
 */
public record LiveView(GraphSnapshot snapshot, DeltaLog.View delta, long feedPosition) {

    /** A view of a snapshot with nothing applied to it yet. */
    public static LiveView of(GraphSnapshot snapshot) {
        return new LiveView(snapshot, DeltaLog.View.empty(snapshot.users().count()), 0);
    }

    public long version() {
        return snapshot.version();
    }

    /** Whether the membership change (user, tier, minute) is in the snapshot or the delta already. */
    public boolean containsMembership(int user, String tier, int minute) {
        ActivityLog log = snapshot.activity();
        for (int i = log.memberStart(user); i < log.memberEnd(user); i++) {
            if (log.memberMinute(i) == minute && log.memberTier(i).equals(tier)) {
                return true;
            }
        }
        for (int i = 0; i < delta.memberChanges(); i++) {
            if (delta.memberUser(i) == user && delta.memberMinute(i) == minute && delta.memberTier(i).equals(tier)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The user's tier as of this view: the tier of their latest membership change, the
     * snapshot's and the delta's together (a back-dated change in the delta does not override a
     * later one in the snapshot), or the snapshot's tier when the delta has none.
     */
    public String tier(int user) {
        int m = delta.latestMembership(user);
        if (m < 0) {
            return snapshot.users().tiers()[user];
        }
        ActivityLog log = snapshot.activity();
        int end = log.memberEnd(user);
        if (end > log.memberStart(user) && log.memberMinute(end - 1) > delta.memberMinute(m)) {
            return snapshot.users().tiers()[user];
        }
        return delta.memberTier(m);
    }

    /**
     * Whether the event is in the snapshot or the delta already: a change applied twice (a
     * re-sent batch, a change the snapshot was loaded with) is applied once. Events are compared
     * at the log's resolution, the minute. O(log d + same-minute events + the user's delta).
     */
    public boolean contains(DeltaLog.Kind kind, int user, int other, String type, int minute) {
        ActivityLog log = snapshot.activity();
        boolean learning = kind == DeltaLog.Kind.LEARNING;
        boolean anyTime = kind == DeltaLog.Kind.FOLLOW; // a follow is one per pair, whenever
        int lo = anyTime ? log.start(user) : log.firstAtOrAfter(user, minute);
        for (int e = lo; e < log.end(user) && (anyTime || log.minute(e) == minute); e++) {
            if (log.other(e) == other && log.isLearning(e) == learning && log.typeName(log.type(e)).equals(type)) {
                return true;
            }
        }
        for (int e : delta.byActor(user)) {
            if (delta.target(e) == other && delta.kind(e) == kind && delta.type(e).equals(type)
                    && (anyTime || delta.minute(e) == minute)) {
                return true;
            }
        }
        return false;
    }
}
