package cn.qeregistry.intake;

import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ingest --feed=FEED FILE…} takes the files into the inbox and runs that feed's intake job. */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class IngestCommandTest {

    static final Set<String> OPTIONS = Set.of("feed", "date", "help");

    @Autowired IngestCommand ingest;
    @Autowired JdbcClient jdbc;
    @Autowired cn.qeregistry.runs.JobRunner runner;

    @BeforeEach
    void emptyIntake() throws Exception {
        IntakeFixtures.reset(jdbc);
    }

    @Test
    void ingestingAGoodFileStagesItAndExitsZeroAndTheSameFileAgainIsADuplicate() throws Exception {
        Path file = IntakeFixtures.DIR.resolve("registry-2026-11-26.xlsx");

        int exit = ingest.run(Arguments.parse(List.of("--feed=registry", "--date=2026-11-26", file.toString()), OPTIONS));
        int again = ingest.run(Arguments.parse(List.of("--feed=registry", "--date=2026-11-26", file.toString()), OPTIONS));

        assertThat(exit).isEqualTo(Command.OK);
        assertThat(again).isEqualTo(Command.OK);
        var deliveries = IntakeFixtures.deliveries(jdbc, "registry");
        assertThat(deliveries).extracting(IntakeFixtures.Delivery::status).containsExactly("STAGED", "DUPLICATE");
        assertThat(Files.exists(file)).as("the operator's own file is left alone").isTrue();
    }

    @Test
    void aFileThatCannotBeTakenExitsOne() throws Exception {
        Path empty = Files.createTempFile("tax-2025", ".xlsx");

        assertThat(ingest.run(Arguments.parse(List.of("--feed=tax", empty.toString()), OPTIONS))).isEqualTo(Command.FAILED);
        assertThat(IntakeFixtures.deliveries(jdbc, "tax").get(0).message()).endsWith("the file is empty (0 bytes)");
    }

    @Test
    void nightlyStartsWithTheFiveIntakeStepsAndEachFeedHasItsOwnIntakeJob() {
        var nightly = (org.springframework.batch.core.step.ListableStepLocator) runner.job("nightly").orElseThrow();

        assertThat(nightly.getStepNames()).startsWith("intake.market", "intake.tax", "intake.science", "intake.finance", "intake.registry");
        for (String feed : List.of("market", "tax", "science", "finance", "registry")) {
            var job = (org.springframework.batch.core.job.SimpleJob) runner.job("intake." + feed).orElseThrow();
            assertThat(job.getStepNames()).containsExactly("intake." + feed);
        }
    }

    @Test
    void anUnknownFeedOrNoFileIsBadUsage() {
        assertThatThrownBy(() -> ingest.run(Arguments.parse(List.of("--feed=weather", "x.csv"), OPTIONS)))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown feed 'weather'");
        assertThatThrownBy(() -> ingest.run(Arguments.parse(List.of("--feed=tax"), OPTIONS)))
                .isInstanceOf(UsageException.class).hasMessageContaining("at least one file");
        assertThatThrownBy(() -> ingest.run(Arguments.parse(List.of("--feed=tax", "no/such/file.xlsx"), OPTIONS)))
                .isInstanceOf(UsageException.class).hasMessageContaining("no such file");
    }
}
