package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.growth.Time;

import java.util.List;

/**
 * What a learned ranking knows about a (user, course) candidate besides the four sources' scores:
 * the assumptions each source makes about how people learn, as measurements a fit can weigh
 * instead of constants (issue #17, item 2).
 * <ul>
 *   <li>{@code readiness}: the share of the course's prerequisite topics the user took a course on
 *   (1 when it has none) — the knowledge source's rule, as a number;</li>
 *   <li>{@code branch}: how recently the user worked on the course's prerequisite topics — the
 *   next step in the branch they are in, not any ready topic (mean over its prerequisites of
 *   Σ exp(−age / 30 days) of their courses on that topic);</li>
 *   <li>{@code topic-affinity}: the same recency-weighted work on the course's own topics
 *   (repeating a level, or the level after an unfinished course);</li>
 *   <li>{@code contacts-30d} and {@code contacts}: how many of the people the user follows or
 *   interacts with took it in the last 30 days, and at all;</li>
 *   <li>{@code popularity} and {@code trending-30d}: its learners, all and in the last 30 days;</li>
 *   <li>{@code tier-gap}: tiers between the user's and the course's (0 when it is open to them).</li>
 * </ul>
 * Counts enter as log(1 + x). "Now" is the snapshot's reference minute, so on a history snapshot
 * every feature is as of its cutoff; "took it" is any enrolment, progress, completion, purchase or
 * rating, dated by the latest of them. Cost per user: O(Σ learning degree of the user and their
 * contacts); per candidate O(its topics and prerequisites). Each thread reuses one instance per
 * index (dense arrays cleaned where a user wrote), so a request allocates nothing
 * catalogue-sized; {@link #close()} hands it back.
 */
public final class CandidateFeatures implements AutoCloseable {

    public static final List<String> NAMES = List.of("knowledge", "collaborative", "social", "popular", "readiness",
            "branch", "topic-affinity", "contacts-30d", "contacts", "popularity", "trending-30d", "tier-gap");
    public static final int COUNT = NAMES.size();
    static final int WINDOW = 30 * Time.DAY;
    static final double DECAY_MINUTES = 30.0 * Time.DAY;
    /** The contacts read per user: the strongest social arcs, as the social source caps them. */
    static final int MAX_CONTACTS = SocialSource.MAX_TIES;

    /** Per-course counts of a snapshot (built once per index). */
    record Courses(float[] popularity, float[] trending) {
        static Courses of(RecommenderIndex index) {
            GraphSnapshot s = index.snapshot();
            CsrGraph learners = s.learners();
            int nc = s.courses().count();
            int since = since(s);
            float[] popularity = new float[nc];
            float[] trending = new float[nc];
            for (int c = 0; c < nc; c++) {
                int recent = 0;
                for (int a = learners.start(c); a < learners.end(c); a++) {
                    int m = learners.latest(a);
                    if (index.isTaken(learners.labels(a)) && m != CsrGraph.NO_MINUTE && m > since) {
                        recent++;
                    }
                }
                popularity[c] = (float) Math.log1p(index.learnerCount(c));
                trending[c] = (float) Math.log1p(recent);
            }
            return new Courses(popularity, trending);
        }
    }

    private static final ThreadLocal<CandidateFeatures> REUSED = new ThreadLocal<>();

    private RecommenderIndex index;
    private final double[] affinity;
    private final Touched topics;
    private final int[] contactsRecent;
    private final int[] contactsAll;
    private final Touched courses;
    private int user = -1;

    private CandidateFeatures(RecommenderIndex index) {
        this.index = index;
        int nt = index.snapshot().topics().count();
        int nc = index.snapshot().courses().count();
        affinity = new double[nt];
        topics = new Touched(nt);
        contactsRecent = new int[nc];
        contactsAll = new int[nc];
        courses = new Touched(nc);
    }

    private static int since(GraphSnapshot s) {
        long now = s.referenceMinute();
        return now == GraphSnapshot.NO_TIME ? Integer.MIN_VALUE : (int) Math.max(Integer.MIN_VALUE + 1, now - WINDOW);
    }

