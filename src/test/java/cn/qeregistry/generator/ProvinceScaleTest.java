package cn.qeregistry.generator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Past BIFF8's 65,535 rows the science feed is written as xlsx instead of .xls. */
@Tag("slow")
class ProvinceScaleTest {

    @TempDir
    Path dir;

    @Test
    void scienceBeyondTheXlsRowLimitIsWrittenAsXlsx() throws IOException {
        GeneratorOptions options = GeneratorOptions.of(dir, 150_000, 1, LocalDate.of(2025, 11, 26)).withHolderShare(0.5);
        new ProvinceGenerator(options).generate();
        assertThat(dir.resolve("inbox/science/science-2025-11-26.xls")).doesNotExist();
        Path xlsx = dir.resolve("inbox/science/science-2025-11-26.xlsx");
        assertThat(rows(xlsx, "xl/worksheets/sheet1.xml")).isGreaterThan(GeneratorOptions.XLS_MAX_DATA_ROWS + 1);
        assertThat(Files.lines(dir.resolve("inbox/market/market-2025-11-26.csv"), ProvinceGenerator.GB18030).count())
                .isGreaterThan(150_000);
    }

    /** Counts row elements in a sheet part without loading the workbook. */
    private static long rows(Path xlsx, String part) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            ZipEntry entry = zip.getEntry(part);
            long rows = 0;
            byte[] pattern = "<row ".getBytes(StandardCharsets.US_ASCII);
            int matched = 0;
            try (InputStream in = new java.io.BufferedInputStream(zip.getInputStream(entry))) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    matched = b == pattern[matched] ? matched + 1 : b == pattern[0] ? 1 : 0;
                    if (matched == pattern.length) {
                        rows++;
                        matched = 0;
                    }
                }
            }
            return rows;
        }
    }
}
