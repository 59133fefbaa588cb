package cn.qeregistry.master;

import cn.qeregistry.core.Feed;
import cn.qeregistry.master.MasterSchema.Attribute;
import cn.qeregistry.master.MasterSchema.Kind;
import cn.qeregistry.master.Survivorship.Rule;
import cn.qeregistry.master.Survivorship.Source;
import cn.qeregistry.master.Survivorship.Tolerance;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and checks {@code mappings/survivorship.yml}. Every problem is refused at start-up with the
 * file and the key, so a typo never silently leaves an attribute empty.
 */
final class SurvivorshipFile {

    static final String NAME = "survivorship.yml";
    private static final Set<String> TOP_KEYS = Set.of("record", "year", "tiers", "conflicts");

    private final Path file;

    private SurvivorshipFile(Path file) {
        this.file = file;
    }

    static Survivorship load(Path mappings) {
        return new SurvivorshipFile(mappings.resolve(NAME)).read();
    }

    private Survivorship read() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + ": survivorship rules not found (set QE_CONFIG_DIR)");
        }
        Object loaded;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded = new Yaml().load(reader);
        } catch (IOException | YAMLException e) {
            throw new IllegalStateException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        Map<?, ?> top = map(loaded, "(top level)");
        for (Object key : top.keySet()) {
            if (!TOP_KEYS.contains(String.valueOf(key))) {
                throw error(String.valueOf(key), "unknown key (expected one of " + TOP_KEYS + ")");
            }
        }
        List<Rule> record = rules("record", top.get("record"), MasterSchema.RECORD, false);
        List<Rule> year = rules("year", top.get("year"), MasterSchema.YEAR, true);
        checkTiers(top.get("tiers"));
        return new Survivorship(record, year, tolerance(top.get("conflicts")));
    }

    private List<Rule> rules(String section, Object value, List<Attribute> attributes, boolean perYear) {
        Map<?, ?> declared = map(value, section);
        Set<String> known = attributes.stream().map(Attribute::column).collect(Collectors.toSet());
        for (Object key : declared.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw error(section + "." + key, "not an attribute of the master record (known: " + known + ")");
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (Attribute attribute : attributes) {
            String key = section + "." + attribute.column();
            if (!declared.containsKey(attribute.column())) {
                throw error(key, "missing: every attribute needs its list of feeds");
            }
            rules.add(new Rule(attribute, sources(key, declared.get(attribute.column()), attribute, perYear)));
        }
        return rules;
    }

    private List<Source> sources(String key, Object value, Attribute attribute, boolean perYear) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw error(key, "must be a non-empty list of feeds, e.g. [market] or [market, registry]");
        }
        List<Source> sources = new ArrayList<>();
        Set<Feed> seen = new HashSet<>();
        for (Object item : list) {
            String text = String.valueOf(item).trim();
            int dot = text.indexOf('.');
            String feedCode = dot < 0 ? text : text.substring(0, dot);
            String column = dot < 0 ? attribute.column() : text.substring(dot + 1);
            Feed feed = Feed.fromCode(feedCode).orElseThrow(() -> error(key, "'" + feedCode + "' is not a feed (feeds: "
                    + Arrays.stream(Feed.values()).map(Feed::code).toList() + ")"));
            if (!seen.add(feed)) {
                throw error(key, "feed '" + feedCode + "' is listed twice");
            }
            Kind kind = MasterSchema.STAGED.get(feed).get(column);
            if (kind == null) {
                throw error(key, "feed '" + feedCode + "' has no column '" + column + "' (its columns: "
                        + MasterSchema.STAGED.get(feed).keySet() + ")");
            }
            if (kind != attribute.kind()) {
                throw error(key, "'" + text + "' holds a " + kind + " value, the attribute needs a " + attribute.kind());
            }
            if (perYear && !MasterSchema.yearKeyed(feed)) {
                throw error(key, "feed '" + feedCode + "' is not keyed by fiscal year (per-year feeds: tax, finance)");
            }
            sources.add(new Source(feed, column));
        }
        return sources;
    }

    private void checkTiers(Object value) {
        if (!(value instanceof List<?> list) || list.size() != 1 || !Feed.REGISTRY.code().equals(String.valueOf(list.get(0)))) {
            throw error("tiers", "must be [registry]: only the programme office's registry carries tier holdings");
        }
    }

    private Tolerance tolerance(Object value) {
        Map<?, ?> conflicts = map(value, "conflicts");
        Map<?, ?> numeric = map(conflicts.get("numeric-tolerance"), "conflicts.numeric-tolerance");
        return new Tolerance(number("conflicts.numeric-tolerance.relative", numeric.get("relative")),
                number("conflicts.numeric-tolerance.absolute", numeric.get("absolute")));
    }

    private BigDecimal number(String key, Object value) {
        if (value == null) {
            throw error(key, "missing");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw error(key, "'" + value + "' is not a number");
        }
        if (number.signum() < 0) {
            throw error(key, "must not be negative, is " + value);
        }
        return number;
    }

    private Map<?, ?> map(Object value, String key) {
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, value == null ? "missing" : "must be a mapping of keys to values");
        }
        return map;
    }

    private IllegalStateException error(String key, String message) {
        return new IllegalStateException(file + ": key '" + key + "': " + message);
    }
}
