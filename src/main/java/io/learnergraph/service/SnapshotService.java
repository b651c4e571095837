package io.learnergraph.service;

import io.learnergraph.model.LoadStats;
import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.DeltaLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.graph.ProjectionWeights;
import io.learnergraph.analysis.graph.SnapshotMerge;
import io.learnergraph.analysis.knowledge.PrerequisiteGraph;
import io.learnergraph.config.LiveSettings;
import io.learnergraph.config.WeightSettings;
import io.learnergraph.model.GraphEvent;
import io.learnergraph.model.LearningType;
import io.learnergraph.model.SocialType;
import io.learnergraph.store.ChangeFeedStore;
import io.learnergraph.store.ProjectionLoader;
import io.learnergraph.store.SnapshotFile;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The live graph: an immutable {@link GraphSnapshot}, the {@link DeltaLog} of events applied to it
 * since, and the change-feed position they reflect. Readers pin a {@link LiveView} (or just the
 * snapshot) and compute on it from start to answer; a new snapshot never blocks them.
 *
 * <p>A snapshot comes from the store at start and on {@link #refresh} (or when a change cannot be
 * a delta: nodes, topics or prerequisites imported, a store bulk-loaded), and otherwise from a
 * {@link #merge} of the previous one with its delta, in memory. Versions only grow. Deltas and
 * merges are applied by one thread, {@link LiveGraphFollower}, in change-feed order.
 */
@Singleton
public class SnapshotService {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);

    /**
     * The snapshot, the delta on top of it, the deltas that were merged into the snapshots before
     * it (newest last; cleared by a reload or an erasure, which change the dense ids), and the
     * change-feed position all of it reflects. Replaced whole, so a reader's position and view
     * belong together (the delta may hold more than the position says, never less).
     */
    private record State(GraphSnapshot snapshot, Origin origin, long snapshotPosition, DeltaLog delta,
                         List<Merged> history, long position) {
        State withPosition(long seq) {
            return new State(snapshot, origin, snapshotPosition, delta, history, Math.max(position, seq));
        }
    }

    /** Where the current snapshot came from. */
    public enum Origin {
        /** Projected from the store (at start, on refresh, or when a change could not be a delta). */
        STORE,
        /** Read back from the snapshot saved in the data directory. */
        SAVED,
        /** Merged in memory from the previous snapshot and its delta. */
        MERGED
    }

    /** A delta that was merged into the snapshot after {@code version}. */
    private record Merged(long version, DeltaLog.View delta) {
    }

    /** How many merges back {@link #deltasSince} can answer for. */
    private static final int HISTORY = 4;

    private final ProjectionLoader loader;
    private final ChangeFeedStore feed;
    private final SnapshotFile file;
    private final LiveSettings live;
    private final ProjectionWeights weights;
    private final AtomicReference<State> state = new AtomicReference<>();
    private final AtomicReference<LoadStats> lastStats = new AtomicReference<>();
    private final AtomicLong versions = new AtomicLong();
    private final List<Consumer<GraphSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> erasureListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> restoreListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean restoredBehind = new AtomicBoolean();
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-save");
        t.setDaemon(true);
        return t;
    });
    /** Held while the saved file is replaced or deleted; erasures counts the deletions for privacy. */
    private final Object fileLock = new Object();
    private long erasures;
    private volatile long lastSave;
    private volatile GraphSnapshot saved;
    /** The feed (database) the current snapshot was projected from or restored beside; null if unknown. */
    private volatile String feedIdentity;
    private byte[] fingerprint;

    public SnapshotService(ProjectionLoader loader, ChangeFeedStore feed, SnapshotFile file, LiveSettings live,
                           WeightSettings settings) {
        this.loader = loader;
        this.feed = feed;
        this.file = file;
        this.live = live;
        this.weights = weightsOf(settings);
    }

    /** The latest snapshot (without its delta); loads it (blocking) only when none was loaded yet. */
    public GraphSnapshot current() {
        State s = state.get();
        return s != null ? s.snapshot() : first().snapshot();
    }

    /** The latest snapshot with every change applied so far, pinned as one view. */
    public LiveView live() {
        State s = state.get();
        if (s == null) {
            s = first();
        }
        return new LiveView(s.snapshot(), s.delta().view(), s.position());
    }

    /**
     * The first state: the saved snapshot when it can be trusted, brought up to the feed's newest
     * change by the {@link #onRestored} listeners before it is answered from; else the store's.
     */
    private State first() {
        State s = load();
        if (restoredBehind.compareAndSet(true, false)) {
            restoreListeners.forEach(Runnable::run);
            s = state.get();
        }
        return s;
    }

    /** Where the current snapshot came from; null before the first load. */
    public Origin origin() {
        State s = state.get();
        return s == null ? null : s.origin();
    }

    /** The change-feed position the live graph reflects (0 before the first load). */
    public long position() {
        State s = state.get();
        return s == null ? 0 : s.position();
    }

    private synchronized State load() {
        State s = state.get();
        if (s != null) {
            return s;
        }
        State restored = restoreLocked();
        if (restored != null) {
            restoredBehind.set(true);
            install(restored);
            return restored;
        }
        return reloadLocked();
    }

    /**
     * The saved snapshot as a state at its feed position, or null when there is none, persisting
     * is off, or it cannot be trusted: other code or weights, another database, damaged, or ahead
     * of the feed (a database restored from an older backup).
     */
    private State restoreLocked() {
        if (!live.persistSnapshot()) {
            return null;
        }
        long start = System.nanoTime();
        try {
            String identity = feed.identity();
            feedIdentity = identity;
            long latest = feed.latest();
            java.util.Optional<SnapshotFile.Restored> r = file.read(fingerprint(), identity, versions.get() + 1);
            if (r.isEmpty()) {
                return null;
            }
            if (r.get().position() > latest) {
                LOG.warn("The saved snapshot {} is at change {}, the database's feed only at {}: projecting the store",
                        file.path(), r.get().position(), latest);
                file.delete();
                return null;
            }
            versions.incrementAndGet();
            GraphSnapshot g = r.get().snapshot();
            saved = g;
            LOG.info("Snapshot v{} read from {} in {} s ({} users, change {}; the feed is at {})", g.version(),
                    file.path(), String.format("%.2f", (System.nanoTime() - start) / 1e9), g.users().count(),
                    r.get().position(), latest);
            return new State(g, Origin.SAVED, r.get().position(), new DeltaLog(g.users().count()), List.of(), r.get().position());
        } catch (RuntimeException e) {
            LOG.warn("Not using the saved snapshot: {}; projecting the store", e.getMessage());
            return null;
        }
    }

    /**
     * Loads a new snapshot from the store now and returns it (serialised with every other
     * change of state). The feed position is read before the load: changes committed during it
     * are applied again as deltas, and those the load already saw are recognised and skipped.
     */
    public synchronized GraphSnapshot refresh() {
        return reloadLocked().snapshot();
    }

    private State reloadLocked() {
        long at = feedPosition();
        feedIdentity = identityOrNull();
        ProjectionLoader.Loaded loaded = loader.load(versions.incrementAndGet(), weights);
        State s = new State(loaded.snapshot(), Origin.STORE, at, new DeltaLog(loaded.snapshot().users().count()), List.of(), at);
        lastStats.set(loaded.stats());
        PrerequisiteGraph.of(loaded.snapshot()).anyCycle().ifPresent(c -> LOG.warn("The store's topic prerequisites "
                + "loop ({}; written around the import, which refuses a cycle): learning paths through them answer "
                + "409", String.join(" -> ", c.stream().map(t -> loaded.snapshot().topics().ids()[t]).toList())));
        install(s);
        save(true);
        return s;
    }

    /** The feed's identity, or null when persisting is off or it cannot be read (nothing is saved then). */
    private String identityOrNull() {
        if (!live.persistSnapshot()) {
            return null;
        }
        try {
            return feed.identity();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the change feed's identity ({}); the snapshot will not be saved", e.getMessage());
            return null;
        }
    }

    /** The feed's newest change; when it cannot be read, the position already reached (never back). */
    private long feedPosition() {
        try {
            return feed.latest();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the change feed's position ({}); keeping {}", e.getMessage(), position());
            return position();
        }
    }

    private void install(State s) {
        state.set(s);
        listeners.forEach(l -> {
            try {
                l.accept(s.snapshot());
            } catch (RuntimeException e) {
                LOG.warn("snapshot listener failed: {}", e.getMessage(), e);
            }
        });
    }

    /** What applying one change did. */
    public enum Applied {
        /** Its events are in the delta (or were there already). */
        DELTA,
        /** It named nodes the snapshot does not have: the snapshot must be reloaded. */
        NEEDS_RELOAD
    }

    /**
     * Applies one change's events to the delta and moves the feed position to {@code seq}. An
     * event about a user or course the snapshot does not know cannot be a delta: the caller
     * reloads. Events already present are skipped, so a change applied twice counts once.
     */
    public synchronized Applied applyEvents(long seq, List<GraphEvent> events) {
        State s = state.get();
        if (s == null) {
            return Applied.NEEDS_RELOAD;
        }
        GraphSnapshot g = s.snapshot();
        for (GraphEvent e : events) {
            // a fresh view per event: an event twice in one change must count once too
            LiveView view = new LiveView(g, s.delta().view(), s.position());
            OptionalInt from = g.users().indexOf(e.from());
            if (from.isEmpty()) {
                return Applied.NEEDS_RELOAD;
            }
            int u = from.getAsInt();
            int minute = e.minute() == GraphEvent.NO_MINUTE ? ActivityLog.NO_MINUTE : (int) e.minute();
            switch (e.kind()) {
                case MEMBERSHIP -> {
                    if (!view.containsMembership(u, e.to(), minute)) {
                        s.delta().addMembership(u, e.to(), minute);
                    }
                }
                case LEARNING -> {
                    OptionalInt c = g.courses().indexOf(e.to());
                    if (c.isEmpty()) {
                        return Applied.NEEDS_RELOAD;
                    }
                    if (!view.contains(DeltaLog.Kind.LEARNING, u, c.getAsInt(), e.type(), minute)) {
                        s.delta().add(DeltaLog.Kind.LEARNING, u, c.getAsInt(), e.type(), minute, (float) e.value());
                    }
                }
                case FOLLOW, SOCIAL -> {
                    OptionalInt t = g.users().indexOf(e.to());
                    if (t.isEmpty()) {
                        return Applied.NEEDS_RELOAD;
                    }
                    DeltaLog.Kind k = e.kind() == GraphEvent.Kind.FOLLOW ? DeltaLog.Kind.FOLLOW : DeltaLog.Kind.SOCIAL;
                    if (!view.contains(k, u, t.getAsInt(), e.type(), minute)) {
                        s.delta().add(k, u, t.getAsInt(), e.type(), minute, Float.NaN);
                    }
                }
            }
        }
        state.set(s.withPosition(seq));
        return Applied.DELTA;
    }

    /** Moves the feed position past a change that needed no delta (or was applied by a reload). */
    public synchronized void skipTo(long seq) {
        State s = state.get();
        if (s != null) {
            state.set(s.withPosition(seq));
        }
    }

    /**
     * Removes an erased user from the live graph before returning: the snapshot is merged with
     * its delta in memory, leaving the user and every event to or from them out, so no later
     * answer, cached analysis or recommendation index mentions them.
     */
    public synchronized GraphSnapshot erase(long seq, String userId) {
        State s = state.get();
        if (s == null) {
            forgetSaved(userId);
            return null;
        }
        OptionalInt u = s.snapshot().users().indexOf(userId);
        if (u.isPresent()) {
            forgetSaved(userId);
            s.delta().erase(u.getAsInt());
            mergeLocked(s, s.delta().view(), Math.max(s.position(), seq));
            long version = state.get().snapshot().version();
            erasureListeners.forEach(l -> l.accept(version));
        }
        state.set(state.get().withPosition(seq));
        return state.get().snapshot();
    }

    /** Events in the delta of the current snapshot, or -1 when no snapshot was loaded yet. */
    public int deltaSizeOrLoaded() {
        State s = state.get();
        return s == null ? -1 : s.delta().view().size();
    }

    /**
     * Merges the current snapshot with its delta into a new snapshot, in memory, and installs it
     * (the listeners then recompute the global analytics on it). Events applied while the merge
     * runs are carried over to the new snapshot's delta.
     */
    public GraphSnapshot merge() {
        State before;
        DeltaLog.View upTo;
        synchronized (this) {
            before = state.get();
            if (before == null) {
                return current();
            }
            upTo = before.delta().view();
        }
        long start = System.nanoTime();
        GraphSnapshot merged = SnapshotMerge.merge(before.snapshot(), upTo, weights, versions.incrementAndGet());
        synchronized (this) {
            State now = state.get();
            if (now.snapshot() != before.snapshot() || now.delta() != before.delta()
                    || now.delta().view().erasedCount() != upTo.erasedCount()) {
                return now.snapshot(); // reloaded or erased meanwhile: this merge is stale
            }
            DeltaLog carried = carryOver(now.delta().view(), upTo, merged.users().count());
            List<Merged> history = new java.util.ArrayList<>(now.history());
            history.add(new Merged(now.snapshot().version(), upTo));
            while (history.size() > HISTORY) {
                history.remove(0);
            }
            install(new State(merged, Origin.MERGED, before.position(), carried, List.copyOf(history), now.position()));
        }
        save(false);
        LOG.info("Snapshot v{} merged in memory from v{} and {} delta events in {} s", merged.version(),
                before.snapshot().version(), upTo.size(), String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return merged;
    }

    /** Merges all of {@code s}'s delta, which holds every change up to {@code position}. */
    private void mergeLocked(State s, DeltaLog.View upTo, long position) {
        GraphSnapshot merged = SnapshotMerge.merge(s.snapshot(), upTo, weights, versions.incrementAndGet());
        install(new State(merged, Origin.MERGED, position, new DeltaLog(merged.users().count()), List.of(), s.position()));
        save(true);
    }

    /**
     * Saves the newest snapshot in the background (after a reload or an erasure always, after a
     * merge at most every {@code learnergraph.live.persist-every-minutes}): a restart reads it back
     * and replays only the changes after it. Saves coalesce; a save overtaken by an erasure is
     * thrown away rather than put back on disk.
     */
    private void save(boolean always) {
        if (!live.persistSnapshot()
                || !always && System.nanoTime() - lastSave < TimeUnit.MINUTES.toNanos(live.persistEveryMinutes())) {
            return;
        }
        lastSave = System.nanoTime();
        saver.execute(() -> {
            State s = state.get();
            String identity = feedIdentity;
            if (s == null || s.snapshot() == saved || identity == null) {
                return;
            }
            long erasedBefore;
            synchronized (fileLock) {
                erasedBefore = erasures;
            }
            long start = System.nanoTime();
            try {
                SnapshotFile.Written written = file.write(s.snapshot(), fingerprint(), identity, s.snapshotPosition());
                synchronized (fileLock) {
                    if (erasures != erasedBefore) {
                        written.discard(); // an erasure came since: this copy may still hold the user
                        return;
                    }
                    written.commit();
                    saved = s.snapshot();
                }
                LOG.info("Snapshot v{} saved to {} in {} s (change {})", s.snapshot().version(), file.path(),
                        String.format("%.2f", (System.nanoTime() - start) / 1e9), s.snapshotPosition());
            } catch (java.io.IOException | RuntimeException e) {
                if (saver.isShutdown()) {
                    LOG.info("Saving snapshot v{} abandoned: shutting down", s.snapshot().version());
                } else {
                    LOG.warn("Cannot save the snapshot to {}: {} (a restart will project the store)", file.path(),
                            e.toString());
                }
            }
        });
    }

    /** An erased user must not outlive the request in the saved copy either. */
    private void forgetSaved(String userId) {
        if (!live.persistSnapshot()) {
            return;
        }
        synchronized (fileLock) {
            erasures++;
            if (file.delete()) {
                LOG.info("Saved snapshot deleted: it held an erased user");
            }
            saved = null;
        }
    }

    private synchronized byte[] fingerprint() {
        if (fingerprint == null) {
            fingerprint = ProjectionLoader.fingerprint(weights);
        }
        return fingerprint;
    }

    /**
     * Everything that happened since snapshot {@code version} as seen by {@code live}: the deltas
     * merged into the snapshots after it, then {@code live}'s own delta (only that when
     * {@code version} is {@code live}'s snapshot). Null when the dense ids of {@code version} no
     * longer apply (a reload or an erasure came between) or it is older than the history kept.
     */
    public List<DeltaLog.View> deltasSince(long version, LiveView live) {
        if (version == live.version()) {
            return List.of(live.delta());
        }
        State s = state.get();
        if (s == null || s.snapshot() != live.snapshot()) {
            return null;
        }
        List<DeltaLog.View> out = new java.util.ArrayList<>();
        boolean found = false;
        for (Merged m : s.history()) {
            found |= m.version() == version;
            if (found) {
                out.add(m.delta());
            }
        }
        if (!found) {
            return null;
        }
        out.add(live.delta());
        return out;
    }

    /**
     * The users whose edges changed between snapshot {@code older} and {@code newer} (the actors
     * and targets of the deltas merged in between), when {@code newer} is the current snapshot and
     * came from {@code older} by merges only, so the dense ids are the same: what a warm start of
     * an analysis on {@code newer} re-examines first. Null otherwise.
     */
    public boolean[] touchedBetween(long older, GraphSnapshot newer) {
        State s = state.get();
        if (s == null || s.snapshot() != newer || older >= newer.version()) {
            return null;
        }
        boolean[] touched = new boolean[newer.users().count()];
        boolean found = false;
        for (Merged m : s.history()) {
            found |= m.version() == older;
            if (found) {
                for (int e = 0; e < m.delta().size(); e++) {
                    touched[m.delta().actor(e)] = true;
                    if (m.delta().kind(e) != DeltaLog.Kind.LEARNING) {
                        touched[m.delta().target(e)] = true;
                    }
                }
            }
        }
        return found ? touched : null;
    }

    /** The events of {@code all} after {@code merged}, for the merged snapshot (same dense ids). */
    private static DeltaLog carryOver(DeltaLog.View all, DeltaLog.View merged, int users) {
        DeltaLog next = new DeltaLog(users);
        for (int e = merged.size(); e < all.size(); e++) {
            next.add(all.kind(e), all.actor(e), all.target(e), all.type(e), all.minute(e), all.value(e));
        }
        for (int i = merged.memberChanges(); i < all.memberChanges(); i++) {
            next.addMembership(all.memberUser(i), all.memberTier(i), all.memberMinute(i));
        }
        return next;
    }

    /** The configured tie strengths, for projections built outside the store. */
    public ProjectionWeights weights() {
        return weights;
    }

    public LoadStats lastLoadStats() {
        return lastStats.get();
    }

    /**
     * Called with the new snapshot's version after an erasure, on every instance: answers from
     * anything built before it (the recommender index) must not be served any more.
     */
    public void onErasure(java.util.function.LongConsumer listener) {
        erasureListeners.add(listener);
    }

    /**
     * Called once when the first snapshot was read from the saved file rather than projected, on
     * the thread that first asked for it, before that thread reads it: the follower replays the
     * changes after the file's position there, so the first answer is as current as any later one.
     */
    public void onRestored(Runnable listener) {
        restoreListeners.add(listener);
    }

    /**
     * Lets a save in progress finish (a restart then replays fewer changes), for at most 30 s;
     * one cut short leaves only a temporary file, removed at the next start.
     */
    @jakarta.annotation.PreDestroy
    void stopSaving() throws InterruptedException {
        saver.shutdown();
        if (!saver.awaitTermination(30, TimeUnit.SECONDS)) {
            saver.shutdownNow();
        }
    }

    /** Called with each new snapshot, on the thread that installed it. */
    public void onNewSnapshot(Consumer<GraphSnapshot> listener) {
        listeners.add(listener);
    }

    static ProjectionWeights weightsOf(WeightSettings s) {
        Map<String, Double> byType = new HashMap<>();
        byType.put("FOLLOWS", s.social().getOrDefault("follow", 0.0));
        for (SocialType t : SocialType.values()) {
            byType.put(t.relationshipType(), s.social().getOrDefault(t.key(), 0.0));
        }
        for (LearningType t : LearningType.values()) {
            byType.put(t.relationshipType(), s.learning().getOrDefault(t.key(), 0.0));
        }
        return new ProjectionWeights(byType, s.halfLifeDays());
    }
}
