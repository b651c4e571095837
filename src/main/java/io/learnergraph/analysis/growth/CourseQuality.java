package io.learnergraph.analysis.growth;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.Arrays;

/**
 * A quality score per course in [0, 1]:
 * <pre>
 *   quality = w_rating · (bayesRating − 1) / 4 + w_completion · bayesCompletion + w_creator · creatorStanding
 *   bayesRating     = (C · m + Σ ratings) / (C + n)          m: the platform's mean rating, n ratings
 *   bayesCompletion = (K · r + completed) / (K + enrolled)   r: the platform's completion rate
 *   creatorStanding = percentile among creators of Σ PageRank of the creator's followers
 * </pre>
 * The shrinkage (the Bayesian average of a rating site's "true Bayesian estimate") pulls courses
 * with few ratings toward the platform mean: with m = 4 and C = 10, three 5-star ratings give
 * 4.23 while three hundred 4.6s give 4.58. Each user's latest rating of a course counts once;
 * a user counts as enrolled with an enrolment, purchase, progress or completion. O(events + arcs).
 */
public final class CourseQuality {

    /**
     * @param ratingPrior     C, in ratings
     * @param completionPrior K, in enrolments
     */
    public record Parameters(double ratingPrior, double completionPrior, double ratingWeight, double completionWeight,
                             double creatorWeight) {
        public static Parameters defaults() {
            return new Parameters(10, 10, 0.5, 0.3, 0.2);
        }
    }

    /** Per course (dense id). */
    public record Result(double[] quality, int[] ratings, double[] meanRating, double[] bayesRating, int[] enrolled,
                         int[] completed, double[] bayesCompletion, double[] creatorStanding, double platformRating,
                         double platformCompletion) {
    }

    private CourseQuality() {
    }

    /** @param pagerank of every user, for the creators' standing */
    public static Result compute(GraphSnapshot s, double[] pagerank, Parameters p) {
        ActivityLog log = s.activity();
        int nc = s.courses().count();
        int rated = log.typeCode("RATED");
        int completedType = log.typeCode("COMPLETED");
        int viewed = log.typeCode("VIEWED");
        int[] ratings = new int[nc];
        double[] ratingSum = new double[nc];
        int[] enrolled = new int[nc];
        int[] completed = new int[nc];
        // per user: the latest rating per course, and whether they enrolled or completed
        float[] lastRating = new float[nc];
        Arrays.fill(lastRating, Float.NaN);
        byte[] state = new byte[nc];
        int[] touched = new int[nc];
        for (int u = 0; u < log.userCount(); u++) {
            int nt = 0;
            for (int e = log.start(u); e < log.end(u); e++) {
                if (!log.isLearning(e)) {
                    continue;
                }
                int c = log.other(e);
                int t = log.type(e);
                if (state[c] == 0 && Float.isNaN(lastRating[c])) {
                    touched[nt++] = c;
                }
                if (t == rated) {
                    if (!Float.isNaN(log.value(e))) {
                        lastRating[c] = log.value(e);
                    }
                    state[c] |= 4; // touched
                } else if (t == completedType) {
                    state[c] |= 1 | 2 | 4;
                } else if (t != viewed) {
                    state[c] |= 1 | 4;
                } else {
                    state[c] |= 4;
                }
            }
            for (int i = 0; i < nt; i++) {
                int c = touched[i];
                if (!Float.isNaN(lastRating[c])) {
                    ratings[c]++;
                    ratingSum[c] += lastRating[c];
                }
                enrolled[c] += (state[c] & 1) != 0 ? 1 : 0;
                completed[c] += (state[c] & 2) != 0 ? 1 : 0;
                lastRating[c] = Float.NaN;
                state[c] = 0;
            }
        }
        long totalRatings = 0;
        double totalSum = 0;
        long totalEnrolled = 0;
        long totalCompleted = 0;
        for (int c = 0; c < nc; c++) {
            totalRatings += ratings[c];
            totalSum += ratingSum[c];
            totalEnrolled += enrolled[c];
            totalCompleted += completed[c];
        }
        double m = totalRatings == 0 ? 3 : totalSum / totalRatings;
        double r = totalEnrolled == 0 ? 0 : (double) totalCompleted / totalEnrolled;
        double[] standing = creatorStanding(s, pagerank);
        double[] quality = new double[nc];
        double[] mean = new double[nc];
        double[] bayesRating = new double[nc];
        double[] bayesCompletion = new double[nc];
        double[] courseStanding = new double[nc];
        for (int c = 0; c < nc; c++) {
            mean[c] = ratings[c] == 0 ? Double.NaN : ratingSum[c] / ratings[c];
            bayesRating[c] = (p.ratingPrior() * m + ratingSum[c]) / (p.ratingPrior() + ratings[c]);
            bayesCompletion[c] = (p.completionPrior() * r + completed[c]) / (p.completionPrior() + enrolled[c]);
            int creator = s.courses().creator()[c];
            courseStanding[c] = creator < 0 ? 0 : standing[creator];
            quality[c] = p.ratingWeight() * (bayesRating[c] - 1) / 4 + p.completionWeight() * bayesCompletion[c]
                    + p.creatorWeight() * courseStanding[c];
        }
        return new Result(quality, ratings, mean, bayesRating, enrolled, completed, bayesCompletion, courseStanding, m, r);
    }

    /**
     * Per user: among the platform's creators, the percentile (0..1, ties sharing their mid-rank)
     * of the summed PageRank of the users who follow them; 0 for users who create nothing.
     */
    static double[] creatorStanding(GraphSnapshot s, double[] pagerank) {
        int n = s.users().count();
        boolean[] creator = new boolean[n];
        for (int c : s.courses().creator()) {
            if (c >= 0) {
                creator[c] = true;
            }
        }
        double[] followerRank = new double[n];
        CsrGraph g = s.social();
        int follows = g.labelBit("FOLLOWS");
        for (int v = 0; v < n; v++) {
            for (int a = g.start(v); a < g.end(v); a++) {
                int w = g.target(a);
                if (creator[w] && follows != 0 && (g.labels(a) & follows) != 0) {
                    followerRank[w] += pagerank[v];
                }
            }
        }
        int[] creators = java.util.stream.IntStream.range(0, n).filter(u -> creator[u]).toArray();
        double[] standing = new double[n];
        if (creators.length == 0) {
            return standing;
        }
        Integer[] order = Arrays.stream(creators).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(followerRank[a], followerRank[b]));
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && followerRank[order[j]] == followerRank[order[i]]) {
                j++;
            }
            double pct = creators.length == 1 ? 1 : ((i + j - 1) / 2.0) / (creators.length - 1);
            for (int k = i; k < j; k++) {
                standing[order[k]] = pct;
            }
            i = j;
        }
        return standing;
    }
}
