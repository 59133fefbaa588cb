package cn.qeregistry.platform;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The words after a command: positional values and {@code --name=value} / {@code --flag} options. */
public final class Arguments {

    private final List<String> positional;
    private final Map<String, String> options;

    private Arguments(List<String> positional, Map<String, String> options) {
        this.positional = positional;
        this.options = options;
    }

    /** Parses {@code words}, refusing options that are not in {@code allowed}. */
    public static Arguments parse(List<String> words, Set<String> allowed) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String word : words) {
            if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word.substring(2) : word.substring(2, eq);
                String value = eq < 0 ? "" : word.substring(eq + 1);
                if (!allowed.contains(name)) {
                    throw new UsageException("unknown option --" + name
                            + (allowed.isEmpty() ? " (this command takes no options)" : " (allowed: --" + String.join(", --", allowed) + ")"));
                }
                options.put(name, value);
            } else {
                positional.add(word);
            }
        }
        return new Arguments(Collections.unmodifiableList(positional), Collections.unmodifiableMap(options));
    }

    public List<String> positional() {
        return positional;
    }

    public Optional<String> option(String name) {
        String value = options.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public String required(String name) {
        return option(name).orElseThrow(() -> new UsageException("missing --" + name + "=…"));
    }

    public Optional<LocalDate> date(String name) {
        return option(name).map(value -> {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new UsageException("--" + name + " must be a date YYYY-MM-DD, got '" + value + "'");
            }
        });
    }

    public Optional<Long> number(String name) {
        return option(name).map(value -> parseLong(value, "--" + name));
    }

    public static long parseLong(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a number, got '" + value + "'");
        }
    }
}
