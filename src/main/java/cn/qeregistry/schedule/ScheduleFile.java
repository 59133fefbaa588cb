package cn.qeregistry.schedule;

import org.quartz.CronExpression;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * Reads {@code jobs/schedules.yml}:
 * <pre>
 * schedules:
 *   - job: nightly
 *     cron: "0 30 1 * * ?"      # Quartz cron: second minute hour day-of-month month day-of-week
 *     time-zone: Asia/Shanghai  # optional, default Asia/Shanghai
 *     enabled: true             # optional, default true
 * </pre>
 * Anything wrong is refused with the file and the key ({@code schedules[0].cron}), so a typo never
 * leaves the nightly silently unscheduled.
 */
final class ScheduleFile {

    static final String NAME = "schedules.yml";
    static final String DEFAULT_ZONE = "Asia/Shanghai";
    private static final Set<String> KEYS = Set.of("job", "cron", "time-zone", "enabled");

    private ScheduleFile() {
    }

    /** The entries of {@code file}; an absent file declares no schedules. */
    static List<ScheduleEntry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Object loaded;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded = new Yaml().load(reader);
        } catch (IOException e) {
            throw new InvalidScheduleFile(file, "(file)", "cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new InvalidScheduleFile(file, "(file)", "is not valid YAML: " + e.getMessage());
        }
        if (loaded == null) {
            return List.of();
        }
        if (!(loaded instanceof Map<?, ?> root) || !root.keySet().equals(Set.of("schedules"))) {
            throw new InvalidScheduleFile(file, "schedules", "the file must have exactly one key 'schedules' (a list)");
        }
        Object list = root.get("schedules");
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw new InvalidScheduleFile(file, "schedules", "must be a list of entries");
        }
        List<ScheduleEntry> entries = new ArrayList<>();
        Set<String> jobs = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "schedules[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw new InvalidScheduleFile(file, at, "must be a map with keys " + KEYS);
            }
            for (Object key : item.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new InvalidScheduleFile(file, at + "." + key, "unknown key (allowed: job, cron, time-zone, enabled)");
                }
            }
            String job = text(file, at + ".job", item.get("job"));
            if (!jobs.add(job)) {
                throw new InvalidScheduleFile(file, at + ".job", "job '" + job + "' is scheduled twice");
            }
            String cron = text(file, at + ".cron", item.get("cron"));
            try {
                CronExpression.validateExpression(cron);
            } catch (ParseException e) {
                throw new InvalidScheduleFile(file, at + ".cron", "'" + cron + "' is not a Quartz cron expression ("
                        + e.getMessage() + "); e.g. \"0 30 1 * * ?\" = every day at 01:30");
            }
            Object zoneValue = item.get("time-zone");
            String zone = zoneValue == null ? DEFAULT_ZONE : text(file, at + ".time-zone", zoneValue);
            TimeZone timeZone;
            try {
                timeZone = TimeZone.getTimeZone(ZoneId.of(zone));
            } catch (DateTimeException e) {
                throw new InvalidScheduleFile(file, at + ".time-zone", "'" + zone + "' is not a time zone (e.g. Asia/Shanghai)");
            }
            Object enabled = item.get("enabled");
            if (enabled != null && !(enabled instanceof Boolean)) {
                throw new InvalidScheduleFile(file, at + ".enabled", "must be true or false, got '" + enabled + "'");
            }
            entries.add(new ScheduleEntry(job, cron, timeZone, enabled == null || (Boolean) enabled));
        }
        return entries;
    }

    private static String text(Path file, String key, Object value) {
        if (value == null || String.valueOf(value).isBlank()) {
            throw new InvalidScheduleFile(file, key, "is required");
        }
        if (!(value instanceof String s)) {
            throw new InvalidScheduleFile(file, key, "must be text, got '" + value + "' (quote it)");
        }
        return s.trim();
    }

    /** The schedules file is refused: the message names the file and the key. */
    static class InvalidScheduleFile extends IllegalStateException {
        InvalidScheduleFile(Path file, String key, String reason) {
            super(file + ": " + key + " " + reason);
        }
    }
}
