package io.learnergraph.model;

/** Timings and sizes of one projection of the store. */
public record LoadStats(long relationships, double seconds, long skipped) {
    public double relationshipsPerSecond() {
        return seconds > 0 ? relationships / seconds : 0;
    }
}
