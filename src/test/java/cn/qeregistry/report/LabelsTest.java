package cn.qeregistry.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Labels from the maps built once match the enums' own parsing, and unknown values pass through. */
class LabelsTest {

    private final Labels zh = new Labels(Lang.ZH);
    private final Labels en = new Labels(Lang.EN);

    @Test
    void exactCodesGetTheirChineseLabels() {
        assertThat(zh.category("REVIEW_FAIL")).isEqualTo("复核不通过");
        assertThat(zh.severity("ERROR")).isNotEqualTo("ERROR");
        assertThat(zh.status("OPEN")).isNotEqualTo("OPEN");
        assertThat(zh.feed("tax")).isEqualTo("税务局");
        assertThat(zh.tier("SRDI_SME")).isNotEqualTo("SRDI_SME");
    }

    @Test
    void categoryAndStatusStillAcceptAnyCaseAndSpaces() {
        assertThat(zh.category(" review_fail ")).isEqualTo(zh.category("REVIEW_FAIL"));
        assertThat(zh.status("open")).isEqualTo(zh.status("OPEN"));
    }

    @Test
    void unknownValuesAndEnglishPassThrough() {
        assertThat(zh.tier("营业收入(万元)")).isEqualTo("营业收入(万元)");
        assertThat(zh.severity("error")).isEqualTo("error");
        assertThat(zh.feed("unknown")).isEqualTo("unknown");
        assertThat(zh.category(null)).isNull();
        assertThat(en.category("REVIEW_FAIL")).isEqualTo("REVIEW_FAIL");
        assertThat(en.tier("SRDI_SME")).isEqualTo("SRDI_SME");
    }

    @Test
    void creditCodesAreNormalisedUnlessAlreadyPlain() {
        assertThat(zh.uscc("91420100MA4K2XXX1L")).isEqualTo("91420100MA4K2XXX1L");
        assertThat(zh.uscc("９１４２０１００ma4k2xxx1l ")).isEqualTo("91420100MA4K2XXX1L");
        assertThat(zh.uscc(null)).isNull();
    }
}
