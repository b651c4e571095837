package io.learnergraph.service;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.config.LiveSettings;
import io.learnergraph.model.GraphChanged;
import io.learnergraph.model.GraphEvent;
import io.learnergraph.store.ChangeFeedStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Follows the change feed in Neo4j and applies every change to the live graph, in order, on one
 * thread: events as deltas (visible to user-level answers at once), everything else as a reload
 * or an erasure. Every instance does the same, whichever instance wrote the change, so replicas
 * converge through the database. A local write wakes the follower at once; otherwise it polls
 * every {@code learnergraph.live.poll-millis}. It also decides when the deltas are merged into a
 * new snapshot ({@code merge-share}, {@code merge-after-seconds}) and prunes old changes.
 */
@Context
public class LiveGraphFollower {

    private static final Logger LOG = LoggerFactory.getLogger(LiveGraphFollower.class);
    private static final int BATCH = 1_000;

    private final SnapshotService snapshots;
    private final ChangeFeedStore feed;
    private final LiveSettings settings;
    private final Thread thread;
    private final ExecutorService merger = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-merge");
        t.setDaemon(true);
        return t;
    });
    private final Object wake = new Object();
    private volatile boolean running = true;
    private boolean woken;
    private Future<?> merging;
    private volatile long deltaSince;
    private long lastPrune;

    public LiveGraphFollower(SnapshotService snapshots, ChangeFeedStore feed, LiveSettings settings) {
        this.snapshots = snapshots;
        this.feed = feed;
        this.settings = settings;
        snapshots.onRestored(this::catchUp);
        this.thread = new Thread(this::run, "change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** A change was written here: read the feed now instead of at the next poll. */
    @EventListener
    public void graphChanged(GraphChanged event) {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /**
     * Applies every change committed so far before returning (an erasure must be out of every
     * answer when its request returns); returns the snapshot then current.
     */
    public synchronized GraphSnapshot catchUp() {
        apply();
        return snapshots.current();
    }

    private void run() {
        while (running) {
            synchronized (wake) {
                if (!woken) {
                    try {
                        wake.wait(settings.pollMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!running) {
                        return;
                    }
                }
                woken = false;
            }
            if (snapshots.deltaSizeOrLoaded() < 0) {
                continue; // nothing loaded yet (a command, or start-up still importing): nothing to follow
            }
            try {
                synchronized (this) {
                    apply();
                }
                mergeIfDue();
                pruneIfDue();
            } catch (RuntimeException e) {
                LOG.warn("change feed: {}", e.getMessage());
            }
        }
    }

    /** Applies the changes after the live graph's position, oldest first. */
    private void apply() {
        if (snapshots.deltaSizeOrLoaded() < 0) {
            return; // nothing loaded yet: the first reader loads the graph with every change in it
        }
        while (true) {
            long position = snapshots.position();
            List<ChangeFeedStore.Change> changes = feed.after(position, BATCH);
            if (changes.isEmpty()) {
                return;
            }
            if (changes.get(0).seq() > position + 1 && pruned(position)) {
                LOG.info("change feed: changes after {} were pruned; reloading", position);
                snapshots.refresh();
                continue;
            }
            for (ChangeFeedStore.Change c : changes) {
                if (!applyOne(c)) {
                    break; // reloaded: read on from the reload's position
                }
            }
            if (changes.size() < BATCH) {
                return;
            }
        }
    }

    /** Applies one change; false when it made the graph reload. */
    private boolean applyOne(ChangeFeedStore.Change c) {
        switch (c.kind()) {
            case "events" -> {
                SnapshotService.Applied applied = snapshots.applyEvents(c.seq(), GraphEvent.decode(c.payload()));
                if (applied == SnapshotService.Applied.NEEDS_RELOAD) {
                    LOG.info("change {} names nodes the snapshot does not have; reloading", c.seq());
                    snapshots.refresh();
                    return false;
                }
                if (deltaSince == 0) {
                    deltaSince = System.nanoTime();
                }
            }
            case "erase" -> snapshots.erase(c.seq(), c.userId());
            case "reload" -> {
                snapshots.refresh();
                return false;
            }
            default -> {
                LOG.warn("change {} has an unknown kind '{}'; reloading", c.seq(), c.kind());
                snapshots.refresh();
                return false;
            }
        }
        return true;
    }

    private boolean pruned(long position) {
        OptionalLong oldest = feed.oldest();
        return oldest.isPresent() && oldest.getAsLong() > position + 1;
    }

    /** Starts a merge in the background when the delta is large or old enough (one at a time). */
    private void mergeIfDue() {
        int delta = snapshots.deltaSizeOrLoaded();
        if (delta <= 0) {
            deltaSince = 0;
            return;
        }
        if (merging != null && !merging.isDone()) {
            return;
        }
        GraphSnapshot s = snapshots.current();
        boolean large = delta >= settings.mergeShare() * Math.max(1, s.activity().eventCount());
        boolean old = deltaSince != 0 && System.nanoTime() - deltaSince >= TimeUnit.SECONDS.toNanos(
                settings.mergeAfterSeconds());
        if (large || old) {
            deltaSince = 0;
            merging = merger.submit(() -> {
                try {
                    snapshots.merge();
                } catch (RuntimeException e) {
                    LOG.warn("merging the delta failed; it stays a delta: {}", e.getMessage(), e);
                }
            });
        }
    }

    private void pruneIfDue() {
        long now = System.currentTimeMillis();
        if (now - lastPrune < 60_000) {
            return;
        }
        lastPrune = now;
        long pruned = feed.prune(now - TimeUnit.MINUTES.toMillis(settings.feedRetentionMinutes()), settings.feedKeep());
        if (pruned > 0) {
            LOG.info("change feed: pruned {} old changes", pruned);
        }
    }

    /** Lets a read in progress finish (interrupting it mid-query makes the driver retry, noisily). */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        thread.join(5_000);
        merger.shutdownNow();
    }
}
