package cn.qeregistry.report;

import cn.qeregistry.platform.ConfigFiles;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The province and its 市州 from {@code jobs/regions.yml}, read when first needed. */
@Component
public class Prefectures {

    /** A division: six-digit code and name. */
    public record Division(String code, String name) {
    }

    private final Path file;
    private volatile Loaded loaded;

    public Prefectures(ConfigFiles files) {
        this.file = files.regions();
    }

    public Division province() {
        return load().province();
    }

    public List<Division> all() {
        return List.copyOf(load().prefectures().values());
    }

    /** The name of a 市州 code, or null when the file does not list it. */
    public String name(String code) {
        Division division = load().prefectures().get(code);
        return division == null ? null : division.name();
    }

    private Loaded load() {
        Loaded current = loaded;
        if (current == null) {
            current = read();
            loaded = current;
        }
        return current;
    }

    private record Loaded(Division province, Map<String, Division> prefectures) {
    }

    private Loaded read() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("region list not found: " + file + " (the 市州 of the province, see jobs/README.md)");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<?, ?> root = new Yaml().load(reader);
            Division province = division(root.get("province"), "province");
            Map<String, Division> prefectures = new LinkedHashMap<>();
            if (!(root.get("prefectures") instanceof List<?> list)) {
                throw new IllegalStateException(file + ": key 'prefectures' must be a list of {code, name}");
            }
            for (Object entry : list) {
                Division division = division(entry, "prefectures");
                prefectures.put(division.code(), division);
            }
            return new Loaded(province, prefectures);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Division division(Object entry, String key) {
        if (!(entry instanceof Map<?, ?> map) || map.get("code") == null || map.get("name") == null) {
            throw new IllegalStateException(file + ": each entry of '" + key + "' needs code and name, got " + entry);
        }
        String code = String.valueOf(map.get("code"));
        if (!code.matches("\\d{6}")) {
            throw new IllegalStateException(file + ": '" + code + "' in '" + key + "' is not a six-digit division code");
        }
        return new Division(code, String.valueOf(map.get("name")));
    }
}
