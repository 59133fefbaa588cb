package cn.qeregistry.report;

import cn.qeregistry.exceptions.RegisterFixtures;
import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class ReportCommandTest {

    static final Set<String> OPTIONS = Set.of("out", "format", "lang", "region", "tier", "status", "category", "run", "compare", "date");

    @Autowired List<Command> commands;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @BeforeEach
    void emptyRegister() {
        new RegisterFixtures(jdbc).clean();
    }

    @Test
    void formatFollowsTheFileExtensionUnlessGivenAndDefaultsToXlsx() throws Exception {
        assertThat(run("exceptions", "--out=" + dir.resolve("a.csv"))).isZero();
        assertThat(Files.readAllBytes(dir.resolve("a.csv"))).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(run("exceptions", "--out=" + dir.resolve("b.report"))).isZero();
        assertThat(Files.readAllBytes(dir.resolve("b.report"))).as("xlsx is a zip").startsWith('P', 'K');
        assertThat(run("exceptions", "--out=" + dir.resolve("c.xlsx"), "--format=csv", "--lang=en", "--status=open",
                "--category=review_fail", "--tier=SRDI_SME", "--region=420100")).isZero();
        assertThat(Files.readString(dir.resolve("c.xlsx"))).startsWith("\uFEFFexception_id,category,");
    }

    @Test
    void badUsageIsReportedWithWhatIsWrong() {
        assertThatThrownBy(() -> run("everything", "--out=" + dir.resolve("x.xlsx"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("exceptions, review or master");
        assertThatThrownBy(() -> run("exceptions")).isInstanceOf(UsageException.class).hasMessageContaining("--out");
        assertThatThrownBy(() -> run("exceptions", "--out=x.xlsx", "--status=DONE")).isInstanceOf(UsageException.class)
                .hasMessageContaining("IN_FOLLOW_UP");
        assertThatThrownBy(() -> run("exceptions", "--out=x.xlsx", "--region=wuhan")).isInstanceOf(UsageException.class)
                .hasMessageContaining("six digits");
        assertThatThrownBy(() -> run("master", "--out=x.xlsx", "--status=OPEN")).isInstanceOf(UsageException.class)
                .hasMessageContaining("region and tier only");
        assertThatThrownBy(() -> run("review", "--out=x.xlsx", "--lang=fr")).isInstanceOf(UsageException.class)
                .hasMessageContaining("zh or en");
        assertThat(dir.toFile().list()).isEmpty();
    }

    private int run(String... words) throws Exception {
        Command report = commands.stream().filter(c -> c.name().equals("report")).findFirst().orElseThrow();
        return report.run(Arguments.parse(List.of(words), OPTIONS));
    }
}
