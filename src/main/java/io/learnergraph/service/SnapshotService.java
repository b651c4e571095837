package io.learnergraph.service;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionWeights;
import io.learnergraph.config.WeightSettings;
import io.learnergraph.model.GraphChanged;
import io.learnergraph.model.LearningType;
import io.learnergraph.model.SocialType;
import io.learnergraph.store.ProjectionLoader;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Holds the current {@link GraphSnapshot}. The first reader loads it; after that a change to the
 * graph (an import, events, a deletion) triggers a reload in the background while readers keep
 * the previous snapshot, so a refresh never blocks them. Versions only grow.
 */
@Singleton
public class SnapshotService {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);

    private final ProjectionLoader loader;
    private final ProjectionWeights weights;
    private final AtomicReference<GraphSnapshot> current = new AtomicReference<>();
    private final AtomicReference<ProjectionLoader.LoadStats> lastStats = new AtomicReference<>();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-refresh");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<GraphSnapshot>> listeners = new CopyOnWriteArrayList<>();

    public SnapshotService(ProjectionLoader loader, WeightSettings settings) {
        this.loader = loader;
        this.weights = weightsOf(settings);
    }

    /** The latest snapshot; loads it (blocking) only when none was loaded yet. */
    public GraphSnapshot current() {
        GraphSnapshot s = current.get();
        return s != null ? s : refresh();
    }

    /** Loads a new snapshot now and returns it (refreshes are serialised). */
    public synchronized GraphSnapshot refresh() {
        ProjectionLoader.Loaded loaded = loader.load(versions.incrementAndGet(), weights);
        current.set(loaded.snapshot());
        lastStats.set(loaded.stats());
        listeners.forEach(l -> {
            try {
                l.accept(loaded.snapshot());
            } catch (RuntimeException e) {
                LOG.warn("snapshot listener failed: {}", e.getMessage(), e);
            }
        });
        return loaded.snapshot();
    }

    /**
     * Makes a projection built elsewhere (by {@code bench recommendations}, from CSV) the current
     * snapshot, numbered as the next version, and tells the listeners.
     */
    public synchronized GraphSnapshot install(java.util.function.LongFunction<GraphSnapshot> build) {
        GraphSnapshot s = build.apply(versions.incrementAndGet());
        current.set(s);
        listeners.forEach(l -> l.accept(s));
        return s;
    }

    /** The configured tie strengths, for projections built outside the store. */
    public ProjectionWeights weights() {
        return weights;
    }

    public ProjectionLoader.LoadStats lastLoadStats() {
        return lastStats.get();
    }

    /** Called with each new snapshot, on the refreshing thread. */
    public void onNewSnapshot(Consumer<GraphSnapshot> listener) {
        listeners.add(listener);
    }

    @EventListener
    public void graphChanged(GraphChanged event) {
        if (current.get() == null) {
            return; // nothing loaded yet: the first reader loads the fresh graph anyway
        }
        if (refreshQueued.compareAndSet(false, true)) {
            background.submit(() -> {
                refreshQueued.set(false);
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.warn("background refresh after {} failed; keeping snapshot v{}: {}", event.reason(),
                            current.get().version(), e.getMessage());
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
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
