package cn.qeregistry.review;

import cn.qeregistry.review.rules.InputUse;
import cn.qeregistry.review.rules.Num;
import cn.qeregistry.review.rules.Rule;
import cn.qeregistry.review.rules.RuleResult;
import cn.qeregistry.review.rules.RuleSet;
import cn.qeregistry.review.rules.Vocabulary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Evaluates every holding of a firm against every applicable rule and attaches the lineage of each input read. */
final class HolderReview {

    /** One review_result row to write. */
    record Row(String uscc, String tier, String level, RuleResult result, String lineageJson) {
    }

    /** attribute_lineage names a holding's source {@code tier:<TIER>} (fiscal_year 0), as the master step writes it. */
    static final String HOLDING_ATTRIBUTE = "tier:";

    private HolderReview() {
    }

    static List<Row> evaluate(List<FirmUnderReview> firms, RuleSet ruleSet, LocalDate reviewDate) {
        return evaluate(firms, ruleSet, reviewDate, Set.of(), Set.of());
    }

    /** As above, but for the firms in {@code carried} only the rules not in {@code carriedRules} (the rest are carried over). */
    static List<Row> evaluate(List<FirmUnderReview> firms, RuleSet ruleSet, LocalDate reviewDate, Set<String> carried,
                              Set<String> carriedRules) {
        List<Row> rows = new ArrayList<>();
        StringBuilder json = new StringBuilder(1024);
        for (FirmUnderReview firm : firms) {
            evaluate(firm, ruleSet, reviewDate, carried.contains(firm.uscc()) ? carriedRules : Set.of(), rows, json);
        }
        return rows;
    }

    private static void evaluate(FirmUnderReview firm, RuleSet ruleSet, LocalDate reviewDate, Set<String> skipped, List<Row> rows,
                                 StringBuilder json) {
        for (FirmUnderReview.Holding holding : firm.holdings()) {
            HolderFacts facts = new HolderFacts(firm, holding, reviewDate);
            for (Rule rule : ruleSet.applicable(holding.tier(), reviewDate)) {
                if (skipped.contains(rule.id())) {
                    continue;
                }
                RuleResult result = rule.evaluate(facts, ruleSet.defaults());
                rows.add(new Row(firm.uscc(), holding.tier(), holding.level(), result, lineage(firm, holding, result.inputs(), json)));
            }
        }
    }

    /**
     * Each input with its value and source: feed, delivery, sheet, row and as-of date (or the rule set's
     * default). Written by hand, because Jackson's maps per result were a fifth of the step's CPU; the text
     * is what Jackson wrote for the same entries (key order, escaping, nulls), see {@link JsonText}.
     */
    static String lineage(FirmUnderReview firm, FirmUnderReview.Holding holding, List<InputUse> inputs, StringBuilder json) {
        json.setLength(0);
        json.append('[');
        for (int i = 0; i < inputs.size(); i++) {
            InputUse use = inputs.get(i);
            json.append(i == 0 ? "{\"input\":" : ",{\"input\":");
            JsonText.string(json, use.input());
            if (use.fiscalYear() != null) {
                json.append(",\"fiscal_year\":").append(use.fiscalYear().intValue());
            }
            if (use.tier() != null) {
                json.append(",\"tier\":");
                JsonText.string(json, use.tier());
            }
            json.append(",\"value\":");
            JsonText.string(json, use.value() instanceof Num n ? n.plain() : use.value() == null ? null : use.value().toString());
            if (use.defaulted()) {
                json.append(",\"default\":true");
            } else if (use.value() != null) {
                source(firm, holding, use, json);
            }
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static void source(FirmUnderReview firm, FirmUnderReview.Holding holding, InputUse use, StringBuilder json) {
        boolean fromRegistry = use.tier() != null
                || Vocabulary.input(use.input()).map(i -> i.source() == Vocabulary.Source.HOLDING).orElse(false);
        if (fromRegistry) {
            String tier = use.tier() == null ? holding.tier() : use.tier();
            FirmUnderReview.Source source = firm.lineage().get(FirmUnderReview.lineageKey(HOLDING_ATTRIBUTE + tier, 0));
            if (source != null) {
                put(source, json);
                return;
            }
            // no lineage row for the holding: its tier_holding row still says which delivery and row it came from
            firm.holdings().stream().filter(h -> h.tier().equals(tier) && h.deliveryId() != null).findFirst().ifPresent(h -> {
                json.append(",\"feed\":\"registry\",\"delivery_id\":").append(h.deliveryId().longValue())
                        .append(",\"row_no\":").append(h.rowNo());
            });
            return;
        }
        FirmUnderReview.Source source = firm.lineage().get(FirmUnderReview.lineageKey(use.input(),
                use.fiscalYear() == null ? 0 : use.fiscalYear()));
        if (source != null) {
            put(source, json);
        }
    }

    private static void put(FirmUnderReview.Source source, StringBuilder json) {
        json.append(",\"feed\":");
        JsonText.string(json, source.feed());
        json.append(",\"delivery_id\":").append(source.deliveryId());
        json.append(",\"sheet\":");
        JsonText.string(json, source.sheet());
        json.append(",\"row_no\":").append(source.rowNo());
        json.append(",\"as_of\":");
        JsonText.string(json, source.asOf() == null ? null : source.asOf().toString());
    }
}
