package io.learnergraph.service;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Results computed once per snapshot: the first caller of a key computes, concurrent callers of
 * the same key wait for it, callers of other keys go ahead. Keys start with the snapshot version
 * ({@code "42|..."}); {@link #retain} drops every other version's entries when a snapshot
 * replaces the last. A failure is not cached. Beyond {@code maxEntries}, finished entries are
 * dropped (oldest first is not tracked: the views are cheap to recompute next to a refresh).
 */
final class SnapshotCache {

    private final Map<String, CompletableFuture<Object>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    SnapshotCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    void retain(long version) {
        entries.keySet().removeIf(k -> !k.startsWith(version + "|"));
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> compute) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = entries.putIfAbsent(key, mine);
        if (existing != null) {
            return (T) join(existing);
        }
        try {
            mine.complete(compute.get());
        } catch (RuntimeException e) {
            entries.remove(key, mine);
            mine.completeExceptionally(e);
        }
        if (entries.size() > maxEntries) {
            entries.entrySet().removeIf(en -> en.getValue().isDone() && !en.getKey().equals(key)
                    && entries.size() > maxEntries);
        }
        return (T) join(mine);
    }

    /** The future's value; a failure rethrown as the RuntimeException that caused it. */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
