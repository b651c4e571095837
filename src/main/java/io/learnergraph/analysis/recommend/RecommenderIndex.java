package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.Tiers;
import io.learnergraph.analysis.knowledge.PrerequisiteGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every recommendation request reads besides the snapshot, derived once per snapshot (and
 * community partition) so that a request touches only the user's neighbourhood: the reverse
 * catalogue edges, course popularity and prerequisite sets, P3α transition probabilities per arc,
 * tier ranks, each community's influencers, and lazily each community's trending courses.
 * Building it is O(n + m_learning + m_coverage + m_prerequisites).
 */
public final class RecommenderIndex {

    /** Learning relationship types that mean the user took the course (not just looked at it). */
    static final List<String> TAKEN_TYPES = List.of("ENROLLED", "PROGRESSED", "COMPLETED", "PURCHASED", "RATED");
    /** Strongest first: the relationship an explanation names for an arc. */
    static final List<String> STRENGTH_ORDER = List.of("COMPLETED", "PURCHASED", "ENROLLED", "PROGRESSED", "RATED",
            "VIEWED");
    static final List<String> SOCIAL_STRENGTH_ORDER = List.of("FOLLOWS", "TIPPED", "ANSWERED", "COMMENTED",
            "REPLIED", "SHARED", "MENTIONED", "LIKED");

    private final GraphSnapshot snapshot;
    private final double alpha;
    final CsrGraph coveredBy;
    final CsrGraph dependents;
    /** The knowledge graph's prerequisites, for learning paths (read-only once built). */
    final PrerequisiteGraph<Integer> prerequisiteGraph;
    final int[] learnerCount;
    final long[] twoHopWork;
    final float[] forwardProbability;
    final float[] backwardProbability;
    final float[] courseMaxCoverage;
    final float[] topicVectorNorm;
    final int[][] coursePrerequisites;
    final int[] userTierRank;
    final int[] courseTierRank;
    final String[] tierNames;
    private final Tiers tierRanks;
    final int takenMask;
    final int completedMask;
    final int followsMask;
    final int[] community;
    final double[] influence;
    final int[][] communityInfluencers;
    final int[][] popularByTier;
    /** Per course: its strongest two-step P3 neighbours, their transition mass, the strongest co-learner. */
    final int[][] neighbours;
    final float[][] neighbourMass;
    final int[][] neighbourVia;
    private final Map<Integer, int[][]> trending = new ConcurrentHashMap<>();
    private final CandidateFeatures.Courses candidateCourses;

