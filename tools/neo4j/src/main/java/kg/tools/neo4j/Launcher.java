package kg.tools.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Dev/CI Neo4j: embedded Community DBMS with Bolt on 127.0.0.1:PORT and auth on.
 * Usage: java -cp 'target/neo4j-launcher.jar:target/lib/*' kg.tools.neo4j.Launcher DATA_DIR PORT
 * The neo4j user's password is taken from env NEO4J_PASSWORD. Runs until SIGTERM.
 * LOAD CSV may not read local files (file URLs are refused).
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        String pw = System.getenv("NEO4J_PASSWORD");
        if (args.length != 2 || pw == null || pw.length() < 8) {
            System.err.println("usage: NEO4J_PASSWORD=<8+ chars> Launcher DATA_DIR PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                // No LOAD CSV FROM 'file:///…': a query must not read the files of the machine it runs on.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import"))
                // Bolt's Netty shutdown otherwise idles ~10 s (5 s quiet period per event-loop group).
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J STOPPING");
            dbms.shutdown();
            System.out.println("NEO4J STOPPED");
        }, "neo4j-shutdown"));
        try {
            setPassword(dbms, pw);
            String version = dbms.database("system").executeTransactionally(
                    "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
                    Map.of(), r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "?");
            System.out.println("NEO4J READY bolt://127.0.0.1:" + port + " version=" + version);
            System.out.flush();
        } catch (RuntimeException e) {
            System.err.println("NEO4J FAILED: " + e);
            System.exit(1); // shutdown hook stops the DBMS
        }
        Thread.currentThread().join(); // park until SIGTERM/SIGINT runs the shutdown hook
    }

    private static void setPassword(DatabaseManagementService dbms, String pw) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", pw));
        } catch (RuntimeException e) {
            // Re-using a data dir with an unchanged password: Neo4j refuses "old == new"; that's fine.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }
}
