package io.learnergraph.service;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotCacheTest {

    @Test
    void oneComputationPerKeyWhileOtherKeysGoAhead() throws Exception {
        SnapshotCache cache = new SnapshotCache(100);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = pool.submit(() -> cache.get("1|slow", () -> {
                computed.incrementAndGet();
                slowStarted.countDown();
                await(release);
                return 7;
            }));
            assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
            Future<Integer> second = pool.submit(() -> cache.get("1|slow", () -> {
                computed.incrementAndGet();
                return 8;
            }));
            // another view is not held back by the slow one
            assertEquals(3, (int) pool.submit(() -> cache.get("1|fast", () -> 3)).get(5, TimeUnit.SECONDS));
            release.countDown();
            assertEquals(7, first.get(5, TimeUnit.SECONDS));
            assertEquals(7, second.get(5, TimeUnit.SECONDS));
            assertEquals(1, computed.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresAreNotCachedAndANewSnapshotDropsTheOld() {
        SnapshotCache cache = new SnapshotCache(100);
        assertThrows(IllegalStateException.class, () -> cache.get("1|x", () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(1, (int) cache.get("1|x", () -> 1));
        cache.retain(2);
        assertEquals(2, (int) cache.get("1|x", () -> 2), "version 1 entries were dropped");
    }

    @Test
    void entriesBeyondTheBoundAreDropped() {
        SnapshotCache cache = new SnapshotCache(3);
        for (int i = 0; i < 10; i++) {
            int v = i;
            cache.get("1|" + i, () -> v);
        }
        AtomicInteger recomputed = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            cache.get("1|" + i, () -> recomputed.incrementAndGet());
        }
        assertTrue(recomputed.get() >= 6, "at most 3 (+1 in flight) kept, recomputed " + recomputed.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
