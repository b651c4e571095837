package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Work that takes longer than a request should: runs on a small pool, reports its state and
 * progress, and can be cancelled (queued jobs at once, running ones at the algorithm's next
 * checkpoint). Results land in the analytics cache, so the matching GET is then instant.
 */
@Singleton
public class JobService {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** A job as reported; {@code result} is a short summary. */
    @Serdeable
    public record Job(String id, String type, Map<String, String> parameters, State state, double progress,
                      Instant createdAt, Instant finishedAt, Map<String, Object> result, String error) {
    }

    private static final int KEEP = 200;

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "job");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts {@code work}, which reports its progress (0..1) through the consumer it is given.
     */
    public Job submit(String type, Map<String, String> parameters,
                      Function<DoubleConsumer, Map<String, Object>> work) {
        if (jobs.size() >= KEEP) {
            jobs.values().stream().filter(j -> j.finishedAt() != null).map(Job::id).findFirst().ifPresent(jobs::remove);
        }
        String id = UUID.randomUUID().toString();
        Job queued = new Job(id, type, Map.copyOf(parameters), State.QUEUED, 0, Instant.now(), null, null, null);
        jobs.put(id, queued);
        running.put(id, pool.submit(() -> {
            update(id, State.RUNNING, 0, null, null);
            try {
                // workers report out of order: progress only moves forward
                Map<String, Object> result = work.apply(p -> advance(id, Math.max(0, Math.min(1, p))));
                update(id, State.SUCCEEDED, 1, result, null);
            } catch (CancellationException e) {
                update(id, State.CANCELLED, jobs.get(id).progress(), null, null);
            } catch (RuntimeException e) {
                update(id, State.FAILED, jobs.get(id).progress(), null, e.getMessage());
            } finally {
                running.remove(id);
            }
        }));
        return jobs.get(id);
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public Job cancel(String id) {
        Job job = find(id).orElseThrow(() -> new LearnerGraphException.NotFound("no job '" + id + "'"));
        Future<?> f = running.get(id);
        if (f != null && f.cancel(true) && job.state() == State.QUEUED) {
            update(id, State.CANCELLED, 0, null, null);
        }
        return jobs.get(id);
    }

    private void advance(String id, double progress) {
        jobs.computeIfPresent(id, (k, j) -> j.state() != State.RUNNING || progress <= j.progress() ? j
                : new Job(j.id(), j.type(), j.parameters(), j.state(), progress, j.createdAt(), null, null, null));
    }

    private void update(String id, State state, double progress, Map<String, Object> result, String error) {
        jobs.computeIfPresent(id, (k, j) -> j.state() == State.CANCELLED ? j : new Job(j.id(), j.type(), j.parameters(),
                state, progress, j.createdAt(), state == State.RUNNING || state == State.QUEUED ? null : Instant.now(),
                result, error));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
