package cn.qeregistry.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/**
 * Where operator-editable files live: {@code jobs/} (job and schedule definitions, re-review rule
 * sets) and {@code mappings/} (one file per feed), under {@code qe.config-dir} (default: working directory).
 */
@Component
public class ConfigFiles {

    private final Path root;

    public ConfigFiles(@Value("${qe.config-dir:.}") String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    public Path jobs() {
        return root.resolve("jobs");
    }

    public Path mappings() {
        return root.resolve("mappings");
    }
}