    private RecommenderIndex(GraphSnapshot s, double alpha, List<String> tiers, int[] community, double[] influence,
                             int influencersPerCommunity, int itemNeighbours) {
        this.snapshot = s;
        this.alpha = alpha;
        int nu = s.users().count();
        int nc = s.courses().count();
        CsrGraph learning = s.learning();
        CsrGraph learners = s.learners();
        coveredBy = s.coverage().transpose();
        dependents = s.prerequisites().transpose();
        prerequisiteGraph = PrerequisiteGraph.of(s);
        int taken = 0;
        for (String t : TAKEN_TYPES) {
            taken |= learning.labelBit(t);
        }
        takenMask = taken;
        completedMask = learning.labelBit("COMPLETED");
        followsMask = s.social().labelBit("FOLLOWS");

        learnerCount = new int[nc];
        for (int c = 0; c < nc; c++) {
            for (int a = learners.start(c); a < learners.end(c); a++) {
                if ((learners.labels(a) & takenMask) != 0) {
                    learnerCount[c]++;
                }
            }
        }
        forwardProbability = transitionProbabilities(learning, alpha);
        backwardProbability = transitionProbabilities(learners, alpha);
        twoHopWork = new long[nc];
        for (int c = 0; c < nc; c++) {
            long w = 0;
            for (int a = learners.start(c); a < learners.end(c); a++) {
                w += learning.degree(learners.target(a));
            }
            twoHopWork[c] = w;
        }

        // each course's coverage weights scaled to a maximum of 1, and the L2 norm of that vector
        CsrGraph coverage = s.coverage();
        courseMaxCoverage = new float[nc];
        topicVectorNorm = new float[nc];
        for (int c = 0; c < nc; c++) {
            float max = 0;
            for (int a = coverage.start(c); a < coverage.end(c); a++) {
                max = Math.max(max, coverage.weight(a));
            }
            courseMaxCoverage[c] = max;
            double sq = 0;
            for (int a = coverage.start(c); a < coverage.end(c); a++) {
                double x = max > 0 ? coverage.weight(a) / max : 0;
                sq += x * x;
            }
            topicVectorNorm[c] = (float) Math.sqrt(sq);
        }
        // a course's prerequisites: what its topics require, minus what the course itself teaches
        coursePrerequisites = new int[nc][];
        CsrGraph prerequisites = s.prerequisites();
        for (int c = 0; c < nc; c++) {
            int[] req = new int[0];
            int k = 0;
            for (int a = coverage.start(c); a < coverage.end(c); a++) {
                int t = coverage.target(a);
                for (int b = prerequisites.start(t); b < prerequisites.end(t); b++) {
                    int r = prerequisites.target(b);
                    if (coverage.findArc(c, r) < 0 && !contains(req, k, r)) {
                        if (k == req.length) {
                            req = Arrays.copyOf(req, Math.max(4, k * 2));
                        }
                        req[k++] = r;
                    }
                }
            }
            coursePrerequisites[c] = Arrays.copyOf(req, k);
        }

        tierNames = tiers.toArray(String[]::new);
        tierRanks = new Tiers(tiers);
        userTierRank = new int[nu];
        for (int u = 0; u < nu; u++) {
            userTierRank[u] = rank(s.users().tiers()[u]);
        }
        courseTierRank = new int[nc];
        for (int c = 0; c < nc; c++) {
            courseTierRank[c] = rank(s.courses().tiers()[c]);
        }
        popularByTier = new int[tierNames.length][];
        Integer[] byPopularity = new Integer[nc];
        for (int c = 0; c < nc; c++) {
            byPopularity[c] = c;
        }
        Arrays.sort(byPopularity, (a, b) -> learnerCount[a] != learnerCount[b]
                ? Integer.compare(learnerCount[b], learnerCount[a]) : Integer.compare(a, b));
        for (int t = 0; t < tierNames.length; t++) {
            final int tier = t;
            popularByTier[t] = Arrays.stream(byPopularity).mapToInt(Integer::intValue)
                    .filter(c -> courseTierRank[c] <= tier && learnerCount[c] > 0).limit(POPULAR_KEPT).toArray();
        }

        neighbours = new int[itemNeighbours > 0 ? nc : 0][];
        neighbourMass = new float[neighbours.length][];
        neighbourVia = new int[neighbours.length][];
        if (itemNeighbours > 0) {
            itemNeighbours(itemNeighbours);
        }

        this.community = community;
        this.influence = influence;
        int k = community.length == 0 ? 0 : Arrays.stream(community).max().getAsInt() + 1;
        communityInfluencers = topMembers(community, influence, k, influencersPerCommunity);
        candidateCourses = CandidateFeatures.Courses.of(this); // one pass over the learners' arcs
    }

    /**
     * @param alpha     the P3α exponent applied to every transition probability
     * @param tiers     membership tiers, lowest first (unknown tier names rank lowest)
     * @param community each user's community (e.g. Leiden), or an empty array for none (each user alone)
     * @param influence each user's influence (e.g. PageRank), or an empty array for none
     */
    public static RecommenderIndex build(GraphSnapshot s, double alpha, List<String> tiers, int[] community,
                                         double[] influence) {
        return build(s, alpha, tiers, community, influence, DEFAULT_ITEM_NEIGHBOURS);
    }

    public static final int DEFAULT_ITEM_NEIGHBOURS = 200;
    /**
     * The most-taken courses kept per tier (the popular source's candidates) and per community
     * (the trending ones): more than any answer's limit after filtering what a user took.
     */
    static final int POPULAR_KEPT = 200;
    static final int TRENDING_KEPT = 100;

    /**
     * @param itemNeighbours P3 neighbours kept per course for users whose exact walk sum is over
     *                       budget (0: estimate those by random walks instead)
     */
    public static RecommenderIndex build(GraphSnapshot s, double alpha, List<String> tiers, int[] community,
                                         double[] influence, int itemNeighbours) {
        if (itemNeighbours < 0) {
            throw new IllegalArgumentException("itemNeighbours must be >= 0, was " + itemNeighbours);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be > 0, was " + alpha);
        }
        int n = s.users().count();
        if (community.length != 0 && community.length != n || influence.length != 0 && influence.length != n) {
            throw new IllegalArgumentException("community and influence need one entry per user");
        }
        // without a partition every user is a community of one: no community signals
        int[] own = community.length == 0 ? java.util.stream.IntStream.range(0, n).toArray() : community;
        return new RecommenderIndex(s, alpha, tiers, own,
                influence.length == 0 ? new double[n] : influence, 5, itemNeighbours);
    }

    public GraphSnapshot snapshot() {
        return snapshot;
    }

    public double alpha() {
        return alpha;
    }

    public List<String> tiers() {
        return List.of(tierNames);
    }

