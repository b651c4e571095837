package io.learnergraph.analysis.churn;

import io.learnergraph.analysis.graph.GraphSnapshot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardChurnTest {

    /** The hand-built history of {@link ChurnFeaturesTest}: users a (0) and c (2) at T. */
    @Test
    void theBaselinesSixFeaturesHaveTheirHandComputedValues() {
        GraphSnapshot s = ChurnFeaturesTest.history(b -> { }).build(1);
        double[] x = ForwardChurn.baseline(s, new int[]{0, 2}, ChurnFeaturesTest.T);
        // a: last activity 2 days before T; 1 event in 7 days, 4 in 30, 2 in the 30 before
        // (enrolled 45 days, commented 40 days before); contacts b, c, d (followed, commented,
        // followed by b, liked by c), of whom b (50 days) and d (35 days) were quiet for 3 weeks
        // c: liked a 5 days before; contacts a (liked, followed by a) and b (followed by b), b quiet
        assertArrayEquals(new double[]{
                2, 1, 4, 2, Math.log1p(3), 2.0 / 3,
                5, 1, 1, 0, Math.log1p(2), 0.5}, x, 1e-12);
    }

    @Test
    void fitAndScoreUsesOnlyTheChosenColumns() {
        // y follows column 0; column 1 is noise the fit is told to ignore
        double[] train = {0, 5, 1, 0, 2, 5, 3, 0, 0.5, 1, 2.5, 1};
        boolean[] y = {false, false, true, true, false, true};
        boolean[] first = {true, false};
        double[] a = ForwardChurn.fitAndScore(train, 2, y, new double[]{0.5, 100, 2.5, -100}, first, 1.0);
        double[] b = ForwardChurn.fitAndScore(train, 2, y, new double[]{0.5, -7, 2.5, 42}, first, 1.0);
        assertArrayEquals(a, b, 0, "the ignored column changes nothing");
        assertTrue(a[1] > 0.5 && a[0] < 0.5, java.util.Arrays.toString(a));
        assertEquals(1.0, Auc.of(a, new boolean[]{false, true}), 0);
        assertArrayEquals(new boolean[]{true, true, false}, ForwardChurn.columns(3, 1));
    }
}
