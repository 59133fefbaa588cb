package cn.qeregistry.report;

import java.util.Locale;

/** Report language: Chinese headers and labels (default) or the contract's header keys and codes. */
public enum Lang {
    ZH, EN;

    public static Lang parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "zh" -> ZH;
            case "en" -> EN;
            default -> throw new IllegalArgumentException("--lang must be zh or en, got '" + value + "'");
        };
    }
}
