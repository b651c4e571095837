package io.learnergraph.analysis.recommend;

import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

/**
 * The most-taken courses open to the user's tier (all tiers when gated courses are wanted),
 * scored by learners relative to the top course: the cold-start fallback and the popularity
 * baseline. O(200) per request: the lists are precomputed per tier.
 */
final class PopularSource extends ReusableSource {

    private static final ThreadLocal<PopularSource> REUSED = new ThreadLocal<>();

    private String tier;

    private PopularSource(RecommenderIndex index) {
        super(index);
    }

    static PopularSource compute(RecommenderIndex index, int user, boolean includeGated) {
        return new PopularSource(index).run(user, includeGated);
    }

    /** This thread's instance for the index, cleaned of its previous request: no per-request allocation. */
    static PopularSource reused(RecommenderIndex index) {
        return reuse(REUSED, index, PopularSource::new);
    }

    static void detachReused() {
        detach(REUSED);
    }

    PopularSource run(int user, boolean includeGated) {
        clearTouched();
        int rank = includeGated ? index.tierNames.length - 1 : index.userTierRank(user);
        tier = rank < 0 ? null : index.tierNames[rank];
        if (rank >= 0) {
            int[] list = index.popularByTier[rank];
            if (list.length > 0) {
                double top = index.learnerCount(list[0]);
                for (int c : list) {
                    scores[c] = index.learnerCount(c) / top;
                    courses.add(c);
                }
            }
        }
        return this;
    }

    @Override
    protected void clearCourse(int c) {
        // scores are all it has
    }

    @Override
    public Reason explain(int c) {
        GraphSnapshot s = index.snapshot();
        CsrGraph learners = s.learners();
        int latest = -1;
        int latestMinute = Integer.MIN_VALUE;
        for (int a = learners.start(c); a < learners.end(c); a++) {
            if (index.isTaken(learners.labels(a)) && (latest < 0 || learners.latest(a) > latestMinute)) {
                latest = a;
                latestMinute = learners.latest(a);
            }
        }
        int v = learners.target(latest);
        String rel = index.learningRelationship(learners, latest);
        Paths path = Paths.from(s).course(c).in(rel).user(v);
        String text = String.format(java.util.Locale.ROOT, "Popular in the %s tier: %,d learners took %s, most recently %s",
                tier, index.learnerCount(c), Paths.title(s, c), Paths.userName(s, v));
        return new Reason("popular", text, path.steps());
    }
}
