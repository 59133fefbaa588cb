package cn.qeregistry.reliability;

import cn.qeregistry.core.CreditCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CreditCode} against an independent reading of GB 32100-2015 written here: the weight of
 * position i is 3^i mod 31, the check character C18 = 31 − (Σ Ci·Wi mod 31), 31 meaning 0.
 */
class CreditCodeAgreementProperties {

    /** The 31 code characters: digits and the upper-case letters without I, O, S, V, Z. */
    static final String CHARACTERS = buildCharacters();

    static String buildCharacters() {
        StringBuilder out = new StringBuilder("0123456789");
        for (char c = 'A'; c <= 'Z'; c++) {
            if ("IOSVZ".indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static int weight(int position) {
        int w = 1;
        for (int i = 0; i < position; i++) {
            w = w * 3 % 31;
        }
        return w;
    }

    static char reference(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARACTERS.indexOf(first17.charAt(i)) * weight(i);
        }
        int check = 31 - sum % 31;
        return CHARACTERS.charAt(check == 31 ? 0 : check);
    }

    static boolean referenceValid(String code) {
        if (code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (CHARACTERS.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return reference(code.substring(0, 17)) == code.charAt(17);
    }

    @Provide
    Arbitrary<String> validCodes() {
        return Arbitraries.strings().withChars(CHARACTERS.toCharArray()).ofLength(17).map(body -> body + reference(body));
    }

    /** Valid codes, then a random character replaced or two neighbours swapped, and arbitrary near-codes. */
    @Provide
    Arbitrary<String> candidateCodes() {
        Arbitrary<String> substituted = Combinators.combine(validCodes(), Arbitraries.integers().between(0, 17),
                Arbitraries.chars().with(CHARACTERS.toCharArray()))
                .as((code, at, c) -> code.substring(0, at) + c + code.substring(at + 1));
        Arbitrary<String> transposed = Combinators.combine(validCodes(), Arbitraries.integers().between(0, 16))
                .as((code, at) -> code.substring(0, at) + code.charAt(at + 1) + code.charAt(at) + code.substring(at + 2));
        Arbitrary<String> anything = Arbitraries.strings().withChars((CHARACTERS + "IOSVZ-a ").toCharArray()).ofMinLength(16).ofMaxLength(19);
        return Arbitraries.oneOf(validCodes(), substituted, transposed, anything);
    }

    @Property(tries = 5000)
    void theValidatorAgreesWithTheReferenceOnEveryCandidate(@ForAll("candidateCodes") String code) {
        assertThat(CreditCode.isValid(code)).as(code).isEqualTo(referenceValid(code));
        assertThat(CreditCode.problem(code) == null).isEqualTo(referenceValid(code));
    }

    @Property(tries = 2000)
    void everySingleCharacterChangeIsCaught(@ForAll("validCodes") String code,
                                            @ForAll("positions18") int at, @ForAll("codeCharacters") char c) {
        String changed = code.substring(0, at) + c + code.substring(at + 1);
        assertThat(CreditCode.isValid(changed)).as(changed).isEqualTo(c == code.charAt(at));
    }

    @Property(tries = 2000)
    void everySwapOfTwoDifferentNeighboursIsCaught(@ForAll("validCodes") String code, @ForAll("positions17") int at) {
        String swapped = code.substring(0, at) + code.charAt(at + 1) + code.charAt(at) + code.substring(at + 2);
        assertThat(CreditCode.isValid(swapped)).as(swapped).isEqualTo(code.charAt(at) == code.charAt(at + 1));
    }

    @Property(tries = 1000)
    void theCheckCharacterIsTheReferenceOne(@ForAll("validCodes") String code) {
        assertThat((char) CreditCode.checkCharFor(code.substring(0, 17))).isEqualTo(code.charAt(17));
    }

    @Provide
    Arbitrary<Integer> positions18() {
        return Arbitraries.integers().between(0, 17);
    }

    @Provide
    Arbitrary<Integer> positions17() {
        return Arbitraries.integers().between(0, 16);
    }

    @Provide
    Arbitrary<Character> codeCharacters() {
        return Arbitraries.chars().with(CHARACTERS.toCharArray());
    }
}
