package io.learnergraph.store;

import io.learnergraph.config.Directories;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Neo4j 5.26 running inside this JVM. It only supplies a Bolt URI on the loopback interface and
 * the credentials for it: every query still goes through the driver, exactly as in external mode.
 * Bolt requires authentication: anyone on the host can reach a loopback port, and the API's keys,
 * roles and read-only guard mean nothing if the database behind them is open.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /** The one user of Neo4j Community, whose password {@link #start} sets. */
    public static final String USER = "neo4j";

    private final DatabaseManagementService dbms;
    private final int boltPort;
    private final String password;

    private EmbeddedNeo4j(DatabaseManagementService dbms, int boltPort, String password) {
        this.dbms = dbms;
        this.boltPort = boltPort;
        this.password = password;
    }

    /**
     * Starts the database under {@code home} with Bolt authentication on, the {@code neo4j}
     * user's password set to {@code password} (on every start, so the caller's copy is the truth).
     *
     * @param boltPort port on 127.0.0.1; 0 picks a free one
     * @param pageCache page cache size, e.g. {@code 512m}
     */
    public static EmbeddedNeo4j start(Path home, int boltPort, String pageCache, String password) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.toAbsolutePath().normalize())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Netty 4.2 (Micronaut's) cannot run Neo4j's in-process local channel; TCP Bolt is fine.
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                // Without this every stop waits out two 5 s Netty quiet periods.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                // analysts' Cypher may not reach files or extension procedures (apoc.load.*...)
                .setConfig(GraphDatabaseSettings.procedure_allowlist, java.util.List.of("db.*", "dbms.components"))
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .build();
        try {
            setPassword(dbms, password);
            GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            int port = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT).getPort();
            return new EmbeddedNeo4j(dbms, port, password);
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
    }

    /**
     * Through the embedded API (which needs no login) on the system database. A new store's
     * {@code neo4j} user starts with the password "neo4j" and must change it; a store from an
     * earlier version without authentication has the same. Setting the current password again is
     * refused by Neo4j, which is fine: it is already what we want.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("the embedded database password must have at least 8 characters");
        }
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    /** Credentials of the {@code neo4j} user for the driver. */
    public AuthToken authToken() {
        return AuthTokens.basic(USER, password);
    }

    public URI boltUri() {
        return URI.create("bolt://127.0.0.1:" + boltPort);
    }

    public int boltPort() {
        return boltPort;
    }

    @Override
    public void close() {
        dbms.shutdown();
    }

    // ---- switching a bulk-loaded store in (see Neo4jStore.rebuildEmptyEmbeddedStore)

    /** The default database's store and its transaction log, relative to the Neo4j home. */
    private static final List<String> DATABASE_DIRECTORIES = List.of("data/databases/neo4j", "data/transactions/neo4j");
    private static final String SWITCH_MARKER = "bulk-switch.pending";

    /** Where a new store is built before it is switched in: beside the home, same file system. */
    static Path stagingHome(Path home) {
        return home.resolveSibling(home.getFileName() + ".bulk-staging");
    }

    /**
     * Moves the staged default database into {@code home} in place of the live one (the database
     * is stopped). A marker file brackets the two moves: should the process die between them,
     * {@link #finishInterruptedSwitch} removes the half-switched database at the next start.
     */
    static void switchIn(Path home, Path staging) throws IOException {
        Path marker = home.resolve(SWITCH_MARKER);
        Files.writeString(marker, "a bulk-loaded store was being switched in from " + staging + "\n");
        for (String dir : DATABASE_DIRECTORIES) {
            Directories.deleteTree(home.resolve(dir));
        }
        for (String dir : DATABASE_DIRECTORIES) {
            Path target = home.resolve(dir);
            Files.createDirectories(target.getParent());
            Files.move(staging.resolve(dir), target, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.delete(marker);
    }

    /**
     * Undoes what a process killed during a bulk load left behind: a staging home, and a switch
     * that did not finish (its database is removed, so the database starts empty and the import
     * that was interrupted starts again from scratch).
     */
    static void finishInterruptedSwitch(Path home) {
        try {
            if (Files.exists(home.resolve(SWITCH_MARKER))) {
                for (String dir : DATABASE_DIRECTORIES) {
                    Directories.deleteTree(home.resolve(dir));
                }
                Files.delete(home.resolve(SWITCH_MARKER));
            }
            Directories.deleteTree(stagingHome(home));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up an interrupted bulk load in " + home + ": "
                    + e.getMessage(), e);
        }
    }
}
