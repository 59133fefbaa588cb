package cn.qeregistry.review.rules;

/** The result of one rule for one tier holding. */
public enum Outcome {
    PASS("通过"), WARN("预警"), FAIL("不通过"), DATA_GAP("数据缺失");

    private final String chinese;

    Outcome(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
