package cn.qeregistry.generator;

import cn.qeregistry.core.Feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * The sample province of the first start: about 2,000 firms written straight into an empty
 * {@code $QE_HOME} (its {@code inbox/<feed>/}, plus {@code exchange/} and {@code truth/}), so the
 * first {@code run} has deliveries to take in. No Spring, no database.
 */
public final class SampleProvince {

    public static final int ENTERPRISES = 2000;
    public static final long SEED = 1;

    private SampleProvince() {
    }

    /** Writes the sample province into {@code home} when no feed inbox holds a file; true when it did. */
    public static boolean seedIfEmpty(Path home, LocalDate asOf) throws IOException {
        for (Feed feed : Feed.values()) {
            Path inbox = home.resolve("inbox").resolve(feed.code());
            if (Files.isDirectory(inbox)) {
                try (Stream<Path> files = Files.list(inbox)) {
                    if (files.anyMatch(Files::isRegularFile)) {
                        return false;
                    }
                }
            }
        }
        new ProvinceGenerator(GeneratorOptions.of(home, ENTERPRISES, SEED, asOf)).generate();
        return true;
    }
}
