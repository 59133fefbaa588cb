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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Enumerated values as a report shows them: the code with {@code en}, the Chinese label with
 * {@code zh}. Unknown values pass through unchanged, so nothing is hidden by a missing label.
 * Exact codes are looked up in maps built once (a report asks for several labels per row); anything
 * else goes through the enum's own parsing, as before.
 */
final class Labels {

    private static final Map<String, String> OUTCOMES = Map.of("PASS", "通过", "WARN", "预警", "FAIL", "不通过", "DATA_GAP", "数据缺失");
    private static final Map<String, String> CATEGORIES = byCode(ExceptionCategory.values(), ExceptionCategory::name, ExceptionCategory::chinese);
    private static final Map<String, String> SEVERITIES = byCode(Severity.values(), Severity::name, Severity::chinese);
    private static final Map<String, String> STATUSES = byCode(ExceptionStatus.values(), ExceptionStatus::name, ExceptionStatus::chinese);
    private static final Map<String, String> TIERS = byCode(Tier.values(), Tier::name, Tier::chinese);
    private static final Map<String, String> FEEDS = byCode(Feed.values(), Feed::code, f -> f.label().split(" ")[0]);

    private final Lang lang;

    Labels(Lang lang) {
        this.lang = lang;
    }

    Lang lang() {
        return lang;
    }

    /** {@link CreditCode#normalise}; a code of ASCII digits and capitals already is its normal form. */
    String uscc(String code) {
        return code == null || isDigitsAndCapitals(code) ? code : CreditCode.normalise(code);
    }

    private static boolean isDigitsAndCapitals(String code) {
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    String category(String code) {
        return zh(code, CATEGORIES, () -> ExceptionCategory.fromCode(code).map(ExceptionCategory::chinese).orElse(code));
    }

    String severity(String code) {
        return zh(code, SEVERITIES, () -> code);
    }

    String status(String code) {
        return zh(code, STATUSES, () -> ExceptionStatus.fromCode(code).map(ExceptionStatus::chinese).orElse(code));
    }

    String outcome(String code) {
        return zh(code, () -> OUTCOMES.getOrDefault(code, code));
    }

    /** The tier's label; any other text (an exception's field that is not a tier) unchanged. */
    String tier(String code) {
        return zh(code, TIERS, () -> code);
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
        return zh(code, FEEDS, () -> code);
    }

    private String zh(String code, Supplier<String> chinese) {
        return code == null || lang == Lang.EN ? code : chinese.get();
    }

    private String zh(String code, Map<String, String> known, Supplier<String> otherwise) {
        if (code == null || lang == Lang.EN) {
            return code;
        }
        String label = known.get(code);
        return label != null ? label : otherwise.get();
    }

    private static <T> Map<String, String> byCode(T[] values, Function<T, String> code, Function<T, String> label) {
        return Arrays.stream(values).collect(Collectors.toUnmodifiableMap(code, label));
    }
}
