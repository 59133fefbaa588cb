package cn.qeregistry.exceptions;

/**
 * Hubei division codes and what a code covers: the province code (420000) covers everything in the
 * province, a 市州 code (4201xx … 4228xx) covers its counties by its first four digits, and the
 * directly administered 4290xx units and county codes cover only themselves.
 */
public final class Region {

    private Region() {
    }

    /** The leading digits a covered code starts with. */
    public static String prefix(String code) {
        String c = requireCode(code);
        if (c.endsWith("0000")) {
            return c.substring(0, 2);
        }
        if (c.startsWith("4290") || !c.endsWith("00")) {
            return c;
        }
        return c.substring(0, 4);
    }

    /** A SQL LIKE pattern matching every code {@code code} covers. */
    public static String likePattern(String code) {
        return prefix(code) + "%";
    }

    /** True when {@code scope} covers {@code code}; a missing code is covered by no region. */
    public static boolean covers(String scope, String code) {
        return code != null && code.trim().startsWith(prefix(scope));
    }

    /** The 市州 a code belongs to: its first four digits + 00, or itself for 4290xx; null for null. */
    public static String prefecture(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = code.trim();
        return c.startsWith("4290") || c.length() < 4 ? c : c.substring(0, 4) + "00";
    }

    public static boolean isCode(String code) {
        return code != null && code.trim().matches("\\d{6}");
    }

    private static String requireCode(String code) {
        if (!isCode(code)) {
            throw new IllegalArgumentException("a region code has six digits (e.g. 420100), got '" + code + "'");
        }
        return code.trim();
    }
}
