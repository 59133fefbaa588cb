package cn.qeregistry.intake;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The period a file delivers, from its name: the first date in it ({@code 2026-11-26} or
 * {@code 20261126}) as ISO, else the first plausible year ({@code tax-2025.xlsx} → 2025), else the
 * day it was received. A newer delivery of the same feed and period supersedes the older.
 */
final class DeliveryPeriod {

    private DeliveryPeriod() {
    }

    static String of(String fileName, LocalDate received) {
        String name = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        String year = null;
        for (int i = 0; i < name.length(); i++) {
            if (!isDigit(name, i) || (i > 0 && isDigit(name, i - 1))) {
                continue;
            }
            int end = i;
            while (end < name.length() && isDigit(name, end)) {
                end++;
            }
            String run = name.substring(i, end);
            if (run.length() == 8) {
                String date = date(run.substring(0, 4), run.substring(4, 6), run.substring(6, 8));
                if (date != null) {
                    return date;
                }
            }
            if (run.length() == 4 && end + 6 <= name.length() && (name.charAt(end) == '-' || name.charAt(end) == '_')
                    && isDigit(name, end + 1) && isDigit(name, end + 2) && name.charAt(end + 3) == name.charAt(end)
                    && isDigit(name, end + 4) && isDigit(name, end + 5)) {
                String date = date(run, name.substring(end + 1, end + 3), name.substring(end + 4, end + 6));
                if (date != null) {
                    return date;
                }
            }
            if (run.length() == 4 && year == null) {
                int value = Integer.parseInt(run);
                if (value >= 1990 && value <= 2100) {
                    year = run;
                }
            }
        }
        return year != null ? year : received.toString();
    }

    private static String date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
}
