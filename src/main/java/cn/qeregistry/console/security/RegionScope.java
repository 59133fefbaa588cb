package cn.qeregistry.console.security;

/**
 * The part of the province a user may see. A 市州 code (ending in 00) covers its counties by the
 * first four digits; the directly administered 4290xx codes and county codes cover only themselves.
 */
public record RegionScope(String code) {

    public static final RegionScope PROVINCE = new RegionScope(null);

    public static RegionScope of(String code) {
        return code == null || code.isBlank() ? PROVINCE : new RegionScope(code.trim());
    }

    public boolean unlimited() {
        return code == null;
    }

    /** The SQL LIKE pattern a region code must match to be in scope. */
    public String likePattern() {
        if (code == null) {
            return "%";
        }
        if (code.endsWith("0000")) {
            return code.substring(0, 2) + "%";
        }
        if (code.startsWith("4290") || !code.endsWith("00")) {
            return code;
        }
        return code.substring(0, 4) + "%";
    }

    public boolean covers(String regionCode) {
        if (code == null) {
            return true;
        }
        if (regionCode == null) {
            return false;
        }
        String pattern = likePattern();
        return pattern.endsWith("%") ? regionCode.startsWith(pattern.substring(0, pattern.length() - 1)) : regionCode.equals(pattern);
    }

    /** Narrows a requested region filter to this scope: a request outside the scope yields the scope itself. */
    public RegionScope narrow(String requested) {
        if (requested == null || requested.isBlank()) {
            return this;
        }
        RegionScope asked = of(requested);
        return covers(requested.trim()) ? asked : this;
    }
}
