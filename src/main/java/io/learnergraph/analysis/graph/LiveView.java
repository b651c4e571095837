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
