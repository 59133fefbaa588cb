package cn.qeregistry.review.rules;

import cn.qeregistry.platform.ConfigFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rule sets in {@code jobs/review-rules/*.yml}. All files are checked at start-up (a malformed
 * one stops the application) and read again for every run, so an edited threshold counts from the
 * next run without a rebuild or restart.
 *
 * <p>The live rule set on a review date D is the non-draft set with the latest {@code effective_from}
 * ≤ D. Drafts are never live; they are evaluated only as a what-if ({@code run review --rules=FILE}).
 */
@Component
public class RuleSets {

    private final Path dir;

    @Autowired
    public RuleSets(ConfigFiles files) {
        this(files.reviewRules());
    }

    public RuleSets(Path dir) {
        this.dir = dir;
        all();
    }

    public Path dir() {
        return dir;
    }

    /** Every rule set of the folder, checked; none when the folder does not exist. */
    public List<RuleSet> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RuleSet> sets;
        try (Stream<Path> files = Files.list(dir)) {
            sets = files.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().map(RuleSetFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule sets in " + dir, e);
        }
        Map<String, RuleSet> byName = new HashMap<>();
        Map<LocalDate, RuleSet> liveByDate = new HashMap<>();
        for (RuleSet set : sets) {
            RuleSet sameName = byName.putIfAbsent(set.name(), set);
            if (sameName != null) {
                throw new RuleFileException(set.file(), null, "rule set name '" + set.name() + "' is already used by " + sameName.file());
            }
            if (!set.draft()) {
                RuleSet sameDate = liveByDate.putIfAbsent(set.effectiveFrom(), set);
                if (sameDate != null) {
                    throw new RuleFileException(set.file(), null, "effective_from " + set.effectiveFrom() + " is also that of "
                            + sameDate.file() + "; two live rule sets cannot start on the same day");
                }
            }
        }
        return sets;
    }

    /** The rule set in force on {@code reviewDate}: non-draft, latest effective_from ≤ the date. */
    public RuleSet live(LocalDate reviewDate) {
        return all().stream()
                .filter(set -> !set.draft() && !set.effectiveFrom().isAfter(reviewDate))
                .max(Comparator.comparing(RuleSet::effectiveFrom))
                .orElseThrow(() -> new IllegalStateException("no rule set in force on " + reviewDate + " in " + dir
                        + " (a non-draft file with effective_from on or before that date is needed)"));
    }

    /** A rule set named for a what-if: a path, or a file name inside the rule-set folder. */
    public RuleSet file(String pathOrName) {
        Path given = Path.of(pathOrName);
        Path file = Files.isRegularFile(given) ? given : dir.resolve(pathOrName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("rule file not found: " + pathOrName + " (looked in the working directory and " + dir + ")");
        }
        return RuleSetFile.read(file.toAbsolutePath().normalize());
    }
}
