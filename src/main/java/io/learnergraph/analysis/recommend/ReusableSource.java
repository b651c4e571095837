package io.learnergraph.analysis.recommend;

import java.util.function.Function;

/**
 * A candidate source whose arrays live per thread and are reused from request to request: each
 * run first zeroes only what the previous one touched, so a request costs its neighbourhood, not
 * the catalogue, and allocates nothing. The index is attached per request and detached after it,
 * so an idle thread never keeps a replaced snapshot alive.
 */
abstract class ReusableSource implements Recommender.SourceResult {

    protected RecommenderIndex index;
    protected final double[] scores;
    protected final Touched courses;

    protected ReusableSource(RecommenderIndex index) {
        this.index = index;
        int nc = index.snapshot().courses().count();
        scores = new double[nc];
        courses = new Touched(nc);
    }

    /** Zeroes the subclass's own per-course arrays at {@code c} ({@link #scores} is done here). */
    protected abstract void clearCourse(int c);

    /** Whether these arrays fit the index's catalogue. */
    protected boolean fits(RecommenderIndex i) {
        return scores.length == i.snapshot().courses().count();
    }

    protected final void clearTouched() {
        for (int k = 0; k < courses.size(); k++) {
            int c = courses.get(k);
            scores[c] = 0;
            clearCourse(c);
        }
        courses.clear();
    }

    /** This thread's instance, made anew only when the catalogue's size changed. */
    static <T extends ReusableSource> T reuse(ThreadLocal<T> local, RecommenderIndex index,
                                             Function<RecommenderIndex, T> create) {
        T t = local.get();
        if (t == null || !t.fits(index)) {
            t = create.apply(index);
            local.set(t);
        }
        t.index = index;
        return t;
    }

    static void detach(ThreadLocal<? extends ReusableSource> local) {
        ReusableSource r = local.get();
        if (r != null) {
            r.index = null;
        }
    }

    @Override
    public double[] scores() {
        return scores;
    }

    @Override
    public Touched candidates() {
        return courses;
    }
}
