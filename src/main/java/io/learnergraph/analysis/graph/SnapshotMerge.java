package io.learnergraph.analysis.graph;

/**
 * A new snapshot from an old one and the delta applied to it, built in memory: the same graph a
 * reload from the store would give once the delta's events are there, without reading the store.
 * The old snapshot's activity log holds every event it was built from (time, type, other end,
 * value), so replaying it together with the delta through a {@link ProjectionBuilder} rebuilds
 * the aggregated, decayed graphs exactly; erased users are left out, with every event to or from
 * them. O(events) time and memory, like a build from the store, but at memory speed.
 */
public final class SnapshotMerge {

    private SnapshotMerge() {
    }

    public static GraphSnapshot merge(GraphSnapshot base, DeltaLog.View delta, ProjectionWeights weights,
                                      long version) {
        ProjectionBuilder b = new ProjectionBuilder(weights);
        GraphSnapshot.Users users = base.users();
        long[] store = users.storeIds();
        int nu = users.count();
        LiveView live = new LiveView(base, delta, 0);
        for (int u = 0; u < nu; u++) {
            if (!delta.erased(u)) {
                b.addUser(store[u], users.ids()[u], users.names()[u], live.tier(u), users.joinedMinute()[u]);
            }
        }
        GraphSnapshot.Courses courses = base.courses();
        for (int c = 0; c < courses.count(); c++) {
            int creator = courses.creator()[c];
            b.addCourse(c, courses.ids()[c], courses.titles()[c], courses.tiers()[c],
                    creator >= 0 ? store[creator] : Long.MIN_VALUE);
        }
        GraphSnapshot.Topics topics = base.topics();
        for (int t = 0; t < topics.count(); t++) {
            b.addTopic(t, topics.ids()[t], topics.names()[t]);
        }
        ActivityLog log = base.activity();
        for (int u = 0; u < nu; u++) {
            if (delta.erased(u)) {
                continue;
            }
            for (int e = log.start(u); e < log.end(u); e++) {
                String type = log.typeName(log.type(e));
                long minute = time(log.minute(e));
                if (log.isLearning(e)) {
                    b.addLearning(store[u], log.other(e), type, minute, log.value(e));
                } else if (!delta.erased(log.other(e))) {
                    b.addSocial(store[u], store[log.other(e)], type, minute);
                }
            }
            for (int i = log.memberStart(u); i < log.memberEnd(u); i++) {
                b.addMembership(store[u], log.memberTier(i), time(log.memberMinute(i)));
            }
        }
        for (int e = 0; e < delta.size(); e++) {
            int u = delta.actor(e);
            if (delta.erased(u)) {
                continue;
            }
            long minute = time(delta.minute(e));
            if (delta.kind(e) == DeltaLog.Kind.LEARNING) {
                b.addLearning(store[u], delta.target(e), delta.type(e), minute, delta.value(e));
            } else if (!delta.erased(delta.target(e))) {
                b.addSocial(store[u], store[delta.target(e)], delta.type(e), minute);
            }
        }
        for (int i = 0; i < delta.memberChanges(); i++) {
            int u = delta.memberUser(i);
            if (!delta.erased(u)) {
                b.addMembership(store[u], delta.memberTier(i), time(delta.memberMinute(i)));
            }
        }
        CsrGraph coverage = base.coverage();
        for (int c = 0; c < coverage.nodeCount(); c++) {
            for (int a = coverage.start(c); a < coverage.end(c); a++) {
                b.addCoverage(c, coverage.target(a), coverage.weight(a));
            }
        }
        CsrGraph prerequisites = base.prerequisites();
        for (int t = 0; t < prerequisites.nodeCount(); t++) {
            for (int a = prerequisites.start(t); a < prerequisites.end(t); a++) {
                b.addPrerequisite(t, prerequisites.target(a));
            }
        }
        return b.build(version);
    }

    private static long time(int minute) {
        return minute == ActivityLog.NO_MINUTE ? GraphSnapshot.NO_TIME : minute;
    }
}
