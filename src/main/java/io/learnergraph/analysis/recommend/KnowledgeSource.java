package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

/**
 * Candidates along knowledge-graph paths: what the user took → the topics those courses cover →
 * topics to learn next → the courses covering those.
 *
 * <p>Topic knowledge {@code k(t)} is the strongest coverage of t (scaled per course to its main
 * topic = 1) among the user's courses, times 1 for a completed course and ½ for one only started.
 * Candidate topics, scored by path strength:
 * <ul>
 *   <li>next step: a topic d that requires a known topic, scored by readiness, the mean of
 *   min(1, k(r)) over all of d's prerequisites r (1 when all are met);</li>
 *   <li>sibling: a topic that requires the same prerequisite as a known topic: 0.3 · k;</li>
 *   <li>deepen: a known but not mastered topic: 0.25 · k.</li>
 * </ul>
 * A course scores Σ over its candidate topics of topic score × coverage share, times
 * ½ + ½ · (share of the course's own prerequisites the user knows), so courses whose
 * prerequisites are met come first. Cost: O(Σ topics of the user's courses · (dependents +
 * their prerequisites) + Σ courses of the candidate topics).
 */
final class KnowledgeSource extends ReusableSource {

    static final double SIBLING = 0.3;
    static final double DEEPEN = 0.25;
    private static final int NEXT = 0;
    private static final int SIB = 1;
    private static final int DEEP = 2;

    private static final ThreadLocal<KnowledgeSource> REUSED = new ThreadLocal<>();

    private int user;
    private final double[] known;
    private final int[] knownArc;
    private final double[] topicScore;
    private final int[] topicKind;
    private final int[] topicVia;
    private final int[] topicShared;
    private final int[] bestTopic;
    private final Touched topics;

    private KnowledgeSource(RecommenderIndex index) {
        super(index);
        GraphSnapshot s = index.snapshot();
        int nt = s.topics().count();
        int nc = s.courses().count();
        known = new double[nt];
        knownArc = new int[nt];
        topicScore = new double[nt];
        topicKind = new int[nt];
        topicVia = new int[nt];
        topicShared = new int[nt];
        bestTopic = new int[nc];
        topics = new Touched(nt);
    }

    @Override
    protected boolean fits(RecommenderIndex i) {
        return super.fits(i) && known.length == i.snapshot().topics().count();
    }

    @Override
    protected void clearCourse(int c) {
        bestTopic[c] = 0;
    }

    static KnowledgeSource compute(RecommenderIndex index, int user) {
        return new KnowledgeSource(index).run(user);
    }

    /** This thread's instance for the index, cleaned of its previous request: no per-request allocation. */
    static KnowledgeSource reused(RecommenderIndex index) {
        return reuse(REUSED, index, KnowledgeSource::new);
    }

    static void detachReused() {
        detach(REUSED);
    }

    private void reset() {
        for (int i = 0; i < topics.size(); i++) {
            int t = topics.get(i);
            known[t] = 0;
            knownArc[t] = 0;
            topicScore[t] = 0;
            topicKind[t] = 0;
            topicVia[t] = 0;
            topicShared[t] = 0;
        }
        topics.clear();
        clearTouched();
    }

    KnowledgeSource run(int forUser) {
        reset();
        this.user = forUser;
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        CsrGraph coverage = s.coverage();
        CsrGraph prerequisites = s.prerequisites();
        CsrGraph dependents = index.dependents;
        int kn = 0;
        for (int a = learning.start(user); a < learning.end(user); a++) {
            int labels = learning.labels(a);
            if (!index.isTaken(labels)) {
                continue;
            }
            int c = learning.target(a);
            double stage = (labels & index.completedMask) != 0 ? 1.0 : 0.5;
            for (int b = coverage.start(c); b < coverage.end(c); b++) {
                int t = coverage.target(b);
                double k = index.coverageShare(c, coverage.weight(b)) * stage;
                if (k > known[t]) {
                    known[t] = k;
                    knownArc[t] = a;
                    topics.add(t);
                }
            }
        }
        kn = topics.size(); // the known topics, before any candidate topic is offered
        int[] knownTopics = new int[kn];
        for (int i = 0; i < kn; i++) {
            knownTopics[i] = topics.get(i);
        }
        for (int i = 0; i < kn; i++) {
            int t = knownTopics[i];
            for (int b = dependents.start(t); b < dependents.end(t); b++) {
                int d = dependents.target(b);
                if (known[d] < 1) {
                    offer(d, readiness(prerequisites, d), NEXT, strongestPrerequisite(prerequisites, d), -1);
                }
            }
            for (int b = prerequisites.start(t); b < prerequisites.end(t); b++) {
                int shared = prerequisites.target(b);
                for (int e = dependents.start(shared); e < dependents.end(shared); e++) {
                    int d = dependents.target(e);
                    if (d != t && known[d] < 1) {
                        offer(d, SIBLING * known[t], SIB, t, shared);
                    }
                }
            }
            if (known[t] < 1) {
                offer(t, DEEPEN * known[t], DEEP, t, -1);
            }
        }
        CsrGraph coveredBy = index.coveredBy;
        int offered = topics.size();
        for (int i = 0; i < offered; i++) {
            int d = topics.get(i);
            if (topicScore[d] <= 0) {
                continue;
            }
            for (int b = coveredBy.start(d); b < coveredBy.end(d); b++) {
                int c = coveredBy.target(b);
                double contribution = topicScore[d] * index.coverageShare(c, coveredBy.weight(b));
                if (contribution > 0 && (scores[c] == 0 || contribution > contributionOf(c, bestTopic[c]))) {
                    bestTopic[c] = d;
                }
                scores[c] += contribution;
                courses.add(c);
            }
        }
        for (int i = 0; i < courses.size(); i++) {
            int c = courses.get(i);
            if (scores[c] > 0) {
                scores[c] *= 0.5 + 0.5 * prerequisitesMet(c);
            }
        }
        return this;
    }

