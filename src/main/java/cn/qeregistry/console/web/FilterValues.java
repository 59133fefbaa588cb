package cn.qeregistry.console.web;

import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.console.security.RegionScope;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.Arrays;
import java.util.Locale;

/**
 * Filter parameters checked before they reach a query: a region is six digits, a code is one of its
 * enum's constants. Anything else is a 400 naming the allowed values (pages and API alike).
 */
public final class FilterValues {

    /** A filter value that is not allowed. */
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public static class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    private FilterValues() {
    }

    /** A division code of six digits, or null when none is given. */
    public static String region(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip();
        if (!code.matches("\\d{6}")) {
            throw new Invalid("region must be a division code of six digits (e.g. 420100), got '" + value + "'");
        }
        return code;
    }

    /** The requested region narrowed to the user's (a region outside theirs yields theirs); null = province. */
    public static String narrowedRegion(String value) {
        return CurrentUser.scope().narrow(region(value)).code();
    }

    /** The requested region if the user may see it (none given = theirs); another region is refused with 403. */
    public static String regionInScope(String value) {
        RegionScope scope = CurrentUser.scope();
        String code = region(value);
        if (code == null) {
            return scope.code();
        }
        if (!scope.covers(code)) {
            throw new OutOfScope("region " + code + " is outside your region " + scope.code());
        }
        return code;
    }

    /** The constant of {@code type} named by {@code value} (case-insensitive), or null when none is given. */
    public static <E extends Enum<E>> E code(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value.strip().toUpperCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new Invalid(name + " must be one of "
                        + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'"));
    }
}