    /** Users who took the course (enrolled, progressed, completed, purchased or rated). */
    public int learnerCount(int course) {
        return learnerCount[course];
    }

    public int userTierRank(int user) {
        return userTierRank[user];
    }

    public int courseTierRank(int course) {
        return courseTierRank[course];
    }

    public int community(int user) {
        return community[user];
    }

    /** True if the user enrolled in, progressed in, completed, purchased or rated the course. */
    public boolean took(int user, int course) {
        int a = snapshot.learning().findArc(user, course);
        return a >= 0 && (snapshot.learning().labels(a) & takenMask) != 0;
    }

    /** A coverage weight of the course relative to its strongest topic: (0, 1]. */
    double coverageShare(int course, float weight) {
        return courseMaxCoverage[course] > 0 ? weight / courseMaxCoverage[course] : 0;
    }

    /** Cosine of two courses' topic vectors (coverage scaled per course): a merge of two sorted rows. */
    double topicCosine(int a, int b) {
        CsrGraph cov = snapshot.coverage();
        if (topicVectorNorm[a] == 0 || topicVectorNorm[b] == 0) {
            return 0;
        }
        int i = cov.start(a);
        int j = cov.start(b);
        double dot = 0;
        while (i < cov.end(a) && j < cov.end(b)) {
            int ta = cov.target(i);
            int tb = cov.target(j);
            if (ta < tb) {
                i++;
            } else if (ta > tb) {
                j++;
            } else {
                dot += coverageShare(a, cov.weight(i++)) * coverageShare(b, cov.weight(j++));
            }
        }
        return dot / (topicVectorNorm[a] * topicVectorNorm[b]);
    }

    /** Per-course counts of the learned ranking's features. */
    CandidateFeatures.Courses candidateCourses() {
        return candidateCourses;
    }

    boolean isTaken(int labels) {
        return (labels & takenMask) != 0;
    }

    /** The relationship type an explanation shows for a learning arc: its strongest label. */
    String learningRelationship(CsrGraph g, int arc) {
        return strongest(g, g.labels(arc), STRENGTH_ORDER);
    }

    /** The relationship type of a social arc u → v, or null if there is none. */
    String socialRelationship(int from, int to) {
        CsrGraph social = snapshot.social();
        int a = social.findArc(from, to);
        return a < 0 ? null : strongest(social, social.labels(a), SOCIAL_STRENGTH_ORDER);
    }

    private static String strongest(CsrGraph g, int mask, List<String> order) {
        for (String type : order) {
            if ((mask & g.labelBit(type)) != 0) {
                return type;
            }
        }
        String[] names = g.labelNames();
        return mask == 0 || names.length == 0 ? "INTERACTED" : names[Integer.numberOfTrailingZeros(mask)];
    }

    /**
     * The community's courses taken by most members in the last {@code windowMinutes}, with the
     * member who took each most recently: {@code [courses, takers, latestMember]}. Computed on
     * first use per community, O(members' learning arcs).
     */
    int[][] trending(int c, long windowMinutes) {
        return trending.computeIfAbsent(c, key -> {
            GraphSnapshot s = snapshot;
            CsrGraph learning = s.learning();
            int nc = s.courses().count();
            int[] takers = new int[nc];
            int[] latestMember = new int[nc];
            int[] latestMinute = new int[nc];
            Arrays.fill(latestMinute, Integer.MIN_VALUE);
            long since = s.referenceMinute() == GraphSnapshot.NO_TIME ? Long.MIN_VALUE
                    : s.referenceMinute() - windowMinutes;
            for (int u = 0; u < community.length; u++) {
                if (community[u] != key) {
                    continue;
                }
                for (int a = learning.start(u); a < learning.end(u); a++) {
                    int m = learning.latest(a);
                    if (isTaken(learning.labels(a)) && (m == CsrGraph.NO_MINUTE || m >= since)) {
                        int course = learning.target(a);
                        takers[course]++;
                        if (m >= latestMinute[course]) {
                            latestMinute[course] = m;
                            latestMember[course] = u;
                        }
                    }
                }
            }
            int[] top = topIndexes(takers, TRENDING_KEPT);
            int[] count = new int[top.length];
            int[] member = new int[top.length];
            for (int i = 0; i < top.length; i++) {
                count[i] = takers[top[i]];
                member[i] = latestMember[top[i]];
            }
            return new int[][]{top, count, member};
        });
    }

    private int rank(String tier) {
        return tierRanks.rank(tier);
    }

    /** True if {@link #neighbours} were computed. */
    boolean hasItemNeighbours() {
        return neighbours.length > 0;
    }

