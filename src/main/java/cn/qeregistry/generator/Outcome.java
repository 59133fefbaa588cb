package cn.qeregistry.generator;

/** Outcome of one re-review rule for one holding. */
public enum Outcome {
    PASS, WARN, FAIL, DATA_GAP
}
