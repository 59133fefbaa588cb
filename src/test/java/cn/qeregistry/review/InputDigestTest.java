package cn.qeregistry.review;

import cn.qeregistry.review.rules.Num;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest of a firm's inputs is the same for the same inputs however its maps were filled, and
 * differs when any one value a rule or a lineage could show differs — even where the texts of two
 * values look alike (an emoji for another, a fraction for its rounding, null for empty text).
 */
class InputDigestTest {

    private static final LocalDate ESTABLISHED = LocalDate.parse("2015-01-16");

    @Test
    void theSameInputsInAnotherOrderGiveTheSameDigest() {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(firmValues().entrySet());
        Collections.reverse(entries);
        Map<String, Object> reversed = new LinkedHashMap<>();
        entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        FirmUnderReview again = firm(values -> reversed);
        assertThat(InputDigest.of(again)).isEqualTo(InputDigest.of(firm(UnaryOperator.identity())));
    }

    @Test
    void anyChangedValueGivesAnotherDigest() {
        byte[] base = InputDigest.of(firm(UnaryOperator.identity()));
        List<FirmUnderReview> changed = List.of(
                firm(v -> with(v, "name", "武汉某某科技有限公司😁")),
                firm(v -> with(v, "class1_ip", Num.of(3))),
                firm(v -> with(v, "revenue_ratio", new Num(BigInteger.valueOf(3333), BigInteger.valueOf(10_000)))),
                firm(v -> with(v, "established_on", ESTABLISHED.plusDays(1))),
                firm(v -> with(v, "serious_dishonest", true)),
                firm(v -> with(v, "listing_status", "")),
                firm(v -> with(v, "region_code", null)),
                new FirmUnderReview(uscc(), firmValues(), years(), List.of(holding("NATIONAL")), lineage(17)),
                new FirmUnderReview(uscc(), firmValues(), years(), List.of(holding("PROVINCIAL")), lineage(18)),
                new FirmUnderReview(uscc(), firmValues(), Map.of(2025, Map.of("revenue", Num.of(2_000_001))),
                        List.of(holding("PROVINCIAL")), lineage(17)));
        for (FirmUnderReview firm : changed) {
            assertThat(InputDigest.of(firm)).as(firm.toString()).isNotEqualTo(base);
        }
    }

    private static FirmUnderReview firm(UnaryOperator<Map<String, Object>> values) {
        return new FirmUnderReview(uscc(), values.apply(firmValues()), years(), List.of(holding("PROVINCIAL")), lineage(17));
    }

    private static String uscc() {
        return "91420100320799712R";
    }

    private static Map<String, Object> firmValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "武汉某某科技有限公司😀");
        values.put("class1_ip", Num.of(2));
        values.put("revenue_ratio", new Num(BigInteger.ONE, BigInteger.valueOf(3)));
        values.put("established_on", ESTABLISHED);
        values.put("serious_dishonest", false);
        values.put("listing_status", null);
        values.put("region_code", "420102");
        return values;
    }

    private static Map<String, Object> with(Map<String, Object> values, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(values);
        changed.put(key, value);
        return changed;
    }

    private static Map<Integer, Map<String, Object>> years() {
        return Map.of(2025, Map.of("revenue", Num.of(2_000_000)), 2024, Map.of("revenue", Num.of(1_500_000)));
    }

    private static FirmUnderReview.Holding holding(String level) {
        return new FirmUnderReview.Holding("LITTLE_GIANT", level, Map.of("valid_until", LocalDate.parse("2029-08-12")), 8L, 17075);
    }

    private static Map<String, FirmUnderReview.Source> lineage(int rowNo) {
        FirmUnderReview.Source market = new FirmUnderReview.Source("market", 2L, null, rowNo, LocalDate.parse("2026-11-26"));
        return Map.of(FirmUnderReview.lineageKey("established_on", 0), market, FirmUnderReview.lineageKey("name", 0), market);
    }
}
