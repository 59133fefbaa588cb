package cn.qeregistry.review.rules;

/** The static type of an expression, checked when a rule file is loaded. */
public enum Type {
    NUMBER, TEXT, BOOLEAN, DATE, NUMBER_LIST, TEXT_LIST;

    public Type listOf() {
        return switch (this) {
            case NUMBER -> NUMBER_LIST;
            case TEXT -> TEXT_LIST;
            default -> throw new IllegalArgumentException("no list of " + this);
        };
    }

    public Type element() {
        return switch (this) {
            case NUMBER_LIST -> NUMBER;
            case TEXT_LIST -> TEXT;
            default -> null;
        };
    }

    public String text() {
        return name().toLowerCase().replace('_', ' ');
    }
}
