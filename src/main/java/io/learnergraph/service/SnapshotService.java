package io.learnergraph.service;

import io.learnergraph.analysis.graph.ActivityLog;
import io.learnergraph.analysis.graph.DeltaLog;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.LiveView;
import io.learnergraph.analysis.graph.ProjectionWeights;
import io.learnergraph.analysis.graph.SnapshotMerge;
import io.learnergraph.config.WeightSettings;
import io.learnergraph.model.GraphEvent;
import io.learnergraph.model.LearningType;
import io.learnergraph.model.SocialType;
import io.learnergraph.store.ChangeFeedStore;
import io.learnergraph.store.ProjectionLoader;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private record State(GraphSnapshot snapshot, DeltaLog delta, List<Merged> history, long position) {
        State withPosition(long seq) {
            return new State(snapshot, delta, history, Math.max(position, seq));
        }
    }

    /** A delta that was merged into the snapshot after {@code version}. */
    private record Merged(long version, DeltaLog.View delta) {
    }

    /** How many merges back {@link #deltasSince} can answer for. */
    private static final int HISTORY = 4;

    private final ProjectionLoader loader;
    private final ChangeFeedStore feed;
    private final ProjectionWeights weights;
    private final AtomicReference<State> state = new AtomicReference<>();
    private final AtomicReference<ProjectionLoader.LoadStats> lastStats = new AtomicReference<>();
    private final AtomicLong versions = new AtomicLong();
    private final List<Consumer<GraphSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> erasureListeners = new CopyOnWriteArrayList<>();

    public SnapshotService(ProjectionLoader loader, ChangeFeedStore feed, WeightSettings settings) {
        this.loader = loader;
        this.feed = feed;
        this.weights = weightsOf(settings);
    }

    /** The latest snapshot (without its delta); loads it (blocking) only when none was loaded yet. */
    public GraphSnapshot current() {
        State s = state.get();
        return s != null ? s.snapshot() : load().snapshot();
    }

    /** The latest snapshot with every change applied so far, pinned as one view. */
    public LiveView live() {
        State s = state.get();
        if (s == null) {
            s = load();
        }
        return new LiveView(s.snapshot(), s.delta().view(), s.position());
    }

    /** The change-feed position the live graph reflects (0 before the first load). */
    public long position() {
        State s = state.get();
        return s == null ? 0 : s.position();
    }

    private synchronized State load() {
        State s = state.get();
        return s != null ? s : reloadLocked();
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
        ProjectionLoader.Loaded loaded = loader.load(versions.incrementAndGet(), weights);
        State s = new State(loaded.snapshot(), new DeltaLog(loaded.snapshot().users().count()), List.of(), at);
        lastStats.set(loaded.stats());
        install(s);
        return s;
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
            return null;
        }
        OptionalInt u = s.snapshot().users().indexOf(userId);
        if (u.isPresent()) {
            s.delta().erase(u.getAsInt());
            mergeLocked(s, s.delta().view());
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
            install(new State(merged, carried, List.copyOf(history), now.position()));
        }
        LOG.info("Snapshot v{} merged in memory from v{} and {} delta events in {} s", merged.version(),
                before.snapshot().version(), upTo.size(), String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return merged;
    }

    private void mergeLocked(State s, DeltaLog.View upTo) {
        GraphSnapshot merged = SnapshotMerge.merge(s.snapshot(), upTo, weights, versions.incrementAndGet());
        install(new State(merged, new DeltaLog(merged.users().count()), List.of(), s.position()));
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

    public ProjectionLoader.LoadStats lastLoadStats() {
        return lastStats.get();
    }

    /**
     * Called with the new snapshot's version after an erasure, on every instance: answers from
     * anything built before it (the recommender index) must not be served any more.
     */
    public void onErasure(java.util.function.LongConsumer listener) {
        erasureListeners.add(listener);
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
