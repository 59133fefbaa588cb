package cn.qeregistry.review.rules;

import java.util.List;

/** One rule's outcome for one holding, with the evidence a reader needs to check it by hand. */
public record RuleResult(String ruleId, Outcome outcome, String observed, String threshold, String period,
                         String detail, List<InputUse> inputs) {
}
