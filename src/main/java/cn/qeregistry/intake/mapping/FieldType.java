package cn.qeregistry.intake.mapping;

import java.util.Arrays;
import java.util.Optional;

/** How a field's cells are read and what is staged: the {@code type} key of a mapping field. */
public enum FieldType {
    /** free text, cleaned (NFKC, trimmed) */
    TEXT("text"),
    /** an identifier: cleaned, blanks removed, upper-case */
    CODE("code"),
    /** a unified social credit code, checked (GB 32100) unless allow-listed */
    CREDIT_CODE("credit-code"),
    /** a fixed number of digits, e.g. a division code */
    DIGITS("digits"),
    INTEGER("integer"),
    YEAR("year"),
    /** an amount of money, converted to 元 by the unit in the header (or the field's default unit) */
    MONEY("money"),
    DECIMAL("decimal"),
    DATE("date"),
    /** a word of one of the mapping's vocabularies, staged as the vocabulary's value */
    ENUM("enum");

    private final String key;

    FieldType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean numeric() {
        return this == INTEGER || this == YEAR || this == MONEY || this == DECIMAL;
    }

    public static Optional<FieldType> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
