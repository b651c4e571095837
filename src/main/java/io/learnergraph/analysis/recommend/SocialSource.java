package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

/**
 * Social proof: courses recently taken by
 * <ul>
 *   <li>the people the user follows or interacts with, each weighted by tie strength (the
 *   share of the user's outgoing social weight) — at most {@value #MAX_TIES} strongest ties;</li>
 *   <li>the influencers of the user's community (top PageRank), weighted ½ · influence relative
 *   to the community's top;</li>
 *   <li>the community as a whole: 0.3 · (members who took it in the window / the top course's).</li>
 * </ul>
 * Every signal decays with the age of the taker's latest event on the course (half-life in the
 * parameters), and counts 1 for a completion, 0.6 for a course only started. Cost: O(Σ learning
 * degree of the ties and influencers), plus once per community its members' learning arcs.
 */
final class SocialSource extends ReusableSource {

    static final int MAX_TIES = 500;
    static final double INFLUENCER = 0.5;
    static final double COMMUNITY = 0.3;
    private static final byte TIE = 1;
    private static final byte INFLUENCE = 2;
    private static final byte TRENDING = 3;

    private static final ThreadLocal<SocialSource> REUSED = new ThreadLocal<>();

    private int user;
    private UserDelta delta = UserDelta.NONE;
    private final double[] best;
    private final byte[] kind;
    private final int[] witness;
    private final double[] bestTie;
    private final int[] tieWitness;
    private final int[] ties;
    private final int[] trendingCount;
    private double windowDays;

    private SocialSource(RecommenderIndex index) {
        super(index);
        int nc = scores.length;
        best = new double[nc];
        kind = new byte[nc];
        witness = new int[nc];
        bestTie = new double[nc];
        tieWitness = new int[nc];
        ties = new int[nc];
        trendingCount = new int[nc];
    }

    static SocialSource compute(RecommenderIndex index, int user, RecommendationParameters p) {
        return new SocialSource(index).run(user, p);
    }

    /** This thread's instance for the index, cleaned of its previous request: no per-request allocation. */
    static SocialSource reused(RecommenderIndex index) {
        return reuse(REUSED, index, SocialSource::new);
    }

    static void detachReused() {
        detach(REUSED);
    }

    SocialSource run(int forUser, RecommendationParameters p) {
        return run(forUser, p, UserDelta.NONE);
    }

    /** With the ties the user formed since the snapshot counted as ties (the live graph's delta). */
    SocialSource run(int forUser, RecommendationParameters p, UserDelta delta) {
        clearTouched();
        this.user = forUser;
        this.delta = delta;
        this.windowDays = p.windowDays();
        score(p.halfLifeDays(), delta);
        return this;
    }

    @Override
    protected void clearCourse(int c) {
        best[c] = 0;
        kind[c] = 0;
        witness[c] = 0;
        bestTie[c] = 0;
        tieWitness[c] = 0;
        ties[c] = 0;
        trendingCount[c] = 0;
    }

    private void score(double halfLifeDays, UserDelta delta) {
        GraphSnapshot s = index.snapshot();
        CsrGraph social = s.social();
        double total = social.weightedDegree(user);
        for (double w : delta.tieWeights()) {
            total += w;
        }
        double halfLife = halfLifeDays * 1440;
        int[] arcs = strongestArcs(social, user, MAX_TIES);
        java.util.Set<Integer> tied = new java.util.HashSet<>();
        for (int a : arcs) {
            tied.add(social.target(a));
            int v = social.target(a);
            if (v != user && total > 0) {
                boolean counted = addCoursesOf(v, social.weight(a) / total, halfLife, TIE);
                if (counted) {
                    markTie(v);
                }
            }
        }
        for (int i = 0; i < delta.ties().length; i++) {
            int v = delta.ties()[i];
            if (v != user && !tied.contains(v) && total > 0 && delta.tieWeights()[i] > 0) {
                if (addCoursesOf(v, delta.tieWeights()[i] / total, halfLife, TIE)) {
                    markTie(v);
                }
                tied.add(v);
            }
        }
        int k = index.community(user);
        int[] influencers = index.communityInfluencers.length > k ? index.communityInfluencers[k] : new int[0];
        if (influencers.length > 0) {
            double top = index.influence[influencers[0]];
            for (int inf : influencers) {
                if (inf != user && top > 0 && !tied.contains(inf)) { // a tie counts once, as a tie
                    addCoursesOf(inf, INFLUENCER * index.influence[inf] / top, halfLife, INFLUENCE);
                }
            }
        }
        int[][] trending = index.trending(k, (long) (windowDays * 1440));
        if (trending[0].length > 0) {
            double max = trending[1][0];
            for (int i = 0; i < trending[0].length; i++) {
                int c = trending[0][i];
                if (trending[2][i] == user && trending[1][i] == 1) {
                    continue; // only the user took it
                }
                trendingCount[c] = trending[1][i];
                courses.add(c);
                offer(c, COMMUNITY * trending[1][i] / max, TRENDING, trending[2][i]);
            }
        }
    }

