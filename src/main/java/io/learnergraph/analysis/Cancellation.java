package io.learnergraph.analysis;

import java.util.concurrent.CancellationException;

/**
 * Cooperative cancellation: long algorithms call {@link #check()} in their outer loops (levels,
 * iterations, sources), so interrupting the thread that runs them stops them promptly.
 */
public final class Cancellation {

    private Cancellation() {
    }

    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
