package cn.qeregistry.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CliUsageTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void unknownCommandExitsTwoAndNamesIt() {
        assertThat(cli.execute("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'").contains("run ");
    }

    @Test
    void unknownOptionExitsTwoAndListsTheAllowedOnes() {
        assertThat(cli.execute("run", "--colour=red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour").contains("--date");
    }

    @Test
    void everyCommandHasHelp() {
        for (CommandSpec spec : CommandSpec.values()) {
            out.reset();
            assertThat(cli.execute(spec.commandName(), "--help")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: qe-registry " + spec.commandName());
        }
    }

    @Test
    void overviewListsAllCommands() {
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("run", "ingest", "restart", "stop", "abandon", "status", "report", "generate");
    }
}
