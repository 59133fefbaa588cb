package cn.qeregistry.generator;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.core.Level;
import cn.qeregistry.core.Tier;
import cn.qeregistry.generator.GeneratedFiles.SourceLine;
import cn.qeregistry.generator.GeneratedFiles.Unparseable;
import cn.qeregistry.generator.ReviewFacts.ScienceFacts;
import cn.qeregistry.generator.ReviewFacts.YearFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static cn.qeregistry.generator.GeneratedFiles.code;
import static cn.qeregistry.generator.GeneratedFiles.date;
import static cn.qeregistry.generator.GeneratedFiles.nameKey;
import static cn.qeregistry.generator.GeneratedFiles.number;
import static cn.qeregistry.generator.GeneratedFiles.text;
import static cn.qeregistry.generator.GeneratedFiles.yesNo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The truth is checked against the data it describes: the generated files are re-read and
 * normalised here, independently of the generator, and (a) every holder's rule outcomes are
 * recomputed from the parsed rows, (b) every expected reject points at a row that really carries
 * its defect while every other row is clean, (c) the expected exceptions are exactly the ones the
 * rows imply.
 */
class ProvinceTruthTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 11, 26);
    private static final int Y = 2024;

    @TempDir
    static Path dir;

    /** A row read back and classified: its feed, key, and the defect this test finds in it (null = clean). */
    record Parsed(String feed, SourceLine line, Map<String, Object> fields, String key, String defect, String defectColumn) {
    }

    private static final List<Parsed> rows = new ArrayList<>();
    private static final Map<String, List<String>> expectedReview = new TreeMap<>();
    private static final Set<String> expectedExceptions = new HashSet<>();
    private static final Set<String> expectedRejects = new HashSet<>();

    @BeforeAll
    static void generate() throws IOException {
        GeneratorOptions options = GeneratorOptions.of(dir, 3000, 11, AS_OF)
                .withRates(DefectRates.defaults().scaled(6)).withHolderShare(0.12);
        new ProvinceGenerator(options).generate();
        Path inbox = dir.resolve("inbox");
        read("market", GeneratedFiles.csv(inbox.resolve("market/market-2025-11-26.csv"), ProvinceGenerator.GB18030));
        for (int year = Y - 2; year <= Y; year++) {
            read("tax", GeneratedFiles.workbook(inbox.resolve("tax/tax-" + year + ".xlsx")));
        }
        read("science", GeneratedFiles.workbook(inbox.resolve("science/science-2025-11-26.xls")));
        read("finance", GeneratedFiles.workbook(inbox.resolve("finance/finance-2025-11-26.xlsx")));
        read("registry", GeneratedFiles.workbook(inbox.resolve("registry/registry-2025-11-26.xlsx")));
        markDuplicates();
        for (String line : lines("expected-review.csv")) {
            expectedReview.computeIfAbsent(line.substring(0, 18), k -> new ArrayList<>()).add(line);
        }
        expectedExceptions.addAll(lines("expected-exceptions.csv"));
        expectedRejects.addAll(lines("expected-rejects.csv"));
    }

    private static List<String> lines(String truthFile) throws IOException {
        List<String> all = Files.readAllLines(dir.resolve("truth").resolve(truthFile), StandardCharsets.UTF_8);
        return all.subList(1, all.size());
    }

    /** Finds the header row, names the columns by their meaning, and classifies each data row. */
    private static void read(String feed, List<SourceLine> lines) {
        List<String> header = null;
        String unitFactor = null;
        for (SourceLine line : lines) {
            if (header == null || isHeader(line)) {
                if (isHeader(line)) {
                    header = line.cells().stream().map(GeneratedFiles::text).toList();
                    unitFactor = header.stream().anyMatch(h -> h != null && h.endsWith("(元)")) ? "1" : "10000";
                }
                continue;
            }
            if (line.blank()) {
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, String> columnNames = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String meaning = meaning(header.get(c));
                fields.put(meaning, line.cell(c));
                columnNames.put(meaning, header.get(c));
            }
            fields.put("unit", new BigDecimal(unitFactor));
            rows.add(classify(feed, line, fields, columnNames));
        }
    }

    private static boolean isHeader(SourceLine line) {
        String first = text(line.cell(0));
        return first != null && (first.equals("统一社会信用代码") || first.equals("纳税人识别号") || first.equals("社会信用代码")
                || first.equals("统一代码"));
    }

    /** Header → meaning, accepting the contract's aliases and any unit. */
    private static String meaning(String header) {
        String h = header.replaceAll("\\(.*\\)", "");
        return switch (h) {
            case "统一社会信用代码", "纳税人识别号", "社会信用代码", "统一代码" -> "code";
            case "企业名称", "纳税人名称", "单位名称" -> "name";
            case "所属年度", "年度", "年份" -> "year";
            default -> h;
        };
    }

    private static Parsed classify(String feed, SourceLine line, Map<String, Object> f, Map<String, String> columns) {
        String defect = null;
        String column = null;
        String code = code(f.get("code"));
        List<String> required = new ArrayList<>(List.of("code", "name"));
        switch (feed) {
            case "tax" -> required.add("year");
            case "finance" -> required.add("year");
            case "registry" -> required.add("梯度层级");
            default -> {
            }
        }
        for (String r : required) {
            if (text(f.get(r)) == null) {
                return new Parsed(feed, line, f, null, "MISSING_REQUIRED", columns.get(r));
            }
        }
        if (!CreditCode.isValid(code)) {
            return new Parsed(feed, line, f, null, "BAD_CHECK_CHARACTER", columns.get("code"));
        }
        List<String> numbers = switch (feed) {
            case "market" -> List.of("注册资本");
            case "tax" -> List.of("year", "营业收入", "主营业务收入", "研发费用", "资产总额", "负债总额", "纳税总额");
            case "science" -> List.of("I类知识产权数", "发明专利数", "研发人员数", "职工总数");
            case "finance" -> List.of("year", "股权融资额");
            default -> List.of("认定年度");
        };
        List<String> dates = switch (feed) {
            case "market" -> List.of("成立日期");
            case "science" -> List.of("高企发证日期", "高企有效期至");
            case "registry" -> List.of("有效期至");
            default -> List.of();
        };
        for (String n : numbers) {
            try {
                number(f.get(n));
            } catch (Unparseable e) {
                defect = defect == null ? "UNPARSEABLE_NUMBER" : defect;
                column = column == null ? columns.get(n) : column;
            }
        }
        for (String d : dates) {
            try {
                date(f.get(d));
            } catch (Unparseable e) {
                defect = defect == null ? "UNPARSEABLE_DATE" : defect;
                column = column == null ? columns.get(d) : column;
            }
        }
        Map<String, Function<String, Boolean>> enums = switch (feed) {
            case "market" -> Map.of("登记状态", GeneratedFiles.STATUSES::contains, "列入经营异常名录", ProvinceTruthTest::isYesNo,
                    "列入严重违法失信名单", ProvinceTruthTest::isYesNo);
            case "tax" -> Map.of("纳税信用级别", GeneratedFiles.GRADES::contains);
            case "science" -> Map.of("省级及以上研发机构", ProvinceTruthTest::isYesNo);
            case "finance" -> Map.of("上市状态", GeneratedFiles.LISTINGS::contains);
            default -> Map.of("梯度层级", GeneratedFiles.TIERS::containsKey, "级别", GeneratedFiles.LEVELS::containsKey);
        };
        for (var e : enums.entrySet()) {
            String value = text(f.get(e.getKey()));
            if (value != null && !e.getValue().apply(value)) {
                defect = defect == null ? "INVALID_ENUM" : defect;
                column = column == null ? columns.get(e.getKey()) : column;
            }
        }
        String key = switch (feed) {
            case "tax", "finance" -> code + "|" + number(f.get("year")).intValue();
            case "registry" -> code + "|" + GeneratedFiles.TIERS.get(text(f.get("梯度层级")));
            default -> code;
        };
        return new Parsed(feed, line, f, defect == null ? key : null, defect, column);
    }

    private static boolean isYesNo(String value) {
        return value.equals("是") || value.equals("否");
    }

    /** Same key in one file with different normalised values: every such row is DUPLICATE. */
    private static void markDuplicates() {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Parsed p = rows.get(i);
            if (p.key() != null) {
                byKey.computeIfAbsent(p.feed() + "|" + p.line().file() + "|" + p.key(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : byKey.values()) {
            Set<List<String>> distinct = group.stream().map(i -> normalisedValues(rows.get(i))).collect(Collectors.toSet());
            if (distinct.size() > 1) {
                for (int i : group) {
                    Parsed p = rows.get(i);
                    rows.set(i, new Parsed(p.feed(), p.line(), p.fields(), null, "DUPLICATE", ""));
                }
            }
        }
    }

    private static List<String> normalisedValues(Parsed p) {
        List<String> values = new ArrayList<>();
        p.fields().forEach((k, v) -> values.add(k.equals("name") ? nameKey(v) : v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                : v instanceof LocalDate || text(v) == null ? text(v) : dateOrText(v)));
        return values;
    }

    private static String dateOrText(Object v) {
        try {
            LocalDate d = date(v);
            return d.toString();
        } catch (Unparseable e) {
            return text(v);
        }
    }

    private static Stream<Parsed> staged(String feed) {
        return rows.stream().filter(p -> p.feed().equals(feed) && p.defect() == null);
    }

    // ------------------------------------------------------------------ (b) rejects

    @Test
    void expectedRejectsAreExactlyTheRowsThatCarryADefect() {
        Set<String> found = rows.stream().filter(p -> p.defect() != null)
                .map(p -> String.join(",", p.feed(), p.line().file(), p.line().sheet(), Integer.toString(p.line().rowNo()),
                        p.defectColumn(), p.defect()))
                .collect(Collectors.toSet());
        assertThat(found).isEqualTo(expectedRejects);
        assertThat(found.stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).collect(Collectors.toSet()))
                .contains("BAD_CHECK_CHARACTER", "MISSING_REQUIRED", "UNPARSEABLE_NUMBER", "UNPARSEABLE_DATE", "INVALID_ENUM", "DUPLICATE");
    }

    // ------------------------------------------------------------------ (c) exceptions

    @Test
    void expectedExceptionsAreExactlyWhatTheRowsImply() {
        Set<String> implied = new HashSet<>();
        for (Parsed p : rows) {
            if (p.defect() == null) {
                continue;
            }
            String category = p.defect().equals("DUPLICATE") ? "DUPLICATE" : "INTAKE_REJECT";
            String uscc = text(p.fields().get("code")) == null ? "" : code(p.fields().get("code"));
            implied.add(uscc + "," + category + "," + p.feed());
        }
        Map<String, String> marketNames = staged("market").collect(Collectors.toMap(p -> p.key(), p -> nameKey(p.fields().get("name")), (a, b) -> a));
        for (Parsed p : rows) {
            if (p.defect() != null || p.feed().equals("market")) {
                continue;
            }
            String code = code(p.fields().get("code"));
            String marketName = marketNames.get(code);
            if (marketName == null) {
                implied.add(code + ",UNMATCHED," + p.feed());
            } else if (!marketName.equals(nameKey(p.fields().get("name")))) {
                implied.add(code + ",CONFLICT," + p.feed());
            }
        }
        for (List<String> verdicts : expectedReview.values()) {
            for (String v : verdicts) {
                String outcome = v.substring(v.lastIndexOf(',') + 1);
                String category = switch (outcome) {
                    case "FAIL" -> "REVIEW_FAIL";
                    case "WARN" -> "REVIEW_WARN";
                    case "DATA_GAP" -> "DATA_GAP";
                    default -> null;
                };
                if (category != null) {
                    implied.add(v.substring(0, 18) + "," + category + ",");
                }
            }
        }
        assertThat(expectedExceptions).isEqualTo(implied);
        assertThat(implied.stream().map(l -> l.split(",")[1]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("INTAKE_REJECT", "DUPLICATE", "UNMATCHED", "CONFLICT", "REVIEW_FAIL", "REVIEW_WARN", "DATA_GAP");
    }

    @Test
    void bracketWidthAloneNeverMakesAConflict() {
        Map<String, String> marketRaw = staged("market").collect(Collectors.toMap(Parsed::key, p -> raw(p.fields().get("name")), (a, b) -> a));
        long bracketOnly = rows.stream().filter(p -> p.defect() == null && !p.feed().equals("market"))
                .filter(p -> {
                    String market = marketRaw.get(code(p.fields().get("code")));
                    String name = raw(p.fields().get("name"));
                    return market != null && market.contains("（") && name.contains("(") && nameKey(market).equals(nameKey(name));
                })
                .peek(p -> assertThat(expectedExceptions).doesNotContain(code(p.fields().get("code")) + ",CONFLICT," + p.feed()))
                .count();
        assertThat(bracketOnly).as("rows whose name differs from market's only in bracket width").isPositive();
    }

    // ------------------------------------------------------------------ (a) review

    @Test
    void everyHoldersExpectedReviewFollowsFromTheRowsReadBack() {
        Map<String, Parsed> market = staged("market").collect(Collectors.toMap(Parsed::key, p -> p, (a, b) -> a));
        Map<String, List<Parsed>> registry = staged("registry").collect(Collectors.groupingBy(p -> code(p.fields().get("code"))));
        Map<String, List<Parsed>> tax = staged("tax").collect(Collectors.groupingBy(p -> code(p.fields().get("code"))));
        Map<String, Parsed> science = staged("science").collect(Collectors.toMap(Parsed::key, p -> p, (a, b) -> a));
        Map<String, List<Parsed>> finance = staged("finance").collect(Collectors.groupingBy(p -> code(p.fields().get("code"))));
        Map<String, BigDecimal> exchange = exchangeEquity();

        Map<String, List<String>> recomputed = new TreeMap<>();
        for (var holder : registry.entrySet()) {
            String code = holder.getKey();
            Parsed firm = market.get(code);
            if (firm == null) {
                continue; // an unregistered holder is UNMATCHED, not reviewed
            }
            ReviewFacts facts = facts(firm, dedupe(holder.getValue()), tax.getOrDefault(code, List.of()), science.get(code),
                    finance.getOrDefault(code, List.of()), exchange.get(code));
            for (TruthReview.Verdict v : TruthReview.review(facts, AS_OF)) {
                recomputed.computeIfAbsent(code, k -> new ArrayList<>())
                        .add(String.join(",", code, v.tier().name(), v.level().name(), v.ruleId(), v.outcome().name()));
            }
        }
        assertThat(recomputed.keySet()).hasSizeGreaterThan(200);
        assertThat(recomputed).isEqualTo(expectedReview);
    }

    @Test
    void everyRuleBothPassesAndFailsSomewhere() {
        Map<String, Set<String>> outcomes = new TreeMap<>();
        expectedReview.values().stream().flatMap(List::stream).forEach(line -> {
            String[] f = line.split(",");
            outcomes.computeIfAbsent(f[3], k -> new HashSet<>()).add(f[4]);
        });
        assertThat(outcomes).hasSize(20);
        outcomes.forEach((rule, seen) -> {
            assertThat(seen).as(rule).contains("PASS");
            assertThat(seen).as(rule).containsAnyOf("FAIL", "WARN");
        });
        assertThat(outcomes.get("common.certificate_valid")).contains("WARN", "FAIL", "DATA_GAP");
        assertThat(outcomes.get("lg.main_business_growth")).contains("WARN").doesNotContain("FAIL");
        assertThat(outcomes.values().stream().filter(s -> s.contains("DATA_GAP")).count()).isGreaterThan(5);
    }

    /** The cell as written, brackets and all, without normalisation. */
    private static String raw(Object cell) {
        return cell == null ? null : cell.toString().strip();
    }

    private static List<Parsed> dedupe(List<Parsed> rows) {
        Map<String, Parsed> byKey = new LinkedHashMap<>();
        rows.forEach(p -> byKey.putIfAbsent(p.key(), p));
        return new ArrayList<>(byKey.values());
    }

    private static Map<String, BigDecimal> exchangeEquity() {
        try {
            Map<String, BigDecimal> equity = new HashMap<>();
            List<SourceLine> lines = GeneratedFiles.csv(dir.resolve("exchange/finance_equity.csv"), StandardCharsets.UTF_8);
            assertThat(lines.get(0).cells()).containsExactly("uscc", "name", "fiscal_year", "listing_status", "stock_code",
                    "equity_financing_wan", "updated_at");
            for (SourceLine line : lines.subList(1, lines.size())) {
                assertThat(line.cell(2)).isEqualTo(Integer.toString(Y));
                equity.merge((String) line.cell(0), new BigDecimal((String) line.cell(5)).multiply(BigDecimal.valueOf(10_000)), BigDecimal::add);
            }
            return equity;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReviewFacts facts(Parsed firm, List<Parsed> registry, List<Parsed> tax, Parsed science, List<Parsed> finance,
                                     BigDecimal exchangeEquity) {
        Map<String, Object> m = firm.fields();
        Map<Integer, YearFacts> years = new HashMap<>();
        for (Parsed t : dedupe(tax)) {
            Map<String, Object> f = t.fields();
            BigDecimal unit = (BigDecimal) f.get("unit");
            years.put(number(f.get("year")).intValue(), new YearFacts(yuan(f.get("营业收入"), unit), yuan(f.get("主营业务收入"), unit),
                    yuan(f.get("研发费用"), unit), yuan(f.get("资产总额"), unit), yuan(f.get("负债总额"), unit), text(f.get("纳税信用级别"))));
        }
        ScienceFacts scienceFacts = science == null ? null : new ScienceFacts(integer(science.fields().get("I类知识产权数")),
                integer(science.fields().get("研发人员数")), integer(science.fields().get("职工总数")));
        Map<Integer, BigDecimal> equity = new HashMap<>();
        for (Parsed p : dedupe(finance)) {
            equity.put(number(p.fields().get("year")).intValue(), yuan(p.fields().get("股权融资额"), BigDecimal.valueOf(10_000)));
        }
        if (exchangeEquity != null) {
            equity.put(Y, exchangeEquity);
        }
        List<Holding> holdings = registry.stream().map(p -> new Holding(
                Tier.valueOf(GeneratedFiles.TIERS.get(text(p.fields().get("梯度层级")))),
                Level.valueOf(GeneratedFiles.LEVELS.get(text(p.fields().get("级别")))),
                date(p.fields().get("有效期至")))).toList();
        return new ReviewFacts(text(m.get("登记状态")), date(m.get("成立日期")), yesNo(m.get("列入经营异常名录")),
                yesNo(m.get("列入严重违法失信名单")), text(m.get("行业代码")), years, scienceFacts, equity, holdings);
    }

    private static BigDecimal yuan(Object cell, BigDecimal unit) {
        BigDecimal value = number(cell);
        return value == null ? null : value.multiply(unit).stripTrailingZeros();
    }

    private static Integer integer(Object cell) {
        BigDecimal value = number(cell);
        return value == null ? null : value.intValueExact();
    }
}
