package cn.qeregistry.report;

import java.util.Locale;

/** What a report lists: the exception register, review results or the master record. */
public enum ReportKind {
    EXCEPTIONS, REVIEW, MASTER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportKind parse(String value) {
        for (ReportKind kind : values()) {
            if (kind.code().equals(value.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("report kind must be exceptions, review or master, got '" + value + "'");
    }
}
