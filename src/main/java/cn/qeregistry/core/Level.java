package cn.qeregistry.core;

/** The level at which a tier was recognised. */
public enum Level {
    NATIONAL("国家级"),
    PROVINCIAL("省级");

    private final String chinese;

    Level(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
