package cn.qeregistry.intake.mapping;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.ConfigFiles;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The five feed mappings in {@code qe.mappings-dir} (default: {@code mappings/} of the config dir).
 * All are checked at start-up, so an operator learns of a bad file before the first night; each
 * intake step reads its file again when it starts, so a file corrected while the application runs
 * is used by the next run or restart. A bad file is refused naming the file and the key.
 */
@Component
public class FeedMappings {

    private final Path dir;

    public FeedMappings(ConfigFiles config) {
        this.dir = config.mappings();
        for (Feed feed : Feed.values()) {
            current(feed);
        }
    }

    /** The feed's mapping as its file says now. */
    public FeedMapping current(Feed feed) {
        if (!Files.isDirectory(dir)) {
            throw new MappingException(dir, "(folder)", "the mappings folder is missing (set QE_CONFIG_DIR or qe.mappings-dir)");
        }
        Path file = dir.resolve(feed.code() + ".yml");
        if (!Files.isRegularFile(file)) {
            throw new MappingException(file, "(file)", "the mapping of feed " + feed.code() + " is missing");
        }
        return MappingParser.parse(file);
    }
}
