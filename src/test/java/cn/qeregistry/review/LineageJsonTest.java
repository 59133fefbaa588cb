package cn.qeregistry.review;

import cn.qeregistry.review.rules.InputUse;
import cn.qeregistry.review.rules.Num;
import cn.qeregistry.review.rules.Vocabulary;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written lineage JSON is byte for byte what Jackson wrote for the same entries (the
 * implementation it replaces, kept here as the reference): key order, string escaping of every
 * character that occurs in sheet names and values, nulls, numbers, defaults and holding fallbacks.
 */
class LineageJsonTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] INPUTS = {"revenue", "rd_expense", "established_on", "valid_until", "level", "tier", "holds",
            "equity_financing", "registration_status", "class1_ip"};
    static final String[] TIERS = {"SRDI_SME", "LITTLE_GIANT", "INNOVATIVE_SME"};

    @Test
    void everyCharacterIsEscapedAsJacksonDoes() {
        StringBuilder json = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = "a" + (char) c + "b";
            json.setLength(0);
            JsonText.string(json, s);
            assertThat(json.toString()).as("U+%04X", c).isEqualTo(JSON.writeValueAsString(s));
        }
        json.setLength(0);
        JsonText.string(json, null);
        assertThat(json.toString()).isEqualTo("null");
    }

    @Test
    void lineageIsWhatJacksonWroteForTheSameEntries() {
        Random random = new Random(42);
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            FirmUnderReview firm = firm(random);
            FirmUnderReview.Holding holding = firm.holdings().get(random.nextInt(firm.holdings().size()));
            List<InputUse> uses = new ArrayList<>();
            for (int u = random.nextInt(6); u > 0; u--) {
                uses.add(use(random));
            }
            assertThat(HolderReview.lineage(firm, holding, uses, json)).isEqualTo(reference(firm, holding, uses));
        }
    }

    private static FirmUnderReview firm(Random random) {
        List<FirmUnderReview.Holding> holdings = new ArrayList<>();
        for (String tier : TIERS) {
            if (holdings.isEmpty() || random.nextBoolean()) {
                holdings.add(new FirmUnderReview.Holding(tier, "PROVINCIAL", Map.of(), random.nextInt(4) == 0 ? null : random.nextLong(1, 1L << 40),
                        random.nextInt(4) == 0 ? null : random.nextInt(100_000)));
            }
        }
        Map<String, FirmUnderReview.Source> lineage = new HashMap<>();
        for (String input : INPUTS) {
            for (int year : new int[] {0, 2033, 2034, 2035}) {
                if (random.nextInt(3) > 0) {
                    lineage.put(FirmUnderReview.lineageKey(input, year), source(random));
                }
            }
        }
        for (String tier : TIERS) {
            if (random.nextBoolean()) {
                lineage.put(FirmUnderReview.lineageKey(HolderReview.HOLDING_ATTRIBUTE + tier, 0), source(random));
            }
        }
        return new FirmUnderReview("91420100MA4K000001", Map.of(), Map.of(), holdings, lineage);
    }

    private static FirmUnderReview.Source source(Random random) {
        return new FirmUnderReview.Source(random.nextBoolean() ? "tax" : "market", random.nextInt(5) == 0 ? null : random.nextLong(1, 1L << 40),
                random.nextInt(3) == 0 ? null : text(random), random.nextInt(5) == 0 ? null : random.nextInt(1_000_000),
                random.nextInt(3) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(30_000)));
    }

    private static InputUse use(Random random) {
        String input = INPUTS[random.nextInt(INPUTS.length)];
        if (input.equals("holds")) {
            return new InputUse("holds", null, TIERS[random.nextInt(TIERS.length)], random.nextBoolean(), false);
        }
        Object value = switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> new Num(BigInteger.valueOf(random.nextLong() % 1_000_000_000_000L), BigInteger.valueOf(random.nextInt(1, 1000)));
            case 2 -> Num.of(random.nextLong());
            case 3 -> LocalDate.ofEpochDay(random.nextInt(30_000));
            case 4 -> random.nextBoolean();
            default -> text(random);
        };
        Integer year = random.nextBoolean() ? 2033 + random.nextInt(3) : null;
        return new InputUse(input, year, null, value, value != null && random.nextInt(6) == 0);
    }

    /** Sheet names and values with quotes, backslashes, control characters, CJK and surrogate pairs. */
    private static String text(Random random) {
        String[] pieces = {"2035年度", "名单", "Sheet \"1\"", "a\\b", "\t", "\n", "\r", "\u0001", "\u001f", "\b", "\f", "é", "😀",
                "</x>", " ", "\u007f", "\u2028", "x"};
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    /** The implementation before: an ordered map per entry, written by Jackson. */
    private static String reference(FirmUnderReview firm, FirmUnderReview.Holding holding, List<InputUse> inputs) {
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
                referenceSource(firm, holding, use, entry);
            }
            entries.add(entry);
        }
        return JSON.writeValueAsString(entries);
    }

    private static void referenceSource(FirmUnderReview firm, FirmUnderReview.Holding holding, InputUse use, Map<String, Object> entry) {
        boolean fromRegistry = use.tier() != null
                || Vocabulary.input(use.input()).map(i -> i.source() == Vocabulary.Source.HOLDING).orElse(false);
        if (fromRegistry) {
            String tier = use.tier() == null ? holding.tier() : use.tier();
            FirmUnderReview.Source source = firm.lineage().get(FirmUnderReview.lineageKey(HolderReview.HOLDING_ATTRIBUTE + tier, 0));
            if (source != null) {
                referencePut(source, entry);
                return;
            }
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
            referencePut(source, entry);
        }
    }

    private static void referencePut(FirmUnderReview.Source source, Map<String, Object> entry) {
        entry.put("feed", source.feed());
        entry.put("delivery_id", source.deliveryId());
        entry.put("sheet", source.sheet());
        entry.put("row_no", source.rowNo());
        entry.put("as_of", source.asOf() == null ? null : source.asOf().toString());
    }
}
