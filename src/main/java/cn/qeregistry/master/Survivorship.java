package cn.qeregistry.master;

import cn.qeregistry.core.Feed;
import cn.qeregistry.master.MasterSchema.Attribute;
import cn.qeregistry.master.MasterSchema.Kind;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Which feed wins for each attribute of the golden record, as declared in
 * {@code mappings/survivorship.yml} (see {@link SurvivorshipFile}), and when two feeds disagree.
 */
final class Survivorship {

    /** A staged column offering a value for an attribute. */
    record Source(Feed feed, String column) {
        /** The column in SQL, with the feed's code as the alias of its current row. */
        String expression() {
            return feed.code() + "." + column;
        }
    }

    /** An attribute and its sources, most authoritative first. */
    record Rule(Attribute attribute, List<Source> sources) {
        String column() {
            return attribute.column();
        }

        /** A numeric attribute offered by more than one feed can conflict between them. */
        boolean comparesFeeds() {
            return attribute.kind() == Kind.NUMBER && sources.size() > 1;
        }
    }

    /** Two numbers conflict when they differ by more than max(absolute, relative × larger magnitude). */
    record Tolerance(BigDecimal relative, BigDecimal absolute) {
    }

    private final List<Rule> record;
    private final List<Rule> year;
    private final Tolerance tolerance;
    private final String digest;

    Survivorship(List<Rule> record, List<Rule> year, Tolerance tolerance) {
        this.record = List.copyOf(record);
        this.year = List.copyOf(year);
        this.tolerance = tolerance;
        this.digest = sha256(this.record + "|" + this.year + "|" + tolerance);
    }

    List<Rule> record() {
        return record;
    }

    List<Rule> year() {
        return year;
    }

    Tolerance tolerance() {
        return tolerance;
    }

    /** Identifies the rules' meaning (not the file's comments): a new digest means recompute every firm. */
    String digest() {
        return digest;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