    private boolean addCoursesOf(int v, double weight, double halfLife, byte why) {
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        boolean any = false;
        for (int e = learning.start(v); e < learning.end(v); e++) {
            int labels = learning.labels(e);
            if (!index.isTaken(labels)) {
                continue;
            }
            double stage = (labels & index.completedMask) != 0 ? 1.0 : 0.6;
            double x = weight * stage * recency(learning.latest(e), s.referenceMinute(), halfLife);
            offer(learning.target(e), x, why, v);
            any = true;
        }
        return any;
    }

    private void markTie(int v) {
        CsrGraph learning = index.snapshot().learning();
        for (int e = learning.start(v); e < learning.end(v); e++) {
            if (index.isTaken(learning.labels(e))) {
                ties[learning.target(e)]++;
                courses.add(learning.target(e));
            }
        }
    }

    private void offer(int c, double x, byte why, int who) {
        scores[c] += x;
        courses.add(c);
        if (why == TIE && x > bestTie[c]) {
            bestTie[c] = x;
            tieWitness[c] = who;
        }
        if (x > best[c]) {
            best[c] = x;
            kind[c] = why;
            witness[c] = who;
        }
    }

    static double recency(int latest, long reference, double halfLifeMinutes) {
        if (latest == CsrGraph.NO_MINUTE || reference == GraphSnapshot.NO_TIME || reference <= latest) {
            return 1;
        }
        return Math.pow(0.5, (reference - latest) / halfLifeMinutes);
    }

    /**
     * The arcs of v's row, or its {@code max} heaviest when it has more (ties: the earlier arc):
     * (weight, arc) packed in longs, non-negative float bits ordering like the weights.
     */
    static int[] strongestArcs(CsrGraph g, int v, int max) {
        int d = g.degree(v);
        int[] arcs = new int[d];
        for (int i = 0; i < d; i++) {
            arcs[i] = g.start(v) + i;
        }
        if (d <= max) {
            return arcs;
        }
        long[] keys = new long[d];
        for (int i = 0; i < d; i++) {
            keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(g.weight(arcs[i]))) << 32) | arcs[i];
        }
        java.util.Arrays.sort(keys);
        int[] out = new int[max];
        for (int i = 0; i < max; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    @Override
    public Reason explain(int c) {
        GraphSnapshot s = index.snapshot();
        CsrGraph learning = s.learning();
        // people the user knows make the most personal reason, whichever signal was strongest
        byte why = ties[c] > 0 ? TIE : kind[c];
        int v = why == TIE ? tieWitness[c] : witness[c];
        int arc = learning.findArc(v, c);
        String rel = index.learningRelationship(learning, arc);
        String course = Paths.title(s, c);
        String name = Paths.userName(s, v);
        int k = index.community(user);
        Paths path = Paths.from(s).user(user);
        String text;
        switch (why) {
            case TIE -> {
                String tie = index.socialRelationship(user, v);
                if (tie == null) {
                    tie = delta.tieType(v); // a tie formed since the snapshot
                }
                path.out(tie).user(v).out(rel).course(c);
                text = name + (tie.equals("FOLLOWS") ? ", whom you follow, " : ", whom you interact with, ")
                        + Paths.verb3(rel) + " " + course
                        + (ties[c] > 1 ? " (" + ties[c] + " of your connections took it)" : "");
            }
            case INFLUENCE -> {
                path.out("MEMBER_OF").community(k).in("MEMBER_OF").user(v).out(rel).course(c);
                text = name + ", an influencer in your community, " + Paths.verb3(rel) + " " + course;
            }
            default -> {
                path.out("MEMBER_OF").community(k).in("MEMBER_OF").user(v).out(rel).course(c);
                text = trendingCount[c] + " members of your community took " + course + " in the last "
                        + Math.round(windowDays) + " days, most recently " + name;
            }
        }
        return new Reason("social", text, path.steps());
    }
}
