package cn.qeregistry.platform;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Each test session starts on an empty {@code $QE_HOME} (set by Surefire under target/), so the
 * embedded database, inboxes and archives hold only what this session's tests put there.
 */
public class FreshTestHome implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path home = QeHome.resolve().root();
        if (!home.toString().contains("target") || !Files.exists(home)) {
            return; // never wipe a home that is not a build directory
        }
        try (Stream<Path> tree = Files.walk(home)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