    private double contributionOf(int c, int topic) {
        int b = index.snapshot().coverage().findArc(c, topic);
        return b < 0 ? 0 : topicScore[topic] * index.coverageShare(c, index.snapshot().coverage().weight(b));
    }

    private void offer(int topic, double score, int kind, int via, int shared) {
        if (score > topicScore[topic]) {
            topics.add(topic);
            topicScore[topic] = score;
            topicKind[topic] = kind;
            topicVia[topic] = via;
            topicShared[topic] = shared;
        }
    }

    private double readiness(CsrGraph prerequisites, int d) {
        int n = prerequisites.degree(d);
        if (n == 0) {
            return 0;
        }
        double sum = 0;
        for (int b = prerequisites.start(d); b < prerequisites.end(d); b++) {
            sum += Math.min(1, known[prerequisites.target(b)]);
        }
        return sum / n;
    }

    private int strongestPrerequisite(CsrGraph prerequisites, int d) {
        int best = -1;
        for (int b = prerequisites.start(d); b < prerequisites.end(d); b++) {
            int r = prerequisites.target(b);
            if (best < 0 || known[r] > known[best]) {
                best = r;
            }
        }
        return best;
    }

    /** Share of the course's prerequisite topics the user knows (1 if it has none). */
    double prerequisitesMet(int c) {
        int[] req = index.coursePrerequisites[c];
        if (req.length == 0) {
            return 1;
        }
        double sum = 0;
        for (int r : req) {
            sum += Math.min(1, known[r]);
        }
        return sum / req.length;
    }

    @Override
    public Reason explain(int c) {
        GraphSnapshot s = index.snapshot();
        int d = bestTopic[c];
        int via = topicVia[d];
        int arc = knownArc[via];
        int source = s.learning().target(arc);
        String rel = index.learningRelationship(s.learning(), arc);
        Paths path = Paths.from(s).user(user).out(rel).course(source).out("COVERS").topic(via);
        String courseTitle = Paths.title(s, c);
        String sourceTitle = Paths.title(s, source);
        String text;
        switch (topicKind[d]) {
            case NEXT -> {
                path.in("REQUIRES").topic(d).in("COVERS").course(c);
                text = "Because you " + Paths.verb(rel) + " " + sourceTitle + ", which covers "
                        + Paths.topicName(s, via) + ", required by " + Paths.topicName(s, d) + ", which "
                        + courseTitle + " teaches";
            }
            case SIB -> {
                int shared = topicShared[d];
                path.out("REQUIRES").topic(shared).in("REQUIRES").topic(d).in("COVERS").course(c);
                text = "Because you " + Paths.verb(rel) + " " + sourceTitle + " on " + Paths.topicName(s, via)
                        + "; " + Paths.topicName(s, d) + " builds on the same " + Paths.topicName(s, shared)
                        + ", and " + courseTitle + " teaches it";
            }
            default -> {
                path.in("COVERS").course(c);
                text = "Because you " + Paths.verb(rel) + " " + sourceTitle + "; " + courseTitle
                        + " goes further into " + Paths.topicName(s, via);
            }
        }
        double met = prerequisitesMet(c);
        int req = index.coursePrerequisites[c].length;
        if (req > 0) {
            text += met >= 1 ? " (you meet all its prerequisites)"
                    : String.format(java.util.Locale.ROOT, " (you meet %.0f%% of its prerequisites)", 100 * met);
        }
        return new Reason("knowledge", text, path.steps());
    }
}
