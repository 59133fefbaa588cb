package cn.qeregistry.exceptions;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where staff are with an item. Staff may take up an open item, close it (resolved or waived, with
 * a note), put an item back to open, or reopen a closed one by hand; the nightly sync closes items
 * whose problem is gone and reopens resolved or changed waived items that come back.
 */
public enum ExceptionStatus {
    OPEN("待处理"),
    IN_FOLLOW_UP("跟进中"),
    RESOLVED("已解决"),
    WAIVED("已豁免");

    private final String chinese;

    ExceptionStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** The statuses a person may move an item to from this one. */
    public Set<ExceptionStatus> allowedNext() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_FOLLOW_UP, RESOLVED, WAIVED);
            case IN_FOLLOW_UP -> EnumSet.of(OPEN, RESOLVED, WAIVED);
            case RESOLVED, WAIVED -> EnumSet.of(OPEN, IN_FOLLOW_UP);
        };
    }

    /** Closing an item must say why. */
    public boolean requiresNote() {
        return this == RESOLVED || this == WAIVED;
    }

    /** The status for a code, case-insensitive. */
    public static Optional<ExceptionStatus> fromCode(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.name().equals(code.trim().toUpperCase(Locale.ROOT))).findFirst();
    }
}
