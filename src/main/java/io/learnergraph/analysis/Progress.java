package io.learnergraph.analysis;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * Progress of long algorithms, the twin of {@link Cancellation}: whoever runs an algorithm (a
 * job) installs a sink for its thread with {@link #reporting}; the algorithm captures it once,
 * at its start, with {@link #current()} and reports the fraction done (0..1), from its own
 * thread or its workers'. Without a sink reporting costs a no-op call.
 */
public final class Progress {

    private static final DoubleConsumer NONE = fraction -> { };
    private static final ThreadLocal<DoubleConsumer> SINK = new ThreadLocal<>();

    private Progress() {
    }

    /** Runs {@code work} with {@code sink} receiving the progress of the algorithms it calls. */
    public static <T> T reporting(DoubleConsumer sink, Supplier<T> work) {
        DoubleConsumer previous = SINK.get();
        SINK.set(sink);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                SINK.remove();
            } else {
                SINK.set(previous);
            }
        }
    }

    /** The sink installed for this thread, or one that ignores what it is told. */
    public static DoubleConsumer current() {
        DoubleConsumer sink = SINK.get();
        return sink == null ? NONE : sink;
    }

    /** A sink that maps 0..1 onto {@code from..to} of {@code sink}, for one step of several. */
    public static DoubleConsumer range(DoubleConsumer sink, double from, double to) {
        return fraction -> sink.accept(from + (to - from) * fraction);
    }

    /**
     * Counts units of work done out of a known total, from any number of threads, and reports
     * the fraction; for loops over sources or samples.
     */
    public static final class Counter {
        private final DoubleConsumer sink;
        private final long total;
        private final AtomicLong done = new AtomicLong();

        public Counter(DoubleConsumer sink, long total) {
            this.sink = sink;
            this.total = Math.max(1, total);
        }

        /** Adds {@code units} done and reports. */
        public void add(long units) {
            sink.accept(Math.min(1.0, (double) done.addAndGet(units) / total));
        }
    }
}
