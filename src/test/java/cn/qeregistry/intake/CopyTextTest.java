package cn.qeregistry.intake;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTest {

    @Test
    void encodesRowsAsUtf8CopyTextWithNullsAndSeparatorsEscaped() {
        CopyText copy = new CopyText();
        copy.number(42).tab().number(0).tab().field(null).tab().field("a\\b\tc\nd\re\u0000f").tab()
                .field("天邦腾（湖北）信息").tab().field("𠀀x").tab().field("\uD800lone").endOfRow();

        String text = new String(Arrays.copyOf(copy.bytes(), copy.length()), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("42\t0\t\\N\ta\\\\b\\tc\\nd\\re" + "f\t天邦腾（湖北）信息\t𠀀x\t?lone\n");
    }

    @Test
    void growsBeyondItsFirstBufferAndStartsAgainWhenCleared() {
        CopyText copy = new CopyText();
        String value = "统一社会信用代码".repeat(10_000);
        copy.field(value);
        assertThat(copy.length()).isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
        copy.clear();
        copy.field("x");
        assertThat(copy.length()).isEqualTo(1);
    }
}
