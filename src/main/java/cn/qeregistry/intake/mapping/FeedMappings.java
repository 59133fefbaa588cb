package cn.qeregistry.intake.mapping;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.ConfigFiles;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The five feed mappings, read and checked at start-up: a bad file stops the application with the
 * file and key. The folder is {@code qe.mappings-dir} (default: {@code mappings/} of the
 * config dir); without it the application does not start.
 */
@Component
public class FeedMappings {

    private final Path dir;
    private final Map<Feed, FeedMapping> mappings = new EnumMap<>(Feed.class);

    public FeedMappings(ConfigFiles config) {
        this.dir = config.mappings();
        if (!Files.isDirectory(dir)) {
            throw new MappingException(dir, "(folder)", "the mappings folder is missing (set QE_CONFIG_DIR or qe.mappings-dir)");
        }
        for (Feed feed : Feed.values()) {
            Path file = dir.resolve(feed.code() + ".yml");
            if (!Files.isRegularFile(file)) {
                throw new MappingException(file, "(file)", "the mapping of feed " + feed.code() + " is missing");
            }
            mappings.put(feed, MappingParser.parse(file));
        }
    }

    public boolean available(Feed feed) {
        return mappings.containsKey(feed);
    }

    public FeedMapping of(Feed feed) {
        FeedMapping mapping = mappings.get(feed);
        if (mapping == null) {
            throw new IllegalStateException("no mapping for feed " + feed.code() + ": folder " + dir + " not found");
        }
        return mapping;
    }
}
