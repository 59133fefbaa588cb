package cn.qeregistry.report;

import java.util.Locale;

/** The file format of a report. */
public enum ReportFormat {
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("text/csv; charset=UTF-8");

    private final String contentType;

    ReportFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The HTTP content type of a download. */
    public String contentType() {
        return contentType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportFormat parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "xlsx" -> XLSX;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("--format must be xlsx or csv, got '" + value + "'");
        };
    }

    /** The format a file name's extension implies; xlsx when it implies none. */
    public static ReportFormat forFileName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : XLSX;
    }
}
