package io.learnergraph.cli;

import io.learnergraph.analysis.churn.Auc;
import io.learnergraph.analysis.churn.ForwardChurn;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoostedChurnTest {

    /**
     * Churn when exactly one of two signs is present (exclusive or), plus a noise column: no
     * linear model can rank it (AUC about 0.5), depth-3 trees can (nearly 1). Checks the library is
     * wired (native code, labels, row order) and why a learner of this kind was worth trying.
     */
    @Test
    void treesLearnAnInteractionTheLogisticModelCannot() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1200;
        int d = 3;
        double[] x = new double[n * d];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean a = rnd.nextBoolean();
            boolean b = rnd.nextBoolean();
            x[i * d] = a ? 1 : 0;
            x[i * d + 1] = b ? 1 : 0;
            x[i * d + 2] = rnd.nextDouble();
            y[i] = a ^ b;
        }
        double trees = BoostedChurn.nestedAuc(x, d, y, 5, 42);
        double[] linear = ForwardChurn.fitAndScore(x, d, y, x, ForwardChurn.columns(d, 0), 1.0);
        assertTrue(trees > 0.95, "trees: " + trees);
        assertTrue(Auc.of(linear, y) < 0.6, "logistic: " + Auc.of(linear, y));
        // seeded: the same data give the same scores
        double[] test = {1, 0, 0.5, 1, 1, 0.5};
        assertArrayEquals(BoostedChurn.fitAndScore(x, d, y, test, 42), BoostedChurn.fitAndScore(x, d, y, test, 42), 0);
        double[] p = BoostedChurn.fitAndScore(x, d, y, test, 42);
        assertTrue(p[0] > 0.9 && p[1] < 0.1, java.util.Arrays.toString(p));
    }
}
