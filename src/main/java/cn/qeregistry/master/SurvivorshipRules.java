package cn.qeregistry.master;

import cn.qeregistry.platform.ConfigFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The survivorship rules of this installation, read and checked at start-up: a mistake in the file
 * stops the start with the file and key. A configuration folder without the file (one holding only
 * other jobs) still starts; the master step then fails on the missing file when it runs.
 */
@Component
class SurvivorshipRules implements Supplier<Survivorship> {

    private static final Logger log = LoggerFactory.getLogger(SurvivorshipRules.class);

    private final Path mappings;
    private final Survivorship loaded;

    SurvivorshipRules(ConfigFiles files) {
        this.mappings = files.mappings();
        boolean present = Files.isRegularFile(mappings.resolve(SurvivorshipFile.NAME));
        this.loaded = present ? SurvivorshipFile.load(mappings) : null;
        if (!present) {
            log.warn("{} not found: the master step cannot run until it is there", mappings.resolve(SurvivorshipFile.NAME));
        }
    }

    @Override
    public Survivorship get() {
        return loaded != null ? loaded : SurvivorshipFile.load(mappings);
    }
}
