package cn.qeregistry.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A formula-like text gets an apostrophe; a plain decimal number, negative ones included, does not. */
class SafeTextTest {

    @Test
    void aPlainNumberIsWhatTheRegularExpressionOfTheRuleAccepts() {
        Pattern rule = Pattern.compile("-?\\d+(\\.\\d+)?");
        for (String value : List.of("-0.12", "-12", "12", "0.5", "-", "-.5", "-1.", "-1.2.3", "1e5", "-1,000", "--1", "-１２",
                "", ".", "-0", "12.34", "-12a", "=1+2", "+86", "@SUM(A1)")) {
            assertThat(SafeText.plainNumber(value)).as("'%s'", value).isEqualTo(rule.matcher(value).matches());
        }
    }

    @Test
    void formulaLikeTextIsNeutralisedAndNegativeNumbersAreNot() {
        assertThat(SafeText.neutralise("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(SafeText.neutralise("-1+2")).isEqualTo("'-1+2");
        assertThat(SafeText.neutralise("+86 个体户")).isEqualTo("'+86 个体户");
        assertThat(SafeText.neutralise("-0.035")).isEqualTo("-0.035");
        assertThat(SafeText.neutralise("湖北")).isEqualTo("湖北");
    }
}
