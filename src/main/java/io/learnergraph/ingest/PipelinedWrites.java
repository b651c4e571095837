package io.learnergraph.ingest;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.store.CypherQuery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batches rows per partition and statement, and writes full batches on background threads while
 * the caller keeps parsing. Rows with the same partition key and statement always go to the same
 * batch sequence, so their order is kept; with one partition and one statement this is plain
 * sequential writing with parsing overlapped. At most one batch per partition is in flight. Finished batches are handed back to the caller,
 * which writes their refused rows to the rejects file on its own thread.
 */
final class PipelinedWrites implements AutoCloseable {

    /** A written batch: how many rows it had and which the database refused (with their fields). */
    record Done(int rows, List<BatchWriter.Refused> refused, Map<Long, List<String>> fields) {
    }

    private record Batch(CypherQuery statement, List<BatchWriter.Pending> rows, Map<Long, List<String>> fields) {
        Batch(CypherQuery statement, int capacity) {
            this(statement, new ArrayList<>(capacity), new HashMap<>());
        }
    }

    private final BatchWriter writer;
    private final int partitions;
    private final int batchSize;
    /** Open batches by partition, then by statement. */
    private final List<Map<CypherQuery, Batch>> open = new ArrayList<>();
    private final Deque<Future<Done>> inFlight = new ArrayDeque<>();
    private final ExecutorService pool;

    PipelinedWrites(BatchWriter writer, int partitions, int batchSize) {
        this.writer = writer;
        this.partitions = partitions;
        this.batchSize = batchSize;
        for (int i = 0; i < partitions; i++) {
            open.add(new java.util.EnumMap<>(CypherQuery.class));
        }
        this.pool = Executors.newFixedThreadPool(partitions, r -> {
            Thread t = new Thread(r, "import-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a row; returns the batches that finished meanwhile (usually none). */
    List<Done> add(String partitionKey, CypherQuery statement, BatchWriter.Pending row, List<String> fields) {
        int p = partitions == 1 ? 0 : Math.floorMod(partitionKey.hashCode(), partitions);
        Batch b = open.get(p).computeIfAbsent(statement, s -> new Batch(s, batchSize));
        b.rows().add(row);
        b.fields().put(row.source(), fields);
        if (b.rows().size() < batchSize) {
            return List.of();
        }
        open.get(p).remove(statement);
        List<Done> done = new ArrayList<>();
        while (inFlight.size() >= partitions) {
            done.add(await(inFlight.poll()));
        }
        submit(b);
        return done;
    }

    private void submit(Batch b) {
        inFlight.add(pool.submit(() -> new Done(b.rows().size(), writer.write(b.statement(), b.rows()), b.fields())));
    }

    /** Writes what is left and waits for everything. */
    List<Done> finish() {
        List<Done> done = new ArrayList<>();
        for (Map<CypherQuery, Batch> partition : open) {
            for (Batch b : partition.values()) {
                while (inFlight.size() >= partitions) {
                    done.add(await(inFlight.poll()));
                }
                submit(b);
            }
            partition.clear();
        }
        while (!inFlight.isEmpty()) {
            done.add(await(inFlight.poll()));
        }
        return done;
    }

    private static Done await(Future<Done> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LearnerGraphException.DatabaseUnavailable("import interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