    /**
     * The user's side of the features, as of the index's snapshot: this thread's instance for the
     * index, to {@link #close()} when done (try-with-resources).
     */
    public static CandidateFeatures of(RecommenderIndex index, int user) {
        CandidateFeatures f = REUSED.get();
        if (f == null || f.user >= 0 || f.affinity.length != index.snapshot().topics().count()
                || f.contactsAll.length != index.snapshot().courses().count()) { // other sizes, or still in use
            f = new CandidateFeatures(index);
            REUSED.set(f);
        }
        f.index = index;
        f.user = user;
        f.load();
        return f;
    }

    /** Cleans what this user wrote and detaches the instance from the thread's snapshot. */
    @Override
    public void close() {
        for (int i = 0; i < topics.size(); i++) {
            affinity[topics.get(i)] = 0;
        }
        topics.clear();
        for (int i = 0; i < courses.size(); i++) {
            contactsRecent[courses.get(i)] = 0;
            contactsAll[courses.get(i)] = 0;
        }
        courses.clear();
        user = -1;
        index = null; // an idle thread must not keep a replaced snapshot alive
    }

    private void load() {
        GraphSnapshot s = index.snapshot();
        long now = s.referenceMinute();
        CsrGraph learning = s.learning();
        CsrGraph coverage = s.coverage();
        for (int a = learning.start(user); a < learning.end(user); a++) {
            if (!index.isTaken(learning.labels(a))) {
                continue;
            }
            int c = learning.target(a);
            double w = recency(now, learning.latest(a));
            for (int b = coverage.start(c); b < coverage.end(c); b++) {
                affinity[coverage.target(b)] += w * index.coverageShare(c, coverage.weight(b));
                topics.add(coverage.target(b));
            }
        }
        // contacts: out-arcs of the social graph, the strongest when there are more than the cap
        CsrGraph social = s.social();
        int[] arcs = SocialSource.strongestArcs(social, user, MAX_CONTACTS);
        int since = since(s);
        for (int arc : arcs) {
            int v = social.target(arc);
            for (int a = learning.start(v); a < learning.end(v); a++) {
                if (!index.isTaken(learning.labels(a))) {
                    continue;
                }
                int c = learning.target(a);
                courses.add(c);
                contactsAll[c]++;
                int m = learning.latest(a);
                if (m != CsrGraph.NO_MINUTE && m > since) {
                    contactsRecent[c]++;
                }
            }
        }
    }

    private static double recency(long now, int minute) {
        if (now == GraphSnapshot.NO_TIME || minute == CsrGraph.NO_MINUTE) {
            return 1;
        }
        return Math.exp(-Math.max(0, now - minute) / DECAY_MINUTES);
    }

    /**
     * Writes the candidate's features into {@code out[offset ..]}, in {@link #NAMES} order, with
     * the four sources' scaled scores given.
     */
    public void fill(int course, double knowledge, double collaborative, double social, double popular,
                     double[] out, int offset) {
        out[offset] = knowledge;
        out[offset + 1] = collaborative;
        out[offset + 2] = social;
        out[offset + 3] = popular;
        int[] prerequisites = index.coursePrerequisites[course];
        double ready = 0;
        double branch = 0;
        for (int r : prerequisites) {
            ready += affinity[r] > 0 ? 1 : 0;
            branch += affinity[r];
        }
        out[offset + 4] = prerequisites.length == 0 ? 1 : ready / prerequisites.length;
        out[offset + 5] = prerequisites.length == 0 ? 0 : Math.log1p(branch / prerequisites.length);
        CsrGraph coverage = index.snapshot().coverage();
        double own = 0;
        for (int b = coverage.start(course); b < coverage.end(course); b++) {
            own = Math.max(own, affinity[coverage.target(b)]);
        }
        out[offset + 6] = Math.log1p(own);
        out[offset + 7] = Math.log1p(contactsRecent[course]);
        out[offset + 8] = Math.log1p(contactsAll[course]);
        Courses courses = index.candidateCourses();
        out[offset + 9] = courses.popularity()[course];
        out[offset + 10] = courses.trending()[course];
        out[offset + 11] = Math.max(0, index.courseTierRank(course) - index.userTierRank(user));
    }

    /** The candidate's features with no source scores (for rankings that do not use them). */
    public double[] of(int course) {
        double[] out = new double[COUNT];
        fill(course, 0, 0, 0, 0, out, 0);
        return out;
    }
}
