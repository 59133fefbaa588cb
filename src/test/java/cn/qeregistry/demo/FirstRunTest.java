package cn.qeregistry.demo;

import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command on a new machine: an empty home, the embedded database, {@code run nightly}. */
@Tag("slow")
class FirstRunTest {

    @Test
    void firstNightlyOnAnEmptyHomeSeedsTheSampleProvinceRunsToCompletionAndSaysWhereToLook() throws Exception {
        QeHome home = QeHome.of("target/qe-home-first-run-" + ProcessHandle.current().pid());

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "cn.qeregistry.QeRegistryApplication",
                "run", "nightly", "--date=2026-11-26"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(QeHome.ENV, home.root().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("seeded a sample province of 2000 firms", "COMPLETED", "reports of the night");
        Path reports = home.reports().resolve("2026-11-26");
        try (Stream<Path> written = Files.list(reports)) {
            assertThat(written.map(p -> p.getFileName().toString())).contains("manifest.json");
        }
        assertThat(home.root().resolve("truth/expected-review.csv")).isRegularFile();
    }
}
