package cn.qeregistry.master;

import cn.qeregistry.platform.ConfigFiles;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * The survivorship rules of this installation, read and checked at start-up: a missing file or a
 * mistake in it stops the start with the file and key.
 */
@Component
class SurvivorshipRules implements Supplier<Survivorship> {

    private final Survivorship loaded;

    SurvivorshipRules(ConfigFiles files) {
        this.loaded = SurvivorshipFile.load(files.mappings());
    }

    @Override
    public Survivorship get() {
        return loaded;
    }
}
