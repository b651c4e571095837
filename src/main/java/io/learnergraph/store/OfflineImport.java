package io.learnergraph.store;

import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.IndexConfig;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.Monitor;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.internal.batchimport.input.Groups;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.context.FixedVersionContextSupplier;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.logging.internal.SimpleLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.StorageEngineFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Builds a new database store with Neo4j's own offline importer (the engine of
 * {@code neo4j-admin database import full}), fed through its input API: no intermediate CSV files
 * are written or parsed again. The caller has already validated every row, resolved every
 * reference to a node id and dropped duplicates; the importer only lays out records, which is
 * why bad entries are not tolerated here (one would be a bug of ours, and fails the build).
 *
 * <p>Nodes carry their own dense ids ({@link IdType#ACTUAL}), so the importer needs no id map.
 * The store is written under {@code home/data/databases/neo4j} with its transaction log under
 * {@code home/data/transactions/neo4j}, the layout the embedded database opens; the target must
 * not exist yet and no database may run on {@code home}. Schema (constraints) is Enterprise-only
 * in the importer: the caller applies it once the database has started.
 */
public final class OfflineImport {

    /** A node with its dense 0-based id, one label and its properties (no null values). */
    public record Node(long id, String label, Map<String, Object> properties) {
    }

    /**
     * A relationship between two node ids, its properties as alternating names and values (no
     * null values).
     */
    public record Relationship(long start, long end, String type, Object[] properties) {
    }

    /**
     * Batches of relationships, handed out one per call until {@code null}; called concurrently
     * by the importer's threads, so it must be thread-safe (a blocking queue fed by a producer).
     */
    @FunctionalInterface
    public interface RelationshipBatches {
        List<Relationship> next() throws IOException;
    }

    /** What the import wrote, and how long the importer took after its input ended. */
    public record Stats(long nodes, long relationships, double seconds) {
    }

    private OfflineImport() {
    }

    /**
     * Imports {@code nodes} and then everything {@code relationships} hands out into a new store
     * under {@code home}.
     *
     * @param threads       importer threads
     * @param estimatedRels relationships expected (sizes the importer's caches; need not be exact)
     * @param percent       the importer's own progress after the input is read, 0..100
     */
    public static Stats run(Path home, List<Node> nodes, RelationshipBatches relationships, long estimatedRels,
                            int threads, IntConsumer percent) throws IOException {
        long start = System.nanoTime();
        Config config = Config.newBuilder()
                .set(GraphDatabaseSettings.neo4j_home, home.toAbsolutePath().normalize())
                .build();
        DatabaseLayout layout = Neo4jLayout.of(config).databaseLayout(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        Configuration configuration = new Configuration.Overridden(Configuration.DEFAULT) {
            @Override
            public int maxNumberOfWorkerThreads() {
                return threads;
            }

            @Override
            public IndexConfig indexConfig() {
                // a store created by the database has both lookup indexes; an imported one only
                // gets them when asked (and MATCH (n:Label) would scan every node without them)
                return IndexConfig.create().withLabelIndex().withRelationshipTypeIndex();
            }

            @Override
            public boolean strictNodeCheck() {
                return true;
            }
        };
        long[] counts = new long[2];
        Input input = Input.input(nodeInput(nodes), relationshipInput(relationships, counts), IdType.ACTUAL,
                Input.knownEstimates(nodes.size(), estimatedRels, nodes.size() * 4L, estimatedRels * 2,
                        nodes.size() * 64L, estimatedRels * 24, nodes.size()), new Groups());
        Monitor monitor = new Monitor() {
            @Override
            public void percentageCompleted(int percentage) {
                percent.accept(percentage);
            }
        };
        try (JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler()) {
            BatchImporter importer = StorageEngineFactory.selectStorageEngine(config).batchImporter(layout,
                    new DefaultFileSystemAbstraction(), PageCacheTracer.NULL, configuration,
                    new SimpleLogService(NullLogProvider.getInstance()), null, false, DefaultAdditionalIds.EMPTY,
                    config, monitor, scheduler, Collector.STRICT, TransactionLogInitializer.getLogFilesInitializer(),
                    new IndexImporterFactoryImpl(), EmptyMemoryTracker.INSTANCE,
                    new CursorContextFactory(PageCacheTracer.NULL, new FixedVersionContextSupplier(1L)));
            importer.doImport(input);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the offline importer failed: " + e.getMessage(), e);
        }
        return new Stats(nodes.size(), counts[1], (System.nanoTime() - start) / 1e9);
    }

    private static InputIterable nodeInput(List<Node> nodes) {
        return () -> new BatchIterator<Node>() {
            private int next;

            @Override
            synchronized List<Node> nextBatch() {
                if (next >= nodes.size()) {
                    return null;
                }
                int to = Math.min(nodes.size(), next + 10_000);
                List<Node> batch = nodes.subList(next, to);
                next = to;
                return batch;
            }

            @Override
            void visit(Node n, InputEntityVisitor v) {
                v.id(n.id());
                v.labels(new String[]{n.label()});
                for (Map.Entry<String, Object> p : n.properties().entrySet()) {
                    v.property(p.getKey(), p.getValue());
                }
            }
        };
    }

    private static InputIterable relationshipInput(RelationshipBatches batches, long[] counts) {
        return () -> new BatchIterator<Relationship>() {
            private boolean ended;

            @Override
            synchronized List<Relationship> nextBatch() throws IOException {
                if (ended) {
                    return null;
                }
                List<Relationship> batch = batches.next();
                if (batch == null) {
                    ended = true;
                } else {
                    counts[1] += batch.size();
                }
                return batch;
            }

            @Override
            void visit(Relationship r, InputEntityVisitor v) {
                v.startId(r.start());
                v.endId(r.end());
                v.type(r.type());
                Object[] p = r.properties();
                for (int i = 0; i < p.length; i += 2) {
                    v.property((String) p[i], p[i + 1]);
                }
            }
        };
    }

    /**
     * The importer's threads share one iterator (its {@code next} must be thread-safe) and each
     * fills its own chunk, which then emits one entity per call.
     */
    private abstract static class BatchIterator<T> implements InputIterator {

        abstract List<T> nextBatch() throws IOException;

        abstract void visit(T entity, InputEntityVisitor visitor);

        @Override
        public InputChunk newChunk() {
            return new Chunk();
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean next(InputChunk chunk) throws IOException {
            List<T> batch = nextBatch();
            if (batch == null) {
                return false;
            }
            ((Chunk) chunk).batch = batch;
            ((Chunk) chunk).position = 0;
            return true;
        }

        @Override
        public void close() {
        }

        private final class Chunk implements InputChunk {
            private List<T> batch = List.of();
            private int position;

            @Override
            public boolean next(InputEntityVisitor visitor) throws IOException {
                if (position >= batch.size()) {
                    return false;
                }
                visit(batch.get(position++), visitor);
                visitor.endOfEntity();
                return true;
            }

            @Override
            public void close() {
            }
        }
    }
}
