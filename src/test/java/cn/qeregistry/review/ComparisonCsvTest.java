package cn.qeregistry.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cells of the what-if CSV: quoted when needed, formulas made inert, numbers left alone. */
class ComparisonCsvTest {

    @Test
    void formulaLikeTextIsMadeInert() {
        assertThat(ReviewComparison.csvCell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReviewComparison.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReviewComparison.csvCell("-0.05 (growth(main_business_revenue 95 , 100))")).startsWith("\"'-0.05");
        assertThat(ReviewComparison.csvCell("\tx")).isEqualTo("'\tx");
    }

    @Test
    void plainNumbersAndOrdinaryTextStayAsTheyAre() {
        assertThat(ReviewComparison.csvCell("-0.05")).isEqualTo("-0.05");
        assertThat(ReviewComparison.csvCell("湖北甲精密机械有限公司")).isEqualTo("湖北甲精密机械有限公司");
        assertThat(ReviewComparison.csvCell(">= 0.03")).isEqualTo(">= 0.03");
        assertThat(ReviewComparison.csvCell("3,120,000")).isEqualTo("\"3,120,000\"");
    }
}
