package cn.qeregistry.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database of a home is started once, kept across restarts and shared by a second process. */
class SharedEmbeddedDatabaseTest {

    @Test
    void statusOnAnEmptyHomeStartsTheDatabaseAndALaterProcessReusesItsData() throws Exception {
        QeHome home = QeHome.of("target/qe-home-reuse-" + ProcessHandle.current().pid());

        Result first = qeRegistry(home, "status");
        assertThat(first.exitCode()).isZero();
        assertThat(first.output()).contains("no executions");

        // the first process stopped its server on exit; this one starts it again on the same data
        EmbeddedDatabase again = EmbeddedDatabase.forHome(home);
        assertThat(again.ownsServer()).isTrue();
        try (var connection = DriverManager.getConnection(again.jdbcUrl(), EmbeddedDatabase.USER, "");
             var rs = connection.createStatement().executeQuery("select count(*) from flyway_schema_history where success")) {
            rs.next();
            assertThat(rs.getInt(1)).as("migrations applied by the first process").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aSecondProcessConnectsToTheRunningServerInsteadOfStartingOne() throws Exception {
        QeHome home = QeHome.of("target/qe-home-shared-" + ProcessHandle.current().pid());
        EmbeddedDatabase running = EmbeddedDatabase.forHome(home);
        String pidFileBefore = Files.readString(home.database().resolve("postmaster.pid"));

        Result status = qeRegistry(home, "status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("no executions");
        assertThat(Files.readString(home.database().resolve("postmaster.pid"))).isEqualTo(pidFileBefore);
        try (var connection = DriverManager.getConnection(running.jdbcUrl(), EmbeddedDatabase.USER, "")) {
            assertThat(connection.isValid(2)).as("the owner's server survives the other process").isTrue();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result qeRegistry(QeHome home, String... args) throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        var command = new ArrayList<String>();
        command.add(javaBin.toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("cn.qeregistry.QeRegistryApplication");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(QeHome.ENV, home.root().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
