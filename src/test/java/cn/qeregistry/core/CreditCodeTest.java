package cn.qeregistry.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91420000757013137P", "91420684MA4927PJ7B", "91110000600037341L"})
    void acceptsPublishedValidCodes(String code) {
        assertThat(CreditCode.problem(code)).isNull();
    }

    @Test
    void rejectsAWrongCheckCharacterAndSaysWhichItShouldBe() {
        assertThat(CreditCode.problem("913100000184182424")).isEqualTo("check character is 4, should be 1");
    }

    @Test
    void rejectsLettersOutsideTheAlphabet() {
        assertThat(CreditCode.problem("9142000075701313IP")).contains("'I' at position 17");
    }

    @Test
    void rejectsWrongLength() {
        assertThat(CreditCode.problem("9142000075701313")).contains("18 characters, has 16");
    }

    @Test
    void normalisesFullWidthSpacesAndCase() {
        assertThat(CreditCode.normalise("　９１４２０６８４ｍａ４９２７ＰＪ７Ｂ ")).isEqualTo("91420684MA4927PJ7B");
    }

    @Test
    void organisationCodeSitsInPositionsNineToSeventeen() {
        assertThat(CreditCode.organisationCode("91420000757013137P")).isEqualTo("757013137");
        assertThat(CreditCode.organisationCheckChar("75701313")).isEqualTo('7');
    }
}
