package io.learnergraph.analysis.graph;

/**
 * The platform as it was at a past minute, rebuilt from a snapshot's own activity log: every
 * event at or before the cutoff (undated ones included, as "some time before"), the membership
 * changes until then, and the timeless knowledge graph (courses, topics, coverage,
 * prerequisites). Users and courses keep their dense ids, so an answer about the past can be
 * checked against what the same ids did after it. This is how the recommender learns its blend
 * from the platform's own history without a second database. O(events + arcs).
 */
public final class HistorySnapshot {

    private HistorySnapshot() {
    }

    /**
     * @param weights the projection weights the live snapshot was built with (the aggregated
     *                graphs are recomputed from the events, so the weights must be the same to
     *                give the same graph at the latest minute)
     */
    public static GraphSnapshot before(GraphSnapshot s, int cutoff, ProjectionWeights weights, long version) {
        ProjectionBuilder b = new ProjectionBuilder(weights);
        GraphSnapshot.Users users = s.users();
        ActivityLog log = s.activity();
        int nu = users.count();
        int nc = s.courses().count();
        // store ids: users 1..n, courses and topics after them; only their order matters here
        long courseBase = nu + 1L;
        long topicBase = courseBase + nc;
        for (int u = 0; u < nu; u++) {
            b.addUser(u + 1L, users.ids()[u], users.names()[u], tierAt(s, u, cutoff), users.joinedMinute()[u]);
        }
        for (int c = 0; c < nc; c++) {
            int creator = s.courses().creator()[c];
            b.addCourse(courseBase + c, s.courses().ids()[c], s.courses().titles()[c], s.courses().tiers()[c],
                    creator < 0 ? -1 : creator + 1L);
        }
        for (int t = 0; t < s.topics().count(); t++) {
            b.addTopic(topicBase + t, s.topics().ids()[t], s.topics().names()[t]);
        }
        CsrGraph coverage = s.coverage();
        for (int c = 0; c < nc; c++) {
            for (int a = coverage.start(c); a < coverage.end(c); a++) {
                b.addCoverage(courseBase + c, topicBase + coverage.target(a), coverage.weight(a));
            }
        }
        CsrGraph prerequisites = s.prerequisites();
        for (int t = 0; t < prerequisites.nodeCount(); t++) {
            for (int a = prerequisites.start(t); a < prerequisites.end(t); a++) {
                b.addPrerequisite(topicBase + t, topicBase + prerequisites.target(a));
            }
        }
        for (int u = 0; u < nu; u++) {
            for (int e = log.start(u); e < log.end(u) && log.minute(e) <= cutoff; e++) {
                long minute = log.minute(e) == ActivityLog.NO_MINUTE ? GraphSnapshot.NO_TIME : log.minute(e);
                String type = log.typeName(log.type(e));
                if (log.isLearning(e)) {
                    b.addLearning(u + 1L, courseBase + log.other(e), type, minute, log.value(e));
                } else {
                    b.addSocial(u + 1L, log.other(e) + 1L, type, minute);
                }
            }
            for (int i = log.memberStart(u); i < log.memberEnd(u) && log.memberMinute(i) <= cutoff; i++) {
                b.addMembership(u + 1L, log.memberTier(i), log.memberMinute(i));
            }
        }
        return b.build(version);
    }

    /**
     * The tier {@code u} held at {@code cutoff}: the last membership change by then; before a first
     * change, unknown (null, which ranks lowest: an upgrade after the cutoff must not open its
     * courses to the history); with no change at all, the tier the user has.
     */
    static String tierAt(GraphSnapshot s, int u, int cutoff) {
        ActivityLog log = s.activity();
        String tier = log.tierAt(u, cutoff);
        if (tier != null) {
            return tier;
        }
        return log.memberEnd(u) > log.memberStart(u) ? null : s.users().tiers()[u];
    }
}
