package io.learnergraph.store;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.config.DataDirectory;
import io.learnergraph.config.Directories;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.config.Neo4jSettings;
import io.learnergraph.config.SecretFile;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.summary.SummaryCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Owns the connection to Neo4j: starts the embedded database when no URI is configured, opens
 * the driver (the only way any data is read or written, in both modes) and applies the schema.
 */
@Context
public class Neo4jStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Neo4jStore.class);

    private final Neo4jSettings settings;
    private final String instanceId = java.util.UUID.randomUUID().toString();
    private final SessionConfig sessionConfig;
    private final SessionConfig readOnlySessionConfig;
    private final List<String> tiers;
    private final Path home;
    private final Path passwordFile;
    private final String password;
    /** Replaced only when an empty embedded store is swapped for a bulk-loaded one. */
    private volatile EmbeddedNeo4j embedded;
    private volatile Driver driver;

    public Neo4jStore(Neo4jSettings neo4j, LearnerGraphSettings app, DataDirectory data) {
        this.settings = neo4j;
        this.tiers = app.tiers();
        URI uri;
        AuthToken auth;
        if (neo4j.embedded()) {
            home = data.neo4jHome();
            passwordFile = data.neo4jPasswordFile();
            password = SecretFile.loadOrGenerate(passwordFile, "");
            EmbeddedNeo4j.finishInterruptedSwitch(home);
            embedded = startEmbedded();
            uri = embedded.boltUri();
            auth = embedded.authToken();
        } else {
            home = null;
            passwordFile = null;
            password = null;
            embedded = null;
            uri = URI.create(neo4j.uri());
            auth = neo4j.password() == null || neo4j.password().isEmpty()
                    ? AuthTokens.none()
                    : AuthTokens.basic(neo4j.username(), neo4j.password());
        }
        this.driver = openDriver(uri, auth);
        this.sessionConfig = neo4j.database() == null || neo4j.database().isBlank()
                ? SessionConfig.defaultConfig()
                : SessionConfig.forDatabase(neo4j.database());
        SessionConfig.Builder ro = SessionConfig.builder().withDefaultAccessMode(org.neo4j.driver.AccessMode.READ);
        this.readOnlySessionConfig = (neo4j.database() == null || neo4j.database().isBlank() ? ro
                : ro.withDatabase(neo4j.database())).build();
        try {
            applySchema();
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            // External mode may start before the cluster is up: health reports it, schema retries.
            LOG.warn("Neo4j at {} is not reachable yet: {}", uri, e.getMessage());
        }
    }

    private EmbeddedNeo4j startEmbedded() {
        EmbeddedNeo4j db;
        try {
            db = EmbeddedNeo4j.start(home, settings.boltPort(), settings.pageCache(), password);
        } catch (RuntimeException e) {
            throw new LearnerGraphException.DatabaseUnavailable("cannot start embedded Neo4j in " + home
                    + " (is another LearnerGraph process using it?): " + rootMessage(e), e);
        }
        LOG.info("Embedded Neo4j started in {}; Bolt on {} (user neo4j, password in {}, owner-only)", home,
                db.boltUri(), passwordFile);
        return db;
    }

    private static Driver openDriver(URI uri, AuthToken auth) {
        return GraphDatabase.driver(uri, auth, Config.builder()
                .withMaxConnectionPoolSize(64)
                .withConnectionAcquisitionTimeout(10, TimeUnit.SECONDS)
                .withLogging(org.neo4j.driver.Logging.slf4j())
                .build());
    }

    /** A step that writes a complete new store under the Neo4j home it is given. */
    @FunctionalInterface
    public interface StoreBuild<T> {
        T build(Path stagingHome) throws IOException;
    }

    /**
     * Replaces the empty embedded database with one written offline by {@code build}, and opens
     * it. The database is stopped, the new store is written into a staging home beside the live
     * one, switched in only once it is complete, and the database started on it; the schema is
     * applied again. Killed at any point, the next start finds either the old empty store or the
     * new complete one (an interrupted switch is undone: {@link EmbeddedNeo4j#finishInterruptedSwitch}),
     * so re-running the import starts it again from scratch. Only while nothing else uses the
     * store (a command, or start-up before the server listens): queries in flight would fail.
     *
     * @throws IllegalStateException when the database is external or not empty
     */
    public synchronized <T> T rebuildEmptyEmbeddedStore(StoreBuild<T> build) throws IOException {
        if (embedded == null) {
            throw new IllegalStateException("only the embedded database can be bulk-loaded");
        }
        if (!isEmpty()) {
            throw new IllegalStateException("the embedded database is not empty");
        }
        Path staging = EmbeddedNeo4j.stagingHome(home);
        driver.close();
        embedded.close();
        T result;
        try {
            Directories.deleteTree(staging);
            result = build.build(staging);
            EmbeddedNeo4j.switchIn(home, staging);
        } finally {
            Directories.deleteTree(staging);
            embedded = startEmbedded();
            driver = openDriver(embedded.boltUri(), embedded.authToken());
        }
        applySchema();
        return result;
    }

    /** True when the database holds no node at all. */
    public boolean isEmpty() {
        return read(CypherQuery.IS_EMPTY, Map.of(), r -> r.get("empty").asBoolean()).get(0);
    }

    /** "embedded" or "external". */
    public String mode() {
        return embedded != null ? "embedded" : "external";
    }

    /** Bolt port of the embedded database, for Neo4j Browser and cypher-shell; -1 when external. */
    public int embeddedBoltPort() {
        return embedded != null ? embedded.boltPort() : -1;
    }

    /** The file holding the embedded database's password (for Neo4j Browser); empty when external. */
    public java.util.Optional<Path> embeddedPasswordFile() {
        return java.util.Optional.ofNullable(passwordFile);
    }

    /** Creates constraints and tier nodes; every statement is idempotent. */
    public final void applySchema() {
        List<Map<String, Object>> tierRows = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            tierRows.add(Map.of("name", tiers.get(i), "rank", i));
        }
        for (CypherQuery q : CypherQuery.values()) {
            if (q.name().startsWith("SCHEMA_")) {
                write(q, q == CypherQuery.SCHEMA_MERGE_TIERS ? Map.of("tiers", tierRows) : Map.of());
            }
        }
    }

    public boolean reachable() {
        try {
            return !read(CypherQuery.PING, Map.of(), r -> r.get(0).asInt()).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs a read query in a managed (retried) read transaction and maps every record. */
    public <T> List<T> read(CypherQuery query, Map<String, Object> params, Function<Record, T> mapper) {
        return inRead(tx -> tx.run(query.text(), params).list(mapper::apply));
    }

    /** Runs a write query in a managed (retried) write transaction. */
    public SummaryCounters write(CypherQuery query, Map<String, Object> params) {
        return withSession(s -> s.executeWrite(tx -> tx.run(query.text(), params).consume().counters()));
    }

    /** Runs a write query that returns rows (a MERGE that reads back what it made) and maps them. */
    public <T> List<T> writeReturning(CypherQuery query, Map<String, Object> params, Function<Record, T> mapper) {
        return withSession(s -> s.executeWrite(tx -> tx.run(query.text(), params).list(mapper::apply)));
    }

    /**
     * What a write changed, for the change feed: its kind ({@code events}, {@code reload},
     * {@code erase}), the events as JSON ({@code GraphEvent.encode}) or null, the erased user or null.
     */
    public record ChangeRecord(String kind, String payload, String userId) {
    }

    /**
     * Runs a write query and appends its change to the feed in the same transaction: the feed
     * holds exactly what was committed, once ({@code cypher/feed/append-change.cypher}).
     */
    public SummaryCounters write(CypherQuery query, Map<String, Object> params, ChangeRecord change) {
        return withSession(s -> s.executeWrite(tx -> {
            SummaryCounters counters = tx.run(query.text(), params).consume().counters();
            appendChange(tx, change);
            return counters;
        }));
    }

    /** Runs several write statements and appends their change to the feed, all in one transaction. */
    public void writeAll(List<Map.Entry<CypherQuery, Map<String, Object>>> statements, ChangeRecord change) {
        withSession(s -> s.executeWrite(tx -> {
            for (Map.Entry<CypherQuery, Map<String, Object>> st : statements) {
                tx.run(st.getKey().text(), st.getValue()).consume();
            }
            appendChange(tx, change);
            return null;
        }));
    }

    private void appendChange(org.neo4j.driver.TransactionContext tx, ChangeRecord change) {
        Map<String, Object> feed = new java.util.HashMap<>();
        feed.put("kind", change.kind());
        feed.put("origin", instanceId);
        feed.put("payload", change.payload());
        feed.put("userId", change.userId());
        tx.run(CypherQuery.APPEND_CHANGE.text(), feed).consume();
    }

    /** Appends a change that no data statement carries (a store replaced by a bulk load). */
    public void appendChange(ChangeRecord change) {
        write(CypherQuery.PING, Map.of(), change);
    }

    /** This process's name in the change feed: changes it wrote itself carry it. */
    public String instanceId() {
        return instanceId;
    }

    public <T> T inRead(TransactionCallback<T> work) {
        return withSession(s -> s.executeRead(work));
    }

    private <T> T withSession(Function<Session, T> work) {
        try (Session session = driver.session(sessionConfig)) {
            return work.apply(session);
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new LearnerGraphException.DatabaseUnavailable("Neo4j is not reachable: " + e.getMessage(), e);
        }
    }

    /** The driver, for the store classes that stream large results. */
    Driver driver() {
        return driver;
    }

    /** Sessions whose transactions the server runs in READ access mode (it refuses writes). */
    SessionConfig readOnlySessionConfig() {
        return readOnlySessionConfig;
    }

    SessionConfig sessionConfig() {
        return sessionConfig;
    }

    @PreDestroy
    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            if (embedded != null) {
                embedded.close();
                LOG.info("Embedded Neo4j stopped");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
