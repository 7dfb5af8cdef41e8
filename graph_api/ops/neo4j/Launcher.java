import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Runs Neo4j Community as a real Bolt server through Neo4j's embedded API.
 *
 * Arguments: home-dir host port page-cache-mb tx-memory-mb. The password for the user "neo4j" comes from the
 * environment variable NEO4J_PASSWORD so it never shows in a process listing. Writes "READY" to
 * home-dir/ready once the server answers, and shuts the databases down cleanly on SIGTERM.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        long pageCache = Long.parseLong(args[3]) * 1024L * 1024L;
        long txMemory = Long.parseLong(args[4]) * 1024L * 1024L;
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set to at least 8 characters");
            System.exit(2);
        }
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemory)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (Exception ignored) {
                // the ready marker is advisory; shutting the databases down matters more
            }
            dbms.shutdown();
            stopped.countDown();
        }));

        try {
            setPassword(dbms, password);
            Files.writeString(ready, "READY " + host + ":" + port + "\n");
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the shutdown hook stops the databases; a half-started server must not linger
        }
        System.out.println("neo4j ready on bolt://" + host + ":" + port);
        stopped.await();
    }

    /** The first start has the default user neo4j/neo4j with a forced change; later starts keep or update it. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (QueryExecutionException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }
}
