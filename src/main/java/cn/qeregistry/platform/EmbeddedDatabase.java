package cn.qeregistry.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server kept in {@code $QE_HOME/db} when no external datasource is configured.
 *
 * <p>The first process on a home starts the server and stops it on exit; any other process on the
 * same home (a {@code report} while the console runs) finds it through {@code postmaster.pid} and
 * connects instead of fighting over the locked data directory. A file lock on {@code db.lock}
 * serialises the find-or-start decision between processes starting at the same moment.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "qe";
    public static final String USER = "postgres";

    private static final Map<Path, EmbeddedDatabase> BY_HOME = new HashMap<>();

    private final int port;
    private final EmbeddedPostgres owned;
    private int users;

    private EmbeddedDatabase(int port, EmbeddedPostgres owned) {
        this.port = port;
        this.owned = owned;
        if (owned != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopWhenUnused, "qe-embedded-postgres-stop"));
        }
    }

    /** An application context starts using the server. */
    public synchronized void acquire() {
        users++;
    }

    /** An application context has closed; the last one lets the server stop. */
    public synchronized void release() {
        users--;
        notifyAll();
    }

    /**
     * JVM shutdown hooks run concurrently, so the server waits (bounded) for the application
     * contexts to close first: the scheduler and the pool must not lose their database mid-shutdown.
     */
    private void stopWhenUnused() {
        synchronized (this) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (users > 0 && System.currentTimeMillis() < deadline) {
                try {
                    wait(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try {
            owned.close();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    /** The server already found or started for this home in this JVM, if any. */
    public static synchronized EmbeddedDatabase known(QeHome home) {
        return BY_HOME.get(home.root());
    }

    /** Finds the server running on this home, or starts one; one instance per JVM and home. */
    public static synchronized EmbeddedDatabase forHome(QeHome home) {
        EmbeddedDatabase known = BY_HOME.get(home.root());
        if (known == null || !known.isAlive()) {
            known = findOrStart(home);
            BY_HOME.put(home.root(), known);
        }
        return known;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** True when this process started the server (and so stops it on exit). */
    public boolean ownsServer() {
        return owned != null;
    }

    private boolean isAlive() {
        return portAnswers(port);
    }

    private static EmbeddedDatabase findOrStart(QeHome home) {
        Path dataDir = home.database();
        QeHome.ensure(home.root());
        Path lockFile = home.root().resolve("db.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Integer running = runningPort(dataDir);
            if (running != null) {
                ensureDatabase(running);
                return new EmbeddedDatabase(running, null);
            }
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(QeHome.ensure(dataDir))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(freePort())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .start();
            ensureDatabase(server.getPort());
            return new EmbeddedDatabase(server.getPort(), server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir
                    + " (set SPRING_DATASOURCE_URL to use an external server)", e);
        }
    }

    /** The port of a live server on this data directory, read from its postmaster.pid, or null. */
    private static Integer runningPort(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return null;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            return null;
        }
        int port = Integer.parseInt(lines.get(3).trim());
        return portAnswers(port) ? port : null;
    }

    private static boolean portAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void ensureDatabase(int port) {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another process
                throw new IllegalStateException("cannot prepare database '" + DATABASE + "' on port " + port, e);
            }
        }
    }
}
