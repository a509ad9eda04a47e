package innograph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts an embedded Neo4j Community DBMS with a Bolt connector, for tests.
 *
 * <pre>
 * java -Xmx1g -cp ... innograph.Neo4jLauncher PORT DATA_DIR [PAGECACHE_MB] [TX_TIMEOUT_SECONDS]
 * </pre>
 *
 * Bolt listens on 127.0.0.1:PORT (PORT 0 picks a free one), auth is disabled and
 * encryption is off. Prints {@code READY bolt://127.0.0.1:PORT} once the default
 * database is available, and shuts the DBMS down cleanly on SIGTERM/SIGINT
 * (printing {@code STOPPED}).
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Neo4jLauncher PORT DATA_DIR [PAGECACHE_MB] [TX_TIMEOUT_SECONDS]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        long pageCacheMb = args.length > 2 ? Long.parseLong(args[2]) : 256L;
        long txTimeoutSeconds = args.length > 3 ? Long.parseLong(args[3]) : 60L;
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(512))
                    .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(256))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // Never phone home (no network here but loopback).
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                    // Bolt shutdown otherwise idles ~10 s (5 s + 5 s) before exiting.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                    .build();
        } catch (Throwable e) {
            System.out.println("FAILED " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            System.out.flush();
            long s0 = System.nanoTime();
            try {
                dbms.shutdown();
                System.out.println("STOPPED in " + (System.nanoTime() - s0) / 1_000_000 + " ms");
            } catch (Throwable e) {
                System.out.println("SHUTDOWN FAILED " + e);
                e.printStackTrace(System.out);
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "innograph-neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        // Wait for the default database, then do a trivial transaction.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!db.isAvailable(1000)) {
            if (System.nanoTime() > deadline) {
                System.out.println("FAILED default database not available after 120 s");
                System.out.flush();
                System.exit(1);
            }
        }
        try (var tx = db.beginTx()) {
            tx.execute("RETURN 1").close();
            tx.commit();
        }

        int boltPort = port;
        try {
            HostnamePort bound = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            if (bound != null) {
                boltPort = bound.getPort();
            }
        } catch (Throwable e) {
            System.out.println("WARN could not read bound Bolt port: " + e);
        }

        System.out.printf("Neo4j %s started in %d ms, home %s%n",
                org.neo4j.kernel.internal.Version.getNeo4jVersion(),
                (System.nanoTime() - t0) / 1_000_000, home);
        System.out.println("READY bolt://" + HOST + ":" + boltPort);
        System.out.flush();

        // Block until the shutdown hook has run (SIGTERM / SIGINT).
        stopped.await();
    }
}
