package io.learnergraph.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The incremental path: accepted rows are written by one {@code UNWIND $rows} statement per batch
 * and transaction, on background writers while parsing goes on ({@link PipelinedWrites}). Events
 * are keyed by time, so only their order per user matters: they may use several writers, one
 * user's rows always on the same one. Elsewhere a later duplicate row must win: one writer, in
 * file order.
 */
final class TransactionalSink implements FileImport.Sink, AutoCloseable {

    private final BatchWriter writer;
    private final int eventWriters;
    private final int batchSize;
    private PipelinedWrites writes;
    private String partitionColumn;

    TransactionalSink(BatchWriter writer, int eventWriters, int batchSize) {
        this.writer = writer;
        this.eventWriters = eventWriters;
        this.batchSize = batchSize;
    }

    @Override
    public List<FileImport.Refusal> accept(ImportFile file, long line, List<String> fields, Map<String, Object> row) {
        if (writes == null) {
            partitionColumn = file == ImportFile.LEARNING ? "userId" : file == ImportFile.SOCIAL ? "fromId" : null;
            // learning rows share only courses across writers (users are partitioned): locking the
            // courses in one order rules out deadlocks; social rows share users both ways, which no
            // order fixes (their deadlocks are retried)
            writes = new PipelinedWrites(writer, partitionColumn == null ? 1 : eventWriters, batchSize,
                    file != ImportFile.LEARNING || eventWriters == 1 ? null
                            : Comparator.comparing(p -> String.valueOf(p.row().get("courseId"))));
        }
        String key = partitionColumn == null ? "" : String.valueOf(row.get(partitionColumn));
        return refusals(writes.add(key, file.statementFor(row), new BatchWriter.Pending(line, row), fields));
    }

    @Override
    public List<FileImport.Refusal> finish(ImportFile file) {
        if (writes == null) {
            return List.of();
        }
        try {
            return refusals(writes.finish());
        } finally {
            close();
        }
    }

    private static List<FileImport.Refusal> refusals(List<PipelinedWrites.Done> done) {
        if (done.isEmpty()) {
            return List.of();
        }
        List<FileImport.Refusal> refused = new ArrayList<>();
        for (PipelinedWrites.Done d : done) {
            for (BatchWriter.Refused r : d.refused()) {
                refused.add(new FileImport.Refusal(r.pending().source(), d.fields().get(r.pending().source()),
                        r.reason()));
            }
        }
        return refused;
    }

    @Override
    public void close() {
        if (writes != null) {
            writes.close();
            writes = null;
        }
    }
}
