package io.learnergraph.ingest;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.store.CypherQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batches rows per partition and statement, and writes full batches on background threads while
 * the caller keeps parsing. Each partition has its own writer thread, so its batches are written
 * one after the other, in order, and two writers never hold the same partition's nodes: with one
 * partition this is plain sequential writing with parsing overlapped. Finished batches are handed
 * back to the caller, which writes their refused rows to the rejects file on its own thread.
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
    private final int batchSize;
    private final Comparator<BatchWriter.Pending> lockOrder;
    /** Open batches by partition, then by statement. */
    private final List<Map<CypherQuery, Batch>> open = new ArrayList<>();
    /** The batch each partition's writer is busy with, if any. */
    private final List<Future<Done>> inFlight = new ArrayList<>();
    private final List<ExecutorService> writers = new ArrayList<>();

    /**
     * @param partitions writers; rows with the same partition key always go to the same one
     * @param lockOrder  when the writers share the nodes at one end of the rows (the courses of
     *                   learning events), the order in which each batch takes their locks: every
     *                   transaction then locks the shared nodes in one global order and two
     *                   writers cannot deadlock on them; null keeps file order
     */
    PipelinedWrites(BatchWriter writer, int partitions, int batchSize, Comparator<BatchWriter.Pending> lockOrder) {
        this.writer = writer;
        this.batchSize = batchSize;
        this.lockOrder = lockOrder;
        for (int i = 0; i < partitions; i++) {
            open.add(new EnumMap<>(CypherQuery.class));
            inFlight.add(null);
            writers.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "import-writer");
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /** Adds a row; returns the batches that finished meanwhile (usually none). */
    List<Done> add(String partitionKey, CypherQuery statement, BatchWriter.Pending row, List<String> fields) {
        int p = open.size() == 1 ? 0 : Math.floorMod(partitionKey.hashCode(), open.size());
        Batch b = open.get(p).computeIfAbsent(statement, s -> new Batch(s, batchSize));
        b.rows().add(row);
        b.fields().put(row.source(), fields);
        if (b.rows().size() < batchSize) {
            return List.of();
        }
        open.get(p).remove(statement);
        List<Done> done = new ArrayList<>(1);
        submit(p, b, done);
        return done;
    }

    /** Waits for the partition's previous batch (its rows come first), then hands it this one. */
    private void submit(int p, Batch b, List<Done> done) {
        if (inFlight.get(p) != null) {
            done.add(await(inFlight.get(p)));
        }
        if (lockOrder != null) {
            b.rows().sort(lockOrder);
        }
        inFlight.set(p, writers.get(p).submit(() -> new Done(b.rows().size(), writer.write(b.statement(), b.rows()),
                b.fields())));
    }

    /** Writes what is left and waits for everything. */
    List<Done> finish() {
        List<Done> done = new ArrayList<>();
        for (int p = 0; p < open.size(); p++) {
            for (Batch b : open.get(p).values()) {
                submit(p, b, done);
            }
            open.get(p).clear();
        }
        for (int p = 0; p < inFlight.size(); p++) {
            if (inFlight.get(p) != null) {
                done.add(await(inFlight.get(p)));
                inFlight.set(p, null);
            }
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
        writers.forEach(ExecutorService::shutdownNow);
    }
}
