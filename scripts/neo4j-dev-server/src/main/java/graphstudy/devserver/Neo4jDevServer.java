package graphstudy.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

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
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Throwaway embedded Neo4j Community server with Bolt on 127.0.0.1, for tests and development.
 *
 * <pre>
 *   java -Xmx512m -jar neo4j-dev-server.jar [--port N] [--auth] [--data DIR] [--pagecache SIZE]
 * </pre>
 *
 * --port N          Bolt port (default 0 = a free port chosen by the OS).
 * --auth            enable authentication; user "neo4j", password from the environment variable
 *                   NEO4J_PASSWORD (at least 8 characters). Never taken from the command line.
 * --data DIR        keep the database in DIR (created if absent) and leave it there on exit, so a
 *                   later start (even after a SIGKILL: Neo4j recovers from its transaction log)
 *                   opens the same store. Default: a fresh temp directory (under java.io.tmpdir)
 *                   that is deleted on exit.
 * --pagecache SIZE  page cache, e.g. 64m, 2g (default 64m).
 *
 * Prints exactly one line, BOLT_URI=bolt://127.0.0.1:PORT, on stdout once Bolt accepts
 * connections (and the password is set), then blocks until SIGTERM/SIGINT.
 */
public final class Neo4jDevServer {

    public static void main(String[] args) throws Exception {
        int port = 0;
        boolean auth = false;
        Path data = null;
        long pagecache = ByteUnit.mebiBytes(64);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--auth" -> auth = true;
                case "--data" -> data = Path.of(value(args, ++i, "--data")).toAbsolutePath();
                case "--pagecache" -> {
                    String size = value(args, ++i, "--pagecache");
                    try {
                        pagecache = ByteUnit.parse(size);
                    } catch (IllegalArgumentException e) {
                        fail("--pagecache: '" + size + "' is not a size such as 64m or 2g");
                    }
                }
                default -> fail("unknown argument: " + args[i] + " (" + USAGE + ")");
            }
        }
        String password = System.getenv("NEO4J_PASSWORD");
        if (auth && (password == null || password.length() < 8)) {
            fail("--auth needs NEO4J_PASSWORD in the environment, at least 8 characters");
        }

        boolean keep = data != null;
        Path home = keep ? Files.createDirectories(data) : Files.createTempDirectory("neo4j-dev-");
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                    // No 5 s lock-out after 3 wrong passwords (tests try wrong ones on purpose).
                    .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Bolt otherwise waits 5 s + 5 s for connections/threads on shutdown.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
        } catch (RuntimeException e) { // e.g. port in use
            e.printStackTrace();
            if (!keep) {
                deleteTree(home);
            }
            System.exit(1); // Neo4j's own threads would keep the JVM alive
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                if (!keep) {
                    deleteTree(home);
                }
                stopped.countDown();
            }
        }, "neo4j-dev-server-shutdown"));

        try {
            if (auth) {
                // The built-in user starts as neo4j/neo4j, "change required": set the real password.
                dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            }
            var db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            var bolt = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            System.out.println("BOLT_URI=bolt://127.0.0.1:" + bolt.getPort());
            System.out.flush();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }

        stopped.await();
    }

    private static final String USAGE = "usage: [--port N] [--auth] [--data DIR] [--pagecache SIZE]";

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value (" + USAGE + ")");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("neo4j-dev-server: " + message);
        System.exit(2);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("neo4j-dev-server: could not delete " + root + ": " + e);
        }
    }
}
