package io.learnergraph.service;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobServiceTest {

    @Test
    void progressOnlyMovesForwardAndEndsAtOne() throws Exception {
        JobService jobs = new JobService();
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobService.Job job = jobs.submit("test", Map.of(), progress -> {
            progress.accept(0.6);
            progress.accept(0.2); // a slower worker's older news
            reported.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of("answer", 42);
        });
        assertTrue(reported.await(10, TimeUnit.SECONDS));
        JobService.Job running = jobs.find(job.id()).orElseThrow();
        assertEquals(JobService.State.RUNNING, running.state());
        assertEquals(0.6, running.progress());
        release.countDown();
        for (int i = 0; i < 200 && jobs.find(job.id()).orElseThrow().state() == JobService.State.RUNNING; i++) {
            Thread.sleep(10);
        }
        JobService.Job done = jobs.find(job.id()).orElseThrow();
        assertEquals(JobService.State.SUCCEEDED, done.state());
        assertEquals(1.0, done.progress());
        assertEquals(Map.of("answer", 42), done.result());
        jobs.stop();
    }
}
