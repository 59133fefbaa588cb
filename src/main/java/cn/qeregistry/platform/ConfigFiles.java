package cn.qeregistry.platform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/**
 * Where operator-editable files live. By default everything sits under {@code qe.config-dir}
 * (default: the working directory): {@code jobs/} (job definitions and schedules),
 * {@code jobs/review-rules/}, {@code jobs/regions.yml} and {@code mappings/}. Each can be pointed
 * elsewhere on its own ({@code qe.jobs-dir}, {@code qe.review-rules-dir}, {@code qe.regions-file},
 * {@code qe.mappings-dir}), so a test can swap the job definitions and keep the real mappings.
 */
@Component
public class ConfigFiles {

    private final Path jobs;
    private final Path reviewRules;
    private final Path regions;
    private final Path mappings;

    @Autowired
    public ConfigFiles(@Value("${qe.config-dir:.}") String root,
                       @Value("${qe.jobs-dir:}") String jobs,
                       @Value("${qe.review-rules-dir:}") String reviewRules,
                       @Value("${qe.regions-file:}") String regions,
                       @Value("${qe.mappings-dir:}") String mappings) {
        Path base = Path.of(root).toAbsolutePath().normalize();
        this.jobs = or(jobs, base.resolve("jobs"));
        this.reviewRules = or(reviewRules, base.resolve("jobs").resolve("review-rules"));
        this.regions = or(regions, base.resolve("jobs").resolve("regions.yml"));
        this.mappings = or(mappings, base.resolve("mappings"));
    }

    /** Everything under one folder. */
    public ConfigFiles(String root) {
        this(root, "", "", "", "");
    }

    /** Job definitions ({@code *.job.yml}) and {@code schedules.yml}. */
    public Path jobs() {
        return jobs;
    }

    public Path reviewRules() {
        return reviewRules;
    }

    public Path regions() {
        return regions;
    }

    public Path mappings() {
        return mappings;
    }

    private static Path or(String configured, Path fallback) {
        return configured == null || configured.isBlank() ? fallback : Path.of(configured).toAbsolutePath().normalize();
    }
}
