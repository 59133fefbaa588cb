package cn.qeregistry.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** schedules.yml is read with defaults, and every mistake is refused naming the file and the key. */
class ScheduleFileTest {

    @TempDir Path dir;

    @Test
    void readsEntriesWithShanghaiAndEnabledAsDefaults() throws IOException {
        Path file = write("""
                schedules:
                  - job: nightly
                    cron: "0 30 1 * * ?"
                  - job: weekly
                    cron: "0 0 6 ? * MON"
                    time-zone: UTC
                    enabled: false
                """);

        assertThat(ScheduleFile.read(file)).containsExactly(
                new ScheduleEntry("nightly", "0 30 1 * * ?", TimeZone.getTimeZone("Asia/Shanghai"), true),
                new ScheduleEntry("weekly", "0 0 6 ? * MON", TimeZone.getTimeZone("UTC"), false));
    }

    @Test
    void anAbsentFileDeclaresNoSchedules() {
        assertThat(ScheduleFile.read(dir.resolve("schedules.yml"))).isEmpty();
    }

    @Test
    void theShippedFileSchedulesTheNightlyAtHalfPastOneInShanghai() {
        assertThat(ScheduleFile.read(Path.of("jobs/schedules.yml"))).containsExactly(
                new ScheduleEntry("nightly", "0 30 1 * * ?", TimeZone.getTimeZone("Asia/Shanghai"), true));
    }

    @Test
    void mistakesAreRefusedWithFileAndKey() throws IOException {
        refused("schedules:\n  - job: nightly\n    cron: \"0 30 25 * * ?\"\n", "schedules[0].cron", "'0 30 25 * * ?' is not a Quartz cron expression");
        refused("schedules:\n  - job: nightly\n", "schedules[0].cron", "is required");
        refused("schedules:\n  - cron: \"0 30 1 * * ?\"\n", "schedules[0].job", "is required");
        refused("schedules:\n  - job: nightly\n    cron: \"0 30 1 * * ?\"\n    timezone: UTC\n", "schedules[0].timezone", "unknown key");
        refused("schedules:\n  - job: nightly\n    cron: \"0 30 1 * * ?\"\n    time-zone: Asia/Wuhan\n", "schedules[0].time-zone", "not a time zone");
        refused("schedules:\n  - job: nightly\n    cron: \"0 30 1 * * ?\"\n    enabled: sometimes\n", "schedules[0].enabled", "true or false");
        refused("schedules:\n  - job: nightly\n    cron: \"0 30 1 * * ?\"\n  - job: nightly\n    cron: \"0 0 2 * * ?\"\n",
                "schedules[1].job", "scheduled twice");
        refused("nightly: \"0 30 1 * * ?\"\n", "schedules", "exactly one key 'schedules'");
        refused("schedules: [\n", "(file)", "not valid YAML");
    }

    private void refused(String yaml, String key, String reason) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> ScheduleFile.read(file))
                .isInstanceOf(ScheduleFile.InvalidScheduleFile.class)
                .hasMessageStartingWith(file + ": " + key + " ")
                .hasMessageContaining(reason);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("schedules.yml"), yaml);
    }
}
