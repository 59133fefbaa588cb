package cn.qeregistry.review.rules;

import java.nio.file.Path;

/** A rule file that cannot be used: names the file, the rule (when one is at fault) and the problem. */
public class RuleFileException extends RuntimeException {

    public RuleFileException(Path file, String ruleId, String problem) {
        super(file + (ruleId == null ? "" : ": rule '" + ruleId + "'") + ": " + problem);
    }
}
