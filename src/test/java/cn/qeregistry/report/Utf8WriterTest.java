package cn.qeregistry.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Utf8Writer encodes exactly as OutputStreamWriter does, whatever the pieces the text comes in. */
class Utf8WriterTest {

    @Test
    void encodesAsOutputStreamWriterIncludingBrokenSurrogates() throws IOException {
        String text = "ascii é € 湖北 𠀀𝌆 lone high \uD840x lone low \uDC00 pair split next \uD840";
        assertSameAsJdk(writer -> {
            writer.write(text);
            writer.write("\uDC00 rest");
        });
    }

    @Test
    void aSurrogatePairSplitBetweenWritesIsStillOneCharacter() throws IOException {
        assertSameAsJdk(writer -> {
            writer.write('\uD840');
            writer.write(new char[] {'\uDC00', 'a'}, 0, 2);
            writer.write("\uD834", 0, 1);
            writer.write("\uDF06!");
        });
    }

    @Test
    void aHighSurrogateLeftAtCloseBecomesAQuestionMark() throws IOException {
        assertSameAsJdk(writer -> {
            writer.write("end \uD840");
        });
    }

    @Test
    void randomTextInRandomPiecesAcrossBufferBoundaries() throws IOException {
        Random random = new Random(10);
        char[] alphabet = "aZ<&\n\u00E9\u00A0\u20AC\u6E56\uD840\uDC00\uD834\uDF06\uFFFF".toCharArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        String all = text.toString();
        assertSameAsJdk(writer -> {
            for (int at = 0; at < all.length(); ) {
                int length = Math.min(all.length() - at, random.nextInt(40));
                switch (random.nextInt(3)) {
                    case 0 -> writer.write(all, at, length);
                    case 1 -> writer.write(all.toCharArray(), at, length);
                    default -> {
                        writer.write(all.charAt(at));
                        length = 1;
                    }
                }
                at += length;
            }
        });
    }

    @Test
    void plainTextIsWrittenInOnePassAndTextToEscapeIsLeftUnwrittenWhereverTheBufferStands() throws IOException {
        Random random = new Random(11);
        char[] alphabet = "aZ 1\u00E9\u20AC\u6E56\uD840\uDC00\uD834\uDF06<&\"\n\u00A0\uFFFE".toCharArray();
        String huge = "湖北".repeat(40_000);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (Writer jdk = new OutputStreamWriter(expected, StandardCharsets.UTF_8); Utf8Writer writer = new Utf8Writer(ours)) {
            for (int i = 0; i < 40_000; i++) {
                StringBuilder piece = new StringBuilder();
                for (int n = random.nextInt(30); n > 0; n--) {
                    piece.append(alphabet[random.nextInt(random.nextInt(8) == 0 ? alphabet.length : 10)]);
                }
                String text = i % 5_000 == 0 ? huge + piece : piece.toString();
                boolean plain = text.chars().noneMatch(c -> ReportSheetWriter.escaped((char) c));
                assertThat(writer.writePlainText(text)).as(text).isEqualTo(plain);
                if (plain) {
                    jdk.write(text);
                }
                writer.writeAscii("<x/>".getBytes(StandardCharsets.US_ASCII));
                jdk.write("<x/>");
            }
        }
        assertThat(ours.toByteArray()).isEqualTo(expected.toByteArray());
    }

    interface Writing {
        void writeTo(Writer writer) throws IOException;
    }

    private static void assertSameAsJdk(Writing writing) throws IOException {
        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(jdk, StandardCharsets.UTF_8)) {
            writing.writeTo(writer);
        }
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (Writer writer = new Utf8Writer(ours)) {
            writing.writeTo(writer);
        }
        assertThat(ours.toByteArray()).isEqualTo(jdk.toByteArray());
    }
}
