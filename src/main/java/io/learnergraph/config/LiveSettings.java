package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code learnergraph.live.*}: how events reach the in-memory graph, and when the deltas are
 * merged into a new snapshot (which global analytics then recompute on).
 *
 * @param pollMillis           how often every instance reads the change feed
 * @param mergeShare           merge when the delta holds this share of the snapshot's relationships
 * @param mergeAfterSeconds    merge when the oldest unmerged event is this old
 * @param feedRetentionMinutes changes older than this are pruned from the feed...
 * @param feedKeep             ...beyond the newest this many
 * @param persistSnapshot      save the snapshot in the data directory, for a restart to read back
 * @param persistEveryMinutes  save a merged snapshot at most this often (a reload or an erasure at once)
 */
@ConfigurationProperties("learnergraph.live")
public record LiveSettings(int pollMillis, double mergeShare, int mergeAfterSeconds, int feedRetentionMinutes,
                           int feedKeep, boolean persistSnapshot, int persistEveryMinutes) {

    public LiveSettings {
        if (pollMillis < 10 || pollMillis > 60_000) {
            throw new IllegalArgumentException("learnergraph.live.poll-millis must be 10..60000, was " + pollMillis);
        }
        if (!(mergeShare > 0 && mergeShare <= 1)) {
            throw new IllegalArgumentException("learnergraph.live.merge-share must be in (0, 1], was " + mergeShare);
        }
        if (mergeAfterSeconds < 1 || feedRetentionMinutes < 1 || feedKeep < 1) {
            throw new IllegalArgumentException("learnergraph.live.merge-after-seconds, feed-retention-minutes and "
                    + "feed-keep must be >= 1");
        }
        if (persistEveryMinutes < 0) {
            throw new IllegalArgumentException("learnergraph.live.persist-every-minutes must be >= 0, was "
                    + persistEveryMinutes);
        }
    }
}
