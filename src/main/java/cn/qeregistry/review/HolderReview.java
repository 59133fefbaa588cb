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
    /** attribute_lineage names a holding's source {@code tier:<TIER>} (fiscal_year 0), as the master step writes it. */
    static final String HOLDING_ATTRIBUTE = "tier:";

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
            String tier = use.tier() == null ? holding.tier() : use.tier();
            FirmUnderReview.Source source = firm.lineage().get(FirmUnderReview.lineageKey(HOLDING_ATTRIBUTE + tier, 0));
            if (source != null) {
                put(source, entry);
                return;
            }
            // no lineage row for the holding: its tier_holding row still says which delivery and row it came from
            firm.holdings().stream().filter(h -> h.tier().equals(tier) && h.deliveryId() != null).findFirst().ifPresent(h -> {
                entry.put("feed", "registry");
                entry.put("delivery_id", h.deliveryId());
                entry.put("row_no", h.rowNo());
            });
            return;
        }
        FirmUnderReview.Source source = firm.lineage().get(FirmUnderReview.lineageKey(use.input(),
                use.fiscalYear() == null ? 0 : use.fiscalYear()));
        if (source != null) {
            put(source, entry);
        }
    }

    private static void put(FirmUnderReview.Source source, Map<String, Object> entry) {
        entry.put("feed", source.feed());
        entry.put("delivery_id", source.deliveryId());
        entry.put("sheet", source.sheet());
        entry.put("row_no", source.rowNo());
        entry.put("as_of", source.asOf() == null ? null : source.asOf().toString());
    }
}
