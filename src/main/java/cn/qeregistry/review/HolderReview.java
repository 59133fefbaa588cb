package cn.qeregistry.review;

import cn.qeregistry.review.rules.InputUse;
import cn.qeregistry.review.rules.Num;
import cn.qeregistry.review.rules.Rule;
import cn.qeregistry.review.rules.RuleResult;
import cn.qeregistry.review.rules.RuleSet;
import cn.qeregistry.review.rules.Vocabulary;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates every holding of a firm against every applicable rule and attaches the lineage of each input read. */
final class HolderReview {

    /** One review_result row to write. */
    record Row(String uscc, String tier, String level, RuleResult result, String lineageJson) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HolderReview() {
    }

    static List<Row> evaluate(List<FirmUnderReview> firms, RuleSet ruleSet, LocalDate reviewDate) {
        List<Row> rows = new ArrayList<>();
        for (FirmUnderReview firm : firms) {
            evaluate(firm, ruleSet, reviewDate, rows);
        }
        return rows;
    }

    private static void evaluate(FirmUnderReview firm, RuleSet ruleSet, LocalDate reviewDate, List<Row> rows) {
        for (FirmUnderReview.Holding holding : firm.holdings()) {
            HolderFacts facts = new HolderFacts(firm, holding, reviewDate);
            for (Rule rule : ruleSet.applicable(holding.tier(), reviewDate)) {
                RuleResult result = rule.evaluate(facts, ruleSet.defaults());
                rows.add(new Row(firm.uscc(), holding.tier(), holding.level(), result, lineage(firm, holding, result.inputs())));
            }
        }
    }

    /** Each input with its value and source: feed, delivery, sheet, row and as-of date (or the rule set's default). */
    private static String lineage(FirmUnderReview firm, FirmUnderReview.Holding holding, List<InputUse> inputs) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (InputUse use : inputs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("input", use.input());
            if (use.fiscalYear() != null) {
                entry.put("fiscal_year", use.fiscalYear());
            }
            if (use.tier() != null) {
                entry.put("tier", use.tier());
            }
            entry.put("value", use.value() instanceof Num n ? n.decimal().toPlainString() : use.value() == null ? null : use.value().toString());
            if (use.defaulted()) {
                entry.put("default", true);
            } else if (use.value() != null) {
                source(firm, holding, use, entry);
            }
            entries.add(entry);
        }
        return JSON.writeValueAsString(entries);
    }

    private static void source(FirmUnderReview firm, FirmUnderReview.Holding holding, InputUse use, Map<String, Object> entry) {
        boolean fromRegistry = use.tier() != null
                || Vocabulary.input(use.input()).map(i -> i.source() == Vocabulary.Source.HOLDING).orElse(false);
        if (fromRegistry) {
            FirmUnderReview.Holding row = use.tier() == null ? holding
                    : firm.holdings().stream().filter(h -> h.tier().equals(use.tier())).findFirst().orElse(null);
            if (row != null && row.deliveryId() != null) {
                entry.put("feed", "registry");
                entry.put("delivery_id", row.deliveryId());
                entry.put("row_no", row.rowNo());
            }
            return;
        }
        FirmUnderReview.Source source = firm.lineage().get(FirmUnderReview.lineageKey(use.input(),
                use.fiscalYear() == null ? 0 : use.fiscalYear()));
        if (source != null) {
            entry.put("feed", source.feed());
            entry.put("delivery_id", source.deliveryId());
            entry.put("sheet", source.sheet());
            entry.put("row_no", source.rowNo());
            entry.put("as_of", source.asOf() == null ? null : source.asOf().toString());
        }
    }
}
