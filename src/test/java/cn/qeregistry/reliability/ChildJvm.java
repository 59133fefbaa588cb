package cn.qeregistry.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The application as operators run it — {@code java … cn.qeregistry.QeRegistryApplication} in a JVM
 * of its own with {@code QE_HOME} (and any environment, e.g. a shared database's URL) — and SQL
 * against the database it uses: the embedded PostgreSQL of the home, or {@code SPRING_DATASOURCE_URL}.
 */
final class ChildJvm {

    private final Path home;
    private final Map<String, String> environment;
    private final Map<Process, Path> logs = new ConcurrentHashMap<>();

    ChildJvm(Path home, Map<String, String> environment) {
        this.home = home;
        this.environment = new LinkedHashMap<>(environment);
    }

    ChildJvm(Path home) {
        this(home, Map.of());
    }

    Path home() {
        return home;
    }

    /** Starts the application; leading {@code -D…} words are JVM options, the rest its command line. */
    Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dfile.encoding=UTF-8"));
        List<String> rest = new ArrayList<>(List.of(arguments));
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) {
            command.add(rest.remove(0));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "cn.qeregistry.QeRegistryApplication"));
        command.addAll(rest);
        Files.createDirectories(home);
        Path log = Files.createTempFile(home, "app-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QE_HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        logs.put(process, log);
        return process;
    }

    /** Runs a command to its end; returns the exit code. */
    int run(String... arguments) throws IOException, InterruptedException {
        return finish(start(arguments));
    }

    /** The last 6,000 characters of the process's output. */
    String log(Process process) {
        try {
            String text = Files.readString(logs.get(process), StandardCharsets.UTF_8);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    int finish(Process process) throws InterruptedException {
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not finish in 10 minutes: " + log(process));
        }
        return process.exitValue();
    }

    /** Waits (5 minutes at most, polling every 50 ms) until the condition holds while the process lives. */
    void waitFor(String what, BooleanSupplier condition, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the process ended before " + what + ": " + log(process));
            }
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("timed out waiting for " + what + ": " + log(process));
    }

    /** kill -9: no shutdown hook, no finally block, no clean-up runs. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    long single(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    /** The first column of the first row, or null when there is none. */
    String text(String sql) throws SQLException {
        List<String> column = column(sql);
        return column.isEmpty() ? null : column.get(0);
    }

    List<String> column(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The value, or {@code otherwise} while the database or the tables are not there yet. */
    long singleOr(String sql, long otherwise) {
        try {
            return single(sql);
        } catch (SQLException | RuntimeException e) {
            return otherwise;
        }
    }

    Connection connect() throws SQLException {
        String url = environment.get("SPRING_DATASOURCE_URL");
        if (url != null) {
            return DriverManager.getConnection(url, environment.getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                    environment.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + embeddedPort() + "/qe", "postgres", "");
    }

    private int embeddedPort() throws SQLException {
        try {
            return Integer.parseInt(Files.readAllLines(home.resolve("db/postmaster.pid")).get(3).trim());
        } catch (IOException | IndexOutOfBoundsException | NumberFormatException e) {
            throw new SQLException("no database running on " + home);
        }
    }
}
