package cn.qeregistry.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state directory of one installation ({@code $QE_HOME}, default {@code ./var}): inboxes per feed,
 * archived originals, written reports and the embedded database's data.
 */
public record QeHome(Path root) {

    public static final String ENV = "QE_HOME";
    public static final String PROPERTY = "qe.home";

    /** Resolves the home from the {@code qe.home} system property, then {@code $QE_HOME}, then {@code ./var}. */
    public static QeHome resolve() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        return of(configured == null || configured.isBlank() ? "var" : configured);
    }

    public static QeHome of(String path) {
        return new QeHome(Path.of(path).toAbsolutePath().normalize());
    }

    public Path inbox(String feed) {
        return root.resolve("inbox").resolve(feed);
    }

    public Path archive(String feed) {
        return root.resolve("archive").resolve(feed);
    }

    public Path reports() {
        return root.resolve("reports");
    }

    public Path database() {
        return root.resolve("db");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Creates the directory if needed and returns it. */
    public static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }
}
