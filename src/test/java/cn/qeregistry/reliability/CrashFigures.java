package cn.qeregistry.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends the figures of each crash case to target/reliability-figures.txt, quoted by docs/reliability.md. */
final class CrashFigures {

    private CrashFigures() {
    }

    static void record(String scenario, long rowsIn, long rowsStaged, long stagedBeforeInterruption, int restarts) {
        note("%s: rows in %d, rows staged %d (%d before the interruption), restarts survived %d"
                .formatted(scenario, rowsIn, rowsStaged, stagedBeforeInterruption, restarts));
    }

    static void note(String figures) {
        String line = figures + System.lineSeparator();
        try {
            Files.writeString(Path.of("target/reliability-figures.txt"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
