package cn.qeregistry.intake.normalise;

import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.MappingParser;
import cn.qeregistry.intake.read.ColumnLayout;
import cn.qeregistry.intake.read.HeaderLocator;
import cn.qeregistry.intake.read.RawRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The normalisation rules on the shipped tax and registry mappings. */
class RowNormaliserTest {

    static final FeedMapping TAX = MappingParser.parse(Path.of("mappings/tax.yml"));
    static final FeedMapping REGISTRY = MappingParser.parse(Path.of("mappings/registry.yml"));
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final String PILOT_CODE = "913100000184182424"; // fails the check character, yet legal

    static final String[] TAX_HEADER = {"纳税人识别号", "纳税人名称", "年份", "营业收入（千元）", "主营业务收入(元)", "研发费用(万元)",
            "资产总额", "负债总额(万元)", "纳税总额(万元)", "纳税信用级别"};

    RowNormaliser.Result tax(Set<String> allowList, String... cells) {
        ColumnLayout layout = new HeaderLocator(TAX).tryHeader("tax-2025.xlsx", new RawRow("2025年度", 1, TAX_HEADER, false));
        return new RowNormaliser(TAX, allowList, () -> TODAY).normalise(new RawRow("2025年度", 2, cells, false), layout);
    }

    @Test
    void fullWidthTextNumbersThousandsAndUnitsFromTheHeaderAreNormalised() {
        var result = tax(Set.of(), "９１４２０６８４ＭＡ４９２７ＰＪ７Ｂ\u3000", " 襄阳（湖北）机床有限公司 ", "2025年度",
                "1,234.5", "１０００", "0.5", "2.5E3", "-0", "12", "Ａ");

        assertThat(result.problems()).isEmpty();
        assertThat(result.values()).containsExactly("91420684MA4927PJ7B", "襄阳(湖北)机床有限公司", "2025",
                "1234500.00", "1000.00", "5000.00", "2500.00", "0.00", "120000.00", "A");
    }

    @Test
    void theAllowListAdmitsAPilotCodeThatFailsTheCheck() {
        String[] row = {PILOT_CODE, "试点企业", "2025", "1", "1", "0", "1", "1", "1", "B"};

        assertThat(tax(Set.of(), row).problems()).extracting(Problem::rule).containsExactly("credit_code");
        assertThat(tax(Set.of(PILOT_CODE), row).ok()).isTrue();
    }

    @Test
    void everyProblemOfARowIsListedWithItsColumnAndValue() {
        var result = tax(Set.of(), "91420684MA4927PJ7B", "", "2027", "abc", "1", "9", "1", "1", "1", "E");
        var hugeYear = tax(Set.of(), "91420684MA4927PJ7B", "甲", "99999999999", "1", "1", "0", "1", "1", "1", "A");

        assertThat(result.problems()).extracting(p -> p.rule() + " " + p.column())
                .containsExactly("required 纳税人名称", "range 年份", "number 营业收入（千元）", "enum 纳税信用级别");
        assertThat(hugeYear.problems()).extracting(Problem::reason).containsExactly("年份 99999999999 is too large to be plausible");
        assertThat(result.problems().get(2).value()).isEqualTo("abc");
    }

    @Test
    void tierWordsWithChineseQuotesAndPrefectureNamesBecomeCodes() {
        String[] header = {"统一社会信用代码", "企业名称", "梯度层级", "级别", "认定年度", "批次", "有效期至", "所属市州", "主导产品"};
        ColumnLayout layout = new HeaderLocator(REGISTRY).tryHeader("registry.xlsx", new RawRow("名单", 1, header, false));
        var result = new RowNormaliser(REGISTRY, Set.of(), () -> TODAY).normalise(new RawRow("名单", 2,
                new String[]{"91420684MA4927PJ7B", "甲", "专精特新“小巨人”企业", "国家级", "2024", "第六批", "46000", "恩施州", "轴承"}, false),
                layout);

        assertThat(result.problems()).isEmpty();
        assertThat(result.values()).containsExactly("91420684MA4927PJ7B", "甲", "LITTLE_GIANT", "NATIONAL", "2024", "第六批",
                "2025-12-09", "422800", "轴承");
    }
}
