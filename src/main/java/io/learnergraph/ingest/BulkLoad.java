package io.learnergraph.ingest;

import io.learnergraph.config.Directories;
import io.learnergraph.store.Neo4jStore;
import io.learnergraph.store.OfflineImport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The bulk path: the store of an empty embedded database is built by Neo4j's offline importer
 * ({@link OfflineImport}) instead of transactions (measured in src/site/markdown/performance.md).
 *
 * <p>Every row still goes through {@link FileImport} (same validation, reasons, rejects files,
 * progress and summary), and the graph is the one the transactional path builds from the same
 * files (a test compares their fingerprints):
 * <ul>
 *   <li>Node files are read first and kept in memory (users, topics, courses: small next to the
 *   events). A repeated id updates the node as the {@code MERGE ... SET} statements would: later
 *   values win, an empty extra column removes the property, a course's creator moves.
 *   memberships.csv is read before the store is written, since the latest change sets the
 *   user's tier.</li>
 *   <li>Relationship files are then read by a reader thread (parsing, validation, rejects) and a
 *   converter thread (node ids, duplicates, batches) while the importer writes what they have
 *   produced (bounded queues between them), so validation overlaps the import instead of running
 *   before it.</li>
 *   <li>Duplicates: the transactional path identifies an event by (from, to, type, at), a follow
 *   or a course's topic by its pair, and lets a later duplicate row set its properties. Here the
 *   first occurrence is imported and every row whose key was seen before is deferred (written to
 *   a file) and applied after the store starts, by the transactional path itself, in file order:
 *   its MERGE matches the imported relationship and sets the later values. Events are
 *   recognised by a 64-bit fingerprint; a rare false match only defers a row, which the MERGE
 *   then creates, so the result is exact either way.</li>
 * </ul>
 * Killed at any point, nothing is switched in (see {@link Neo4jStore#rebuildEmptyEmbeddedStore}):
 * the next run finds the database empty and starts again.
 */
final class BulkLoad {

    /** Relationships per batch handed to the importer. */
    private static final int BATCH = 10_000;
    /** Accepted rows per batch handed from the reader to the converter. */
    private static final int HANDOFF = 1_024;
    private static final List<OfflineImport.Relationship> END = List.of();
    private static final Object[] NO_PROPERTIES = new Object[0];
    private static final List<ImportFile> RELATIONSHIP_FILES = List.of(ImportFile.COURSE_TOPICS,
            ImportFile.TOPIC_PREREQUISITES, ImportFile.FOLLOWS, ImportFile.SOCIAL, ImportFile.LEARNING);

    private final Neo4jStore store;
    private final List<String> tiers;
    /** Applies deferred rows (a directory in the import format) through the transactional path. */
    private final Function<Path, ImportReport> transactional;

    BulkLoad(Neo4jStore store, List<String> tiers, Function<Path, ImportReport> transactional) {
        this.store = store;
        this.tiers = tiers;
        this.transactional = transactional;
    }

    /** Imports {@code dir} into the empty embedded database; returns the per-file reports in file order. */
    List<ImportReport.FileReport> run(Path dir, ImportProgress progress) throws IOException {
        RowValidator validator = new RowValidator(tiers, new ReferenceIndex(Set.of(), Set.of(), Set.of()));
        Map<ImportFile, ImportReport.FileReport> reports = Collections.synchronizedMap(new EnumMap<>(ImportFile.class));
        Deferred deferred = new Deferred(Files.createTempDirectory("learnergraph-deferred"));
        boolean keepDeferred = false;
        try {
            Nodes nodes = new Nodes(tiers, deferred);
            for (ImportFile file : List.of(ImportFile.USERS, ImportFile.TOPICS, ImportFile.COURSES)) {
                readIfPresent(dir, file, validator, nodes, progress, reports);
            }
            nodes.assignIds();
            readIfPresent(dir, ImportFile.MEMBERSHIPS, validator, nodes, progress, reports);
            List<OfflineImport.Node> nodeList = nodes.nodes();

            Pipeline pipeline = new Pipeline(dir, validator, nodes, deferred, progress, reports);
            pipeline.start();
            try {
                store.rebuildEmptyEmbeddedStore(home -> OfflineImport.run(home, nodeList, pipeline::next,
                        estimatedRelationships(dir), Runtime.getRuntime().availableProcessors(),
                        percent -> progress.stage("writing the store", percent)));
            } finally {
                pipeline.stop();
            }
            deferred.close();
            if (deferred.rows() > 0) {
                keepDeferred = applyDeferred(deferred.directory(), reports);
            }
            return List.copyOf(new EnumMap<>(reports).values());
        } finally {
            deferred.close();
            if (!keepDeferred) {
                try {
                    Directories.deleteTree(deferred.directory());
                } catch (IOException e) {
                    // a temporary directory: the system cleans it eventually
                }
            }
        }
    }

    /**
     * Applies the repeated rows through the transactional path, which MERGEs them onto what the
     * importer wrote. Should the database refuse any (it should not: they passed validation),
     * the file's report says so and where they are. Returns whether the directory must be kept.
     */
    private boolean applyDeferred(Path deferredDir, Map<ImportFile, ImportReport.FileReport> reports) {
        boolean keep = false;
        for (ImportReport.FileReport f : transactional.apply(deferredDir).files()) {
            if (f.rejected() > 0 || f.error() != null) {
                keep = true;
                ImportFile file = ImportFile.byFileName(f.file());
                ImportReport.FileReport r = reports.get(file);
                List<String> warnings = new ArrayList<>(r.warnings());
                warnings.add(f.rejected() + " repeated row(s) were refused by the database when applied after the bulk"
                        + " load" + (f.rejectsFile() != null ? ": " + f.rejectsFile() : "")
                        + (f.error() != null ? " (" + f.error() + ")" : ""));
                reports.put(file, new ImportReport.FileReport(r.file(), r.read(), r.imported() - f.rejected(),
                        r.rejected() + f.rejected(), r.seconds(), r.error(), r.rejectsFile(), warnings));
            }
        }
        return keep;
    }

    private static void readIfPresent(Path dir, ImportFile file, RowValidator validator, FileImport.Sink sink,
                                      ImportProgress progress, Map<ImportFile, ImportReport.FileReport> reports) {
        if (Files.exists(dir.resolve(file.fileName()))) {
            reports.put(file, FileImport.read(dir, file, validator, sink, progress));
        }
    }

    private static long estimatedRelationships(Path dir) {
        long bytes = 0;
        for (ImportFile f : ImportFile.values()) {
            bytes += sizeOf(dir.resolve(f.fileName()));
        }
        return Math.max(1, bytes / 48);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // an estimate only
        }
    }

    // ---- nodes

    /**
     * The node files' rows, kept in memory (users, topics, courses: small next to the events), and
     * the memberships read before the store is written, since the latest sets a user's tier.
     */
    private static final class Nodes implements FileImport.Sink {
        private final List<String> tiers;
        private final Deferred deferred;
        private final Map<String, NodeState> users = new LinkedHashMap<>();
        private final Map<String, NodeState> topics = new LinkedHashMap<>();
        private final Map<String, NodeState> courses = new LinkedHashMap<>();
        final Map<String, Integer> userIds = new HashMap<>();
        final Map<String, Integer> topicIds = new HashMap<>();
        final Map<String, Integer> courseIds = new HashMap<>();
        final int[] tierIds;
        /** Memberships as read: user node id, tier rank, time; a repeated one is deferred. */
        final List<Object[]> memberships = new ArrayList<>();
        private final LongHashSet membershipKeys = new LongHashSet(1 << 10);

        Nodes(List<String> tiers, Deferred deferred) {
            this.tiers = tiers;
            this.deferred = deferred;
            this.tierIds = new int[tiers.size()];
        }

        @Override
        public void begin(ImportFile file, List<String> header) {
            deferred.begin(file, header);
        }

        @Override
        public List<FileImport.Refusal> accept(ImportFile file, long line, List<String> fields, Map<String, Object> row)
                throws IOException {
            switch (file) {
                case USERS -> users.computeIfAbsent((String) row.get("id"), NodeState::new)
                        .set(row, "name", "tier", "joinedAt");
                case TOPICS -> topics.computeIfAbsent((String) row.get("id"), NodeState::new).set(row, "name");
                case COURSES -> {
                    NodeState c = courses.computeIfAbsent((String) row.get("id"), NodeState::new);
                    c.set(row, "title", "tier", "price", "publishedAt");
                    c.creator = (String) row.get("creatorId");
                }
                case MEMBERSHIPS -> {
                    int user = userIds.get((String) row.get("userId"));
                    int rank = tiers.indexOf((String) row.get("tier"));
                    ZonedDateTime at = (ZonedDateTime) row.get("at");
                    if (membershipKeys.add(Keys.event(user, rank, "SUBSCRIBED", at))) {
                        memberships.add(new Object[]{user, rank, at});
                    } else {
                        deferred.write(file, fields);
                    }
                }
                default -> throw new IllegalArgumentException(file + " is not a node file");
            }
            return List.of();
        }

        @Override
        public List<FileImport.Refusal> finish(ImportFile file) {
            return List.of();
        }

        /** Node ids: users, topics, courses, tiers, in that order, each in the order first seen. */
        void assignIds() {
            int id = 0;
            for (String u : users.keySet()) {
                userIds.put(u, id++);
            }
            for (String t : topics.keySet()) {
                topicIds.put(t, id++);
            }
            for (String c : courses.keySet()) {
                courseIds.put(c, id++);
            }
            for (int rank = 0; rank < tiers.size(); rank++) {
                tierIds[rank] = id++;
            }
        }

        List<OfflineImport.Node> nodes() {
            // a user's tier follows their latest membership change (merge-users.cypher)
            Map<Integer, Object[]> latest = new HashMap<>();
            for (Object[] m : memberships) {
                latest.merge((Integer) m[0], m, (a, b) -> ((ZonedDateTime) b[2]).isBefore((ZonedDateTime) a[2]) ? a : b);
            }
            List<OfflineImport.Node> nodes = new ArrayList<>(users.size() + topics.size() + courses.size() + tiers.size());
            int id = 0;
            for (NodeState u : users.values()) {
                Object[] m = latest.get(id);
                if (m != null) {
                    u.properties.put("tier", tiers.get((Integer) m[1]));
                }
                nodes.add(new OfflineImport.Node(id++, "User", u.properties));
            }
            for (NodeState t : topics.values()) {
                nodes.add(new OfflineImport.Node(id++, "Topic", t.properties));
            }
            for (NodeState c : courses.values()) {
                nodes.add(new OfflineImport.Node(id++, "Course", c.properties));
            }
            for (int rank = 0; rank < tiers.size(); rank++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", tiers.get(rank));
                p.put("rank", (long) rank); // as merge-tiers.cypher stores it: an integer
                nodes.add(new OfflineImport.Node(id++, "Tier", p));
            }
            return nodes;
        }

        /** Every course's CREATED relationship from its (last) creator. */
        void created(Consumer<OfflineImport.Relationship> out) {
            for (Map.Entry<String, NodeState> c : courses.entrySet()) {
                out.accept(new OfflineImport.Relationship(userIds.get(c.getValue().creator), courseIds.get(c.getKey()),
                        "CREATED", NO_PROPERTIES));
            }
        }

        void subscribed(Consumer<OfflineImport.Relationship> out) {
            for (Object[] m : memberships) {
                out.accept(new OfflineImport.Relationship((Integer) m[0], tierIds[(Integer) m[1]], "SUBSCRIBED",
                        new Object[]{"at", m[2]}));
            }
        }
    }

    /** A node's properties as the MERGE ... SET statements leave them after every row with its id. */
    private static final class NodeState {
        final Map<String, Object> properties = new LinkedHashMap<>();
        String creator;

        NodeState(String id) {
            properties.put("id", id);
        }

        /** {@code SET n.k = row.k} for each named key, then {@code SET n += row.extra}; null removes. */
        @SuppressWarnings("unchecked")
        void set(Map<String, Object> row, String... keys) {
            for (String k : keys) {
                put(k, row.get(k));
            }
            Map<String, Object> extra = (Map<String, Object>) row.get("extra");
            if (extra != null) {
                extra.forEach(this::put);
            }
        }

        private void put(String key, Object value) {
            if (value == null) {
                properties.remove(key);
            } else {
                properties.put(key, value);
            }
        }
    }

    // ---- relationships

    /** One accepted row on its way from the reader to the converter. */
    private record Accepted(long line, List<String> fields, Map<String, Object> row) {
    }

    /** What the reader hands the converter, in file order. */
    private sealed interface Message {
    }

    private record FileStart(ImportFile file, List<String> header) implements Message {
    }

    private record Rows(ImportFile file, List<Accepted> rows) implements Message {
    }

    private record FileEnd(ImportFile file) implements Message {
    }

    private record Done() implements Message {
    }

    /**
     * Two threads between the relationship files and the importer: a reader (parsing, validation,
     * rejects; {@link FileImport}) and a converter (node ids, duplicate detection, relationships
     * in batches), each handing on through a bounded queue, so that on two cores the reading
     * overlaps itself and the importer's writing (whose pace sets the reading pace).
     */
    private static final class Pipeline {
        private static final Message DONE = new Done();
        private final BlockingQueue<Message> toConverter = new ArrayBlockingQueue<>(16);
        private final BlockingQueue<List<OfflineImport.Relationship>> toImporter = new ArrayBlockingQueue<>(8);
        private final Thread reader;
        private final Thread converter;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Pipeline(Path dir, RowValidator validator, Nodes nodes, Deferred deferred, ImportProgress progress,
                 Map<ImportFile, ImportReport.FileReport> reports) {
            reader = new Thread(() -> read(dir, validator, progress, reports), "bulk-load-reader");
            converter = new Thread(() -> convert(dir, nodes, deferred), "bulk-load-converter");
            reader.setDaemon(true);
            converter.setDaemon(true);
        }

        void start() {
            reader.start();
            converter.start();
        }

        private void read(Path dir, RowValidator validator, ImportProgress progress,
                          Map<ImportFile, ImportReport.FileReport> reports) {
            FileImport.Sink handoff = new FileImport.Sink() {
                private List<Accepted> rows = new ArrayList<>(HANDOFF);

                @Override
                public void begin(ImportFile file, List<String> header) {
                    send(new FileStart(file, header));
                }

                @Override
                public List<FileImport.Refusal> accept(ImportFile file, long line, List<String> fields,
                                                       Map<String, Object> row) {
                    rows.add(new Accepted(line, fields, row));
                    if (rows.size() == HANDOFF) {
                        send(new Rows(file, rows));
                        rows = new ArrayList<>(HANDOFF);
                    }
                    return List.of();
                }

                @Override
                public List<FileImport.Refusal> finish(ImportFile file) {
                    if (!rows.isEmpty()) {
                        send(new Rows(file, rows));
                        rows = new ArrayList<>(HANDOFF);
                    }
                    send(new FileEnd(file));
                    return List.of();
                }
            };
            try {
                for (ImportFile file : RELATIONSHIP_FILES) {
                    if (Files.exists(dir.resolve(file.fileName()))) {
                        reports.put(file, FileImport.read(dir, file, validator, handoff, progress));
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                send(DONE);
            }
        }

        private void convert(Path dir, Nodes nodes, Deferred deferred) {
            Batches out = new Batches(this::publish);
            try {
                nodes.created(out);
                Dedupe dedupe = null;
                while (true) {
                    Message m = toConverter.take();
                    if (m instanceof FileStart start) {
                        deferred.begin(start.file(), start.header());
                        dedupe = new Dedupe(start.file(), sizeOf(dir.resolve(start.file().fileName())) / 40, out,
                                deferred);
                    } else if (m instanceof Rows rows) {
                        for (Accepted a : rows.rows()) {
                            dedupe.add(a, nodes);
                        }
                    } else if (m instanceof FileEnd) {
                        dedupe.flush();
                        dedupe = null;
                    } else {
                        break;
                    }
                }
                nodes.subscribed(out);
                out.flush();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                if (failure.get() != null) {
                    // the importer may have stopped taking: make room rather than block forever
                    toImporter.clear();
                    toImporter.offer(END);
                } else {
                    try {
                        toImporter.put(END);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        private void send(Message m) {
            try {
                toConverter.put(m);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the bulk load was stopped", e);
            }
        }

        private void publish(List<OfflineImport.Relationship> batch) {
            try {
                toImporter.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the bulk load was stopped", e);
            }
        }

        /** The importer's side: the next batch, or null at the end; a failed read fails the import. */
        List<OfflineImport.Relationship> next() throws IOException {
            try {
                List<OfflineImport.Relationship> batch;
                while ((batch = toImporter.poll(1, TimeUnit.SECONDS)) == null) {
                    if (!converter.isAlive() && toImporter.isEmpty()) {
                        batch = END;
                        break;
                    }
                }
                if (batch == END) {
                    Throwable t = failure.get();
                    if (t != null) {
                        throw new IOException("reading the relationship files failed: " + t, t);
                    }
                    return null;
                }
                return batch;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        /** Stops both threads (they are done unless the importer failed) and waits for them. */
        void stop() {
            reader.interrupt();
            converter.interrupt();
            try {
                reader.join();
                converter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Relationships gathered into the importer's batches. */
    private static final class Batches implements Consumer<OfflineImport.Relationship> {
        private final Consumer<List<OfflineImport.Relationship>> out;
        private List<OfflineImport.Relationship> batch = new ArrayList<>(BATCH);

        Batches(Consumer<List<OfflineImport.Relationship>> out) {
            this.out = out;
        }

        @Override
        public void accept(OfflineImport.Relationship r) {
            batch.add(r);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                out.accept(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    /**
     * One relationship file's duplicate detection, a block of rows at a time. The block's keys are
     * grouped by partition (their top bits; a counting sort that keeps file order within a
     * partition) and each group is checked against its partition's set: the same number of set
     * operations as with one big set, but each group works in a set of a few hundred kilobytes
     * that stays in cache, instead of a random access into hundreds of megabytes per row (which
     * took 30% of the reading time). The rows then go out in file order: the importer links
     * relationships several times faster when they come in the file's order than shuffled. All
     * rows of one key fall in one partition, in file order, so the first occurrence is imported
     * and the later ones are deferred in order.
     */
    private static final class Dedupe {
        private static final int PARTITIONS = 256;
        private static final int BLOCK = 1 << 16;
        private final ImportFile file;
        private final Consumer<OfflineImport.Relationship> out;
        private final Deferred deferred;
        private final long expectedKeys;
        private final LongHashSet[] sets = new LongHashSet[PARTITIONS];
        private final long[] keys = new long[BLOCK];
        private final OfflineImport.Relationship[] relationships = new OfflineImport.Relationship[BLOCK];
        private final List<List<String>> fields = new ArrayList<>(BLOCK);
        private final int[] order = new int[BLOCK];
        private final int[] starts = new int[PARTITIONS + 1];
        private final boolean[] repeated = new boolean[BLOCK];
        private int size;

        Dedupe(ImportFile file, long expectedKeys, Consumer<OfflineImport.Relationship> out, Deferred deferred) {
            this.file = file;
            this.expectedKeys = expectedKeys;
            this.out = out;
            this.deferred = deferred;
        }

        void add(Accepted a, Nodes nodes) throws IOException {
            Map<String, Object> row = a.row();
            switch (file) {
                case COURSE_TOPICS -> {
                    int c = nodes.courseIds.get((String) row.get("courseId"));
                    int t = nodes.topicIds.get((String) row.get("topicId"));
                    add(Keys.pair(c, t), relationship(c, t, "COVERS", "weight", row.get("weight")), a);
                }
                case TOPIC_PREREQUISITES -> {
                    int t = nodes.topicIds.get((String) row.get("topicId"));
                    int q = nodes.topicIds.get((String) row.get("requiresId"));
                    add(Keys.pair(t, q), relationship(t, q, "REQUIRES"), a);
                }
                case FOLLOWS -> {
                    int f = nodes.userIds.get((String) row.get("followerId"));
                    int e = nodes.userIds.get((String) row.get("followeeId"));
                    add(Keys.pair(f, e), relationship(f, e, "FOLLOWS", "at", row.get("at")), a);
                }
                case SOCIAL -> {
                    int f = nodes.userIds.get((String) row.get("fromId"));
                    int t = nodes.userIds.get((String) row.get("toId"));
                    String type = (String) row.get("rel");
                    ZonedDateTime at = (ZonedDateTime) row.get("at");
                    add(Keys.event(f, t, type, at), relationship(f, t, type, "at", at, "courseId", row.get("courseId")), a);
                }
                case LEARNING -> {
                    int u = nodes.userIds.get((String) row.get("userId"));
                    int c = nodes.courseIds.get((String) row.get("courseId"));
                    String type = (String) row.get("rel");
                    ZonedDateTime at = (ZonedDateTime) row.get("at");
                    add(Keys.event(u, c, type, at), relationship(u, c, type, "at", at, "value", row.get("value")), a);
                }
                default -> throw new IllegalArgumentException(file + " is not a relationship file");
            }
        }

        private void add(long key, OfflineImport.Relationship r, Accepted a) throws IOException {
            keys[size] = key;
            relationships[size] = r;
            fields.add(a.fields());
            if (++size == BLOCK) {
                flush();
            }
        }

        void flush() throws IOException {
            Arrays.fill(starts, 0);
            for (int i = 0; i < size; i++) {
                starts[partition(keys[i]) + 1]++;
            }
            for (int p = 0; p < PARTITIONS; p++) {
                starts[p + 1] += starts[p];
            }
            int[] next = Arrays.copyOf(starts, PARTITIONS);
            for (int i = 0; i < size; i++) {
                order[next[partition(keys[i])]++] = i;
            }
            for (int p = 0; p < PARTITIONS; p++) {
                if (starts[p] == starts[p + 1]) {
                    continue;
                }
                if (sets[p] == null) {
                    sets[p] = new LongHashSet(expectedKeys / PARTITIONS);
                }
                for (int k = starts[p]; k < starts[p + 1]; k++) {
                    repeated[order[k]] = !sets[p].add(keys[order[k]]);
                }
            }
            for (int i = 0; i < size; i++) {
                if (!repeated[i]) {
                    out.accept(relationships[i]);
                } else if (file != ImportFile.TOPIC_PREREQUISITES) { // a repeated prerequisite changes nothing
                    deferred.write(file, fields.get(i));
                }
                relationships[i] = null;
            }
            fields.clear();
            size = 0;
        }

        private static int partition(long key) {
            return (int) (LongHashSet.mix(key) >>> 56);
        }
    }

    /** The importer takes no null property: an absent one is simply not given. */
    private static OfflineImport.Relationship relationship(int start, int end, String type, Object... properties) {
        int present = 0;
        for (int i = 1; i < properties.length; i += 2) {
            present += properties[i] != null ? 1 : 0;
        }
        Object[] p = properties;
        if (present * 2 != properties.length) {
            p = new Object[present * 2];
            for (int i = 0, j = 0; i < properties.length; i += 2) {
                if (properties[i + 1] != null) {
                    p[j++] = properties[i];
                    p[j++] = properties[i + 1];
                }
            }
        }
        return new OfflineImport.Relationship(start, end, type, p);
    }

    /** Identities of relationships as the transactional path's MERGE statements see them. */
    private static final class Keys {
        private Keys() {
        }

        static long pair(int a, int b) {
            return ((long) a << 32) | (b & 0xffffffffL);
        }

        /** A 64-bit fingerprint of (from, to, type, at); a rare false match only defers a row. */
        static long event(int from, int to, String type, ZonedDateTime at) {
            long h = LongHashSet.mix(pair(from, to) + 0x9e3779b97f4a7c15L * type.hashCode());
            h = LongHashSet.mix(h ^ at.toEpochSecond());
            return LongHashSet.mix(h ^ at.getNano());
        }
    }

    /**
     * Rows whose key was seen before, written in the import format (same header, original fields)
     * to a directory that the transactional path applies once the store has started.
     */
    private static final class Deferred {
        private final Path directory;
        private final Map<ImportFile, List<String>> headers = new EnumMap<>(ImportFile.class);
        private final Map<ImportFile, BufferedWriter> writers = new EnumMap<>(ImportFile.class);
        private long rows;

        Deferred(Path directory) {
            this.directory = directory;
        }

        Path directory() {
            return directory;
        }

        long rows() {
            return rows;
        }

        void begin(ImportFile file, List<String> header) {
            headers.put(file, header);
        }

        void write(ImportFile file, List<String> fields) throws IOException {
            BufferedWriter w = writers.get(file);
            if (w == null) {
                w = Files.newBufferedWriter(directory.resolve(file.fileName()), StandardCharsets.UTF_8);
                w.write(String.join(",", headers.get(file).stream().map(CsvReader::escape).toList()));
                w.write('\n');
                writers.put(file, w);
            }
            w.write(String.join(",", fields.stream().map(CsvReader::escape).toList()));
            w.write('\n');
            rows++;
        }

        void close() throws IOException {
            for (BufferedWriter w : writers.values()) {
                w.close();
            }
            writers.clear();
        }
    }
}
