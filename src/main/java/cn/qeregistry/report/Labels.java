package cn.qeregistry.report;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.core.Feed;
import cn.qeregistry.core.Level;
import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.ExceptionStatus;
import cn.qeregistry.exceptions.Severity;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Enumerated values as a report shows them: the code with {@code en}, the Chinese label with
 * {@code zh}. Unknown values pass through unchanged, so nothing is hidden by a missing label.
 */
final class Labels {

    private static final Map<String, String> OUTCOMES = Map.of("PASS", "通过", "WARN", "预警", "FAIL", "不通过", "DATA_GAP", "数据缺失");

    private final Lang lang;

    Labels(Lang lang) {
        this.lang = lang;
    }

    Lang lang() {
        return lang;
    }

    String uscc(String code) {
        return CreditCode.normalise(code);
    }

    String category(String code) {
        return zh(code, () -> ExceptionCategory.fromCode(code).map(ExceptionCategory::chinese).orElse(code));
    }

    String severity(String code) {
        return zh(code, () -> Arrays.stream(Severity.values()).filter(s -> s.name().equals(code)).findFirst()
                .map(Severity::chinese).orElse(code));
    }

    String status(String code) {
        return zh(code, () -> ExceptionStatus.fromCode(code).map(ExceptionStatus::chinese).orElse(code));
    }

    String outcome(String code) {
        return zh(code, () -> OUTCOMES.getOrDefault(code, code));
    }

    String tier(String code) {
        return zh(code, () -> Tier.fromCode(code).map(Tier::chinese).orElse(code));
    }

    /** Several tier codes joined by ';'. */
    String tiers(String codes) {
        return zh(codes, () -> Arrays.stream(codes.split(";")).map(this::tier).collect(Collectors.joining(";")));
    }

    String level(String code) {
        return zh(code, () -> Arrays.stream(Level.values()).filter(l -> l.name().equals(code)).findFirst()
                .map(Level::chinese).orElse(code));
    }

    /** The department that sent a feed (市场监管局, 税务局, …). */
    String feed(String code) {
        return zh(code, () -> Feed.fromCode(code).map(f -> f.label().split(" ")[0]).orElse(code));
    }

    private String zh(String code, java.util.function.Supplier<String> chinese) {
        return code == null || lang == Lang.EN ? code : chinese.get();
    }
}