    /**
     * The two-step part of P3 per course, P(i → j) = Σ_v p(i→v)^α p(v→j)^α, sparsified to the
     * {@code k} largest by P / √popularity(j) (so request-time RP3β damping still has long-tail
     * courses to promote), as in the item-item formulation of RP3β (Paudel et al. 2017). A user's
     * scores are then Σ_i p(u→i)^α P(i → j): O(deg(u) · k) per request. Building costs
     * O(Σ_v deg(v)²) over all users, in parallel.
     */
    private void itemNeighbours(int k) {
        CsrGraph learning = snapshot.learning();
        CsrGraph learners = snapshot.learners();
        int nc = snapshot.courses().count();
        ThreadLocal<double[]> accumulators = ThreadLocal.withInitial(() -> new double[nc]);
        ThreadLocal<float[]> strongest = ThreadLocal.withInitial(() -> new float[nc]);
        ThreadLocal<int[]> vias = ThreadLocal.withInitial(() -> new int[nc]);
        ThreadLocal<int[]> touchedLists = ThreadLocal.withInitial(() -> new int[nc]);
        java.util.stream.IntStream.range(0, nc).parallel().forEach(i -> {
            double[] acc = accumulators.get();
            float[] best = strongest.get();
            int[] via = vias.get();
            int[] touched = touchedLists.get();
            int t = 0;
            for (int b = learners.start(i); b < learners.end(i); b++) {
                int v = learners.target(b);
                double pb = backwardProbability[b];
                for (int e = learning.start(v); e < learning.end(v); e++) {
                    int j = learning.target(e);
                    double x = pb * forwardProbability[e];
                    if (acc[j] == 0) {
                        touched[t++] = j;
                    }
                    acc[j] += x;
                    if (x > best[j]) {
                        best[j] = (float) x;
                        via[j] = v;
                    }
                }
            }
            long[] keys = new long[t];
            for (int x = 0; x < t; x++) {
                int j = touched[x];
                float rank = (float) (acc[j] / Math.sqrt(Math.max(1, learnerCount[j])));
                keys[x] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(rank)) << 32) | j;
            }
            Arrays.sort(keys);
            int m = Math.min(k, t);
            int[] nb = new int[m];
            float[] mass = new float[m];
            int[] vv = new int[m];
            for (int x = 0; x < m; x++) {
                int j = (int) (keys[x] & 0xffffffffL);
                nb[x] = j;
                mass[x] = (float) acc[j];
                vv[x] = via[j];
            }
            for (int x = 0; x < t; x++) {
                int j = touched[x];
                acc[j] = 0;
                best[j] = 0;
            }
            neighbours[i] = nb;
            neighbourMass[i] = mass;
            neighbourVia[i] = vv;
        });
    }

    /** (w / W_row)^α per arc, W_row the row's weighted degree. */
    private static float[] transitionProbabilities(CsrGraph g, double alpha) {
        float[] p = new float[g.arcCount()];
        for (int v = 0; v < g.nodeCount(); v++) {
            double total = g.weightedDegree(v);
            for (int a = g.start(v); a < g.end(v); a++) {
                double q = total > 0 ? g.weight(a) / total : 0;
                p[a] = (float) (alpha == 1.0 ? q : Math.pow(q, alpha));
            }
        }
        return p;
    }

    private static int[][] topMembers(int[] community, double[] score, int k, int top) {
        int[][] best = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            best[c] = new int[top];
        }
        for (int u = 0; u < community.length; u++) {
            if (score[u] <= 0) {
                continue;
            }
            int c = community[u];
            int[] b = best[c];
            int len = fill[c];
            // insertion into a short sorted array: top is small
            int pos = len;
            while (pos > 0 && score[b[pos - 1]] < score[u]) {
                pos--;
            }
            if (pos < top) {
                int end = Math.min(len, top - 1);
                System.arraycopy(b, pos, b, pos + 1, end - pos);
                b[pos] = u;
                fill[c] = Math.min(top, len + 1);
            }
        }
        for (int c = 0; c < k; c++) {
            best[c] = Arrays.copyOf(best[c], fill[c]);
        }
        return best;
    }

    /** Indexes of the {@code k} largest positive values, largest first, ties by index. */
    static int[] topIndexes(int[] values, int k) {
        return java.util.stream.IntStream.range(0, values.length).filter(i -> values[i] > 0).boxed()
                .sorted((a, b) -> values[a] != values[b] ? Integer.compare(values[b], values[a]) : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static boolean contains(int[] a, int len, int x) {
        for (int i = 0; i < len; i++) {
            if (a[i] == x) {
                return true;
            }
        }
        return false;
    }
}
