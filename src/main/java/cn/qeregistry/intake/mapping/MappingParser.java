package cn.qeregistry.intake.mapping;

import cn.qeregistry.core.Feed;
import cn.qeregistry.intake.normalise.Dates;
import cn.qeregistry.intake.normalise.Text;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and checks one {@code mappings/<feed>.yml}; every problem names the file and the key. */
public final class MappingParser {

    private static final Set<String> TOP_KEYS = Set.of("feed", "files", "sheet", "header", "key", "reject-threshold",
            "date-forms", "units", "fields", "vocabularies", "jdbc");
    private static final Set<String> FIELD_KEYS = Set.of("headers", "type", "required", "max-length", "length", "unit",
            "min", "max", "not-after", "at-most", "vocabulary");

    private final Path file;

    private MappingParser(Path file) {
        this.file = file;
    }

    public static FeedMapping parse(Path file) {
        return new MappingParser(file).parse();
    }

    private FeedMapping parse() {
        Map<String, Object> root = load();
        for (String key : root.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw fail(key, "unknown key (known: " + TOP_KEYS + ")");
            }
        }
        String feed = text(root, "feed", "feed");
        if (Feed.fromCode(feed).isEmpty()) {
            throw fail("feed", "unknown feed '" + feed + "'");
        }
        String expectedName = feed + ".yml";
        if (!file.getFileName().toString().equals(expectedName)) {
            throw fail("feed", "feed '" + feed + "' belongs in " + expectedName);
        }
        List<String> patterns = strings(map(root, "files", "files"), "patterns", "files.patterns");
        if (patterns.isEmpty()) {
            throw fail("files.patterns", "at least one file pattern is needed");
        }
        Pattern sheet = sheetPattern(root);
        int scanRows = positiveInt(map(root, "header", "header").get("scan-rows"), "header.scan-rows");
        BigDecimal threshold = decimal(root.get("reject-threshold"), "reject-threshold");
        if (threshold == null || threshold.signum() < 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
            throw fail("reject-threshold", "must be a fraction between 0 and 1, e.g. 0.05");
        }
        Set<String> dateForms = new LinkedHashSet<>(strings(root, "date-forms", "date-forms"));
        for (String form : dateForms) {
            if (!Dates.FORMS.contains(form)) {
                throw fail("date-forms", "unknown date form '" + form + "' (known: " + Dates.FORMS + ")");
            }
        }
        Map<String, BigDecimal> units = units(map(root, "units", "units"), "units");
        Map<String, Map<String, String>> vocabularies = vocabularies(root);
        List<FieldSpec> fields = fields(map(root, "fields", "fields"), units, vocabularies);
        List<String> key = strings(root, "key", "key");
        if (key.isEmpty()) {
            throw fail("key", "name the fields that identify a row, e.g. [uscc, fiscal_year]");
        }
        for (String k : key) {
            if (fields.stream().noneMatch(f -> f.name().equals(k))) {
                throw fail("key", "'" + k + "' is not a field");
            }
        }
        for (String needed : List.of("uscc", "name")) {
            if (fields.stream().noneMatch(f -> f.name().equals(needed) && f.required())) {
                throw fail("fields." + needed, "every feed needs a required field " + needed);
            }
        }
        FeedMapping.JdbcExtract jdbc = jdbc(root, fields, units);
        return new FeedMapping(feed, file, patterns, sheet, scanRows, key, threshold, dateForms, units, fields, jdbc);
    }

    private Map<String, Object> load() {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml().load(reader);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw fail("(root)", "the file must be a map of keys (feed, files, sheet, header, fields, …)");
            }
            return stringKeys(map, "(root)");
        } catch (IOException e) {
            throw fail("(file)", "cannot read: " + e.getMessage());
        } catch (YAMLException e) {
            throw fail("(syntax)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Pattern sheetPattern(Map<String, Object> root) {
        Map<String, Object> sheet = map(root, "sheet", "sheet");
        Object name = sheet.get("name");
        if (name == null || name.toString().isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(name.toString());
        } catch (PatternSyntaxException e) {
            throw fail("sheet.name", "not a valid pattern: " + e.getDescription());
        }
    }

    private List<FieldSpec> fields(Map<String, Object> fields, Map<String, BigDecimal> units,
                                   Map<String, Map<String, String>> vocabularies) {
        if (fields.isEmpty()) {
            throw fail("fields", "no fields declared");
        }
        List<FieldSpec> specs = new ArrayList<>();
        Set<String> seenHeaders = new LinkedHashSet<>();
        for (String name : fields.keySet()) {
            String at = "fields." + name;
            Map<String, Object> field = map(fields, name, at);
            for (String key : field.keySet()) {
                if (!FIELD_KEYS.contains(key)) {
                    throw fail(at + "." + key, "unknown key (known: " + FIELD_KEYS + ")");
                }
            }
            List<String> headers = strings(field, "headers", at + ".headers").stream().map(Text::compact).toList();
            if (headers.isEmpty()) {
                throw fail(at + ".headers", "at least one header is needed");
            }
            for (String header : headers) {
                if (!seenHeaders.add(header)) {
                    throw fail(at + ".headers", "header '" + header + "' is also an alias of another field");
                }
            }
            String typeName = text(field, "type", at + ".type");
            FieldType type = FieldType.fromKey(typeName).orElseThrow(() -> fail(at + ".type",
                    "unknown type '" + typeName + "' (known: text, code, credit-code, digits, integer, year, money, decimal, date, enum)"));
            boolean required = Boolean.TRUE.equals(field.get("required"));
            Integer maxLength = field.containsKey("max-length") ? positiveInt(field.get("max-length"), at + ".max-length") : null;
            Integer length = field.containsKey("length") ? positiveInt(field.get("length"), at + ".length") : null;
            if (type == FieldType.DIGITS && length == null) {
                throw fail(at + ".length", "a digits field needs its length");
            }
            BigDecimal unit = null;
            if (type == FieldType.MONEY) {
                String unitWord = field.containsKey("unit") ? text(field, "unit", at + ".unit") : "元";
                unit = units.get(unitWord);
                if (unit == null) {
                    throw fail(at + ".unit", "unknown unit '" + unitWord + "' (units: " + units.keySet() + ")");
                }
            } else if (field.containsKey("unit")) {
                throw fail(at + ".unit", "only money fields have a unit");
            }
            BigDecimal min = decimal(field.get("min"), at + ".min");
            BigDecimal max = decimal(field.get("max"), at + ".max");
            if ((min != null || max != null) && !type.numeric()) {
                throw fail(at + ".min", "min/max apply to numeric fields only");
            }
            boolean notAfterToday = false;
            if (field.containsKey("not-after")) {
                if (!"today".equals(field.get("not-after")) || (type != FieldType.DATE && type != FieldType.YEAR)) {
                    throw fail(at + ".not-after", "only 'today' on a date or year field");
                }
                notAfterToday = true;
            }
            FieldSpec.Bound atMost = field.containsKey("at-most") ? bound(field.get("at-most"), at + ".at-most", fields) : null;
            String vocabularyName = null;
            Map<String, String> vocabulary = null;
            if (type == FieldType.ENUM) {
                vocabularyName = text(field, "vocabulary", at + ".vocabulary");
                vocabulary = vocabularies.get(vocabularyName);
                if (vocabulary == null) {
                    throw fail(at + ".vocabulary", "no vocabulary '" + vocabularyName + "' under vocabularies (have: "
                            + vocabularies.keySet() + ")");
                }
            } else if (field.containsKey("vocabulary")) {
                throw fail(at + ".vocabulary", "only enum fields have a vocabulary");
            }
            specs.add(new FieldSpec(name, headers, type, required, maxLength, length, unit, min, max, notAfterToday,
                    atMost, vocabularyName, vocabulary));
        }
        return List.copyOf(specs);
    }

    /** {@code "revenue * 1.5"}: the other field and the factor. */
    private FieldSpec.Bound bound(Object value, String at, Map<String, Object> fields) {
        String[] parts = String.valueOf(value).split("\\*");
        if (parts.length != 2) {
            throw fail(at, "expected 'FIELD * FACTOR', e.g. 'revenue * 1.5', got '" + value + "'");
        }
        String other = parts[0].trim();
        if (!fields.containsKey(other)) {
            throw fail(at, "'" + other + "' is not a field of this mapping");
        }
        return new FieldSpec.Bound(other, decimal(parts[1].trim(), at));
    }

    private Map<String, Map<String, String>> vocabularies(Map<String, Object> root) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        if (!root.containsKey("vocabularies")) {
            return result;
        }
        Map<String, Object> all = map(root, "vocabularies", "vocabularies");
        for (String name : all.keySet()) {
            Map<String, Object> words = map(all, name, "vocabularies." + name);
            if (words.isEmpty()) {
                throw fail("vocabularies." + name, "no words");
            }
            Map<String, String> normalised = new LinkedHashMap<>();
            words.forEach((word, staged) -> {
                if (staged == null) {
                    throw fail("vocabularies." + name + "." + word, "no staged value");
                }
                normalised.put(Text.word(word), String.valueOf(staged));
            });
            result.put(name, Map.copyOf(normalised));
        }
        return result;
    }

    private Map<String, BigDecimal> units(Map<String, Object> units, String at) {
        if (units.isEmpty()) {
            throw fail(at, "declare the units, e.g. {元: 1, 万元: 10000}");
        }
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        units.forEach((word, factor) -> {
            BigDecimal value = decimal(factor, at + "." + word);
            if (value == null || value.signum() <= 0) {
                throw fail(at + "." + word, "a unit needs a positive factor to 元");
            }
            result.put(Text.compact(word), value);
        });
        if (!result.containsKey("元")) {
            throw fail(at, "unit 元 (factor 1) is required");
        }
        return Map.copyOf(result);
    }

    private FeedMapping.JdbcExtract jdbc(Map<String, Object> root, List<FieldSpec> fields, Map<String, BigDecimal> units) {
        if (!root.containsKey("jdbc")) {
            return null;
        }
        Map<String, Object> jdbc = map(root, "jdbc", "jdbc");
        String table = identifier(text(jdbc, "table", "jdbc.table"), "jdbc.table");
        String watermark = identifier(text(jdbc, "watermark", "jdbc.watermark"), "jdbc.watermark");
        Map<String, String> columns = new LinkedHashMap<>();
        map(jdbc, "columns", "jdbc.columns").forEach((field, column) -> {
            if (fields.stream().noneMatch(f -> f.name().equals(field))) {
                throw fail("jdbc.columns." + field, "not a field of this mapping");
            }
            columns.put(field, identifier(String.valueOf(column), "jdbc.columns." + field));
        });
        Map<String, String> columnUnits = new LinkedHashMap<>();
        if (jdbc.containsKey("units")) {
            map(jdbc, "units", "jdbc.units").forEach((field, unit) -> {
                if (!units.containsKey(String.valueOf(unit))) {
                    throw fail("jdbc.units." + field, "unknown unit '" + unit + "'");
                }
                columnUnits.put(field, String.valueOf(unit));
            });
        }
        return new FeedMapping.JdbcExtract(table, watermark, Map.copyOf(columns), Map.copyOf(columnUnits));
    }

    private String identifier(String value, String at) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9' && i > 0))) {
                throw fail(at, "'" + value + "' is not a lower-case SQL identifier");
            }
        }
        return value;
    }

    private Map<String, Object> map(Map<String, Object> parent, String key, String at) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?> map)) {
            throw fail(at, value == null ? "missing" : "must be a map");
        }
        return stringKeys(map, at);
    }

    private Map<String, Object> stringKeys(Map<?, ?> map, String at) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private String text(Map<String, Object> parent, String key, String at) {
        Object value = parent.get(key);
        if (value == null || value.toString().isBlank()) {
            throw fail(at, "missing");
        }
        return value.toString();
    }

    private List<String> strings(Map<String, Object> parent, String key, String at) {
        Object value = parent.get(key);
        if (!(value instanceof List<?> list)) {
            throw fail(at, value == null ? "missing" : "must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private int positiveInt(Object value, String at) {
        if (!(value instanceof Integer i) || i <= 0) {
            throw fail(at, "must be a positive whole number, got " + value);
        }
        return i;
    }

    private BigDecimal decimal(Object value, String at) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw fail(at, "must be a number, got '" + value + "'");
        }
    }

    private MappingException fail(String key, String problem) {
        return new MappingException(file, key, problem);
    }
}
