package cn.qeregistry.intake.normalise;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;

/**
 * Dates in the forms departments use: {@code 2022-03-01}, {@code 2022/3/1}, {@code 2022年3月1日},
 * {@code 20220301} and Excel serial numbers of the 1900 system (with its fictitious 1900-02-29)
 * or the 1904 system. Scanned by hand: this runs for every date cell.
 */
public final class Dates {

    public static final Set<String> FORMS = Set.of("iso", "slash", "chinese", "compact", "excel-serial");

    private static final LocalDate EXCEL_1900_BEFORE_LEAP_BUG = LocalDate.of(1899, 12, 31);
    private static final LocalDate EXCEL_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EXCEL_1904 = LocalDate.of(1904, 1, 1);

    private Dates() {
    }

    /** The outcome of reading one date: the date, or why not. */
    public record Parsed(LocalDate date, String problem) {
    }

    public static Parsed parse(String cleaned, Set<String> forms, boolean date1904) {
        String text = cleaned;
        int t = text.indexOf('T'); // 2022-03-01T00:00 from a date-formatted spreadsheet cell
        if (t == 10) {
            text = text.substring(0, 10);
        }
        if (isSerial(text)) {
            if (text.length() == 8 && text.indexOf('.') < 0 && forms.contains("compact")) {
                return ymd(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)),
                        Integer.parseInt(text.substring(6, 8)), text);
            }
            if (!forms.contains("excel-serial")) {
                return new Parsed(null, "'" + text + "' is not a date (Excel serial numbers are not accepted)");
            }
            return serial(new BigDecimal(text), date1904);
        }
        int[] parts = new int[3];
        int part = 0;
        int value = -1;
        char separator = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 9999) {
                    return notADate(text);
                }
                continue;
            }
            if (value < 0 || part > 2) {
                return notADate(text);
            }
            char expected = part == 0 ? '年' : part == 1 ? '月' : '日';
            boolean chinese = c == expected;
            if (!chinese && c != '-' && c != '/' && c != '.') {
                return notADate(text);
            }
            if (part == 0) {
                separator = c;
            } else if (chinese != (separator == '年') || (!chinese && c != separator)) {
                return notADate(text);
            }
            parts[part++] = value;
            value = -1;
        }
        if (value >= 0 && part == 2) {
            parts[part++] = value;
        }
        if (part != 3 || value >= 0 && separator == '年' || !formAllowed(separator, forms)) {
            return notADate(text);
        }
        return ymd(parts[0], parts[1], parts[2], text);
    }

    private static boolean formAllowed(char separator, Set<String> forms) {
        return switch (separator) {
            case '-' -> forms.contains("iso");
            case '/', '.' -> forms.contains("slash");
            case '年' -> forms.contains("chinese");
            default -> false;
        };
    }

    private static boolean isSerial(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.') {
                return false;
            }
        }
        return digit && text.indexOf('.') == text.lastIndexOf('.');
    }

    static Parsed serial(BigDecimal serial, boolean date1904) {
        long days = serial.longValue(); // the fraction is the time of day
        if (days < 1 || days > 2958465) {
            return new Parsed(null, "Excel serial " + serial.toPlainString() + " is outside the calendar");
        }
        if (date1904) {
            return new Parsed(EXCEL_1904.plusDays(days), null);
        }
        if (days == 60) {
            return new Parsed(null, "Excel serial 60 is 1900-02-29, a day that does not exist");
        }
        return new Parsed(days < 60 ? EXCEL_1900_BEFORE_LEAP_BUG.plusDays(days) : EXCEL_1900.plusDays(days), null);
    }

    private static Parsed ymd(int year, int month, int day, String text) {
        if (year < 1000) {
            return notADate(text);
        }
        try {
            return new Parsed(LocalDate.of(year, month, day), null);
        } catch (DateTimeException e) {
            return new Parsed(null, "'" + text + "' is not a calendar date");
        }
    }

    private static Parsed notADate(String text) {
        return new Parsed(null, "'" + text + "' is not a date (expected 2022-03-01, 2022/3/1, 2022年3月1日 or an Excel serial)");
    }
}
