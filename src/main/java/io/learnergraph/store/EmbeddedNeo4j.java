package io.learnergraph.store;

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

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Neo4j 5.26 running inside this JVM. It only supplies a Bolt URI on the loopback interface:
 * every query still goes through the driver, exactly as in external mode.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private final DatabaseManagementService dbms;
    private final int boltPort;

    private EmbeddedNeo4j(DatabaseManagementService dbms, int boltPort) {
        this.dbms = dbms;
        this.boltPort = boltPort;
    }

    /**
     * Starts the database under {@code home}.
     *
     * @param boltPort port on 127.0.0.1; 0 picks a free one
     * @param pageCache page cache size, e.g. {@code 512m}
     */
    public static EmbeddedNeo4j start(Path home, int boltPort, String pageCache) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Netty 4.2 (Micronaut's) cannot run Neo4j's in-process local channel; TCP Bolt is fine.
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                // Without this every stop waits out two 5 s Netty quiet periods.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                // Bolt listens on loopback only; the API in front of it carries the access control.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                // analysts' Cypher may not reach files or extension procedures (apoc.load.*...)
                .setConfig(GraphDatabaseSettings.procedure_allowlist, java.util.List.of("db.*", "dbms.components"))
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .build();
        try {
            GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            int port = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT).getPort();
            return new EmbeddedNeo4j(dbms, port);
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
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
}
