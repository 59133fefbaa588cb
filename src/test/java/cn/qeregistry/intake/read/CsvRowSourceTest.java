package cn.qeregistry.intake.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowSourceTest {

    @Test
    void gbkTextWithoutBomIsDecodedAsGb18030AndQuotedLineBreaksStayInTheirField(@TempDir Path dir) throws Exception {
        String text = "代码,名称,住所\r\n1,\"甲,公司\",\"武汉市\r\n洪山区\"\n\n2,乙公司,\"说\"\"好\"\"\"\r3,丙,\n";
        Path file = Files.write(dir.resolve("a.csv"), text.getBytes(Charset.forName("GB18030")));

        try (CsvRowSource source = new CsvRowSource(file, "a.csv")) {
            assertThat(source.charset().name()).isEqualTo("GB18030");
            assertThat(source.next().cells()).containsExactly("代码", "名称", "住所");
            RawRow first = source.next();
            assertThat(first.rowNo()).isEqualTo(2);
            assertThat(first.cells()).containsExactly("1", "甲,公司", "武汉市\n洪山区");
            RawRow second = source.next();
            assertThat(second.rowNo()).as("the blank line 4 is skipped, not counted").isEqualTo(5);
            assertThat(second.cells()).containsExactly("2", "乙公司", "说\"好\"");
            RawRow third = source.next();
            assertThat(third.rowNo()).isEqualTo(6);
            assertThat(third.cells()).containsExactly("3", "丙", null);
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void utf8WithAndWithoutBomAndUtf16WithBom(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("u.csv"), "名称\n甲\n", StandardCharsets.UTF_8);
        Path bom = Files.writeString(dir.resolve("b.csv"), "\uFEFF名称\n甲\n", StandardCharsets.UTF_8);
        Path utf16 = Files.write(dir.resolve("w.csv"), "\uFEFF名称\n甲\n".getBytes(StandardCharsets.UTF_16LE));
        for (Path file : new Path[]{plain, bom, utf16}) {
            try (CsvRowSource source = new CsvRowSource(file, file.getFileName().toString())) {
                assertThat(source.next().cells()).as(file.toString()).containsExactly("名称");
                assertThat(source.next().cells()).containsExactly("甲");
            }
        }
    }
}
