package cn.qeregistry.exceptions;

/** How much an exception matters to the programme office. */
public enum Severity {
    ERROR("错误"),
    WARN("警告"),
    INFO("提示");

    private final String chinese;

    Severity(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
