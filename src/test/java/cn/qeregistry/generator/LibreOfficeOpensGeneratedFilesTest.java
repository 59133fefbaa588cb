package cn.qeregistry.generator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each generated workbook opens in LibreOffice: converted to CSV headless, its header comes out. Needs soffice (CI installs it). */
@Tag("slow")
class LibreOfficeOpensGeneratedFilesTest {

    @TempDir
    Path dir;

    @Test
    void sofficeConvertsEveryWorkbookToCsv() throws IOException, InterruptedException {
        new ProvinceGenerator(GeneratorOptions.of(dir.resolve("p"), 300, 5, LocalDate.of(2025, 11, 26))).generate();
        Path inbox = dir.resolve("p/inbox");
        Map<Path, String> expectedText = Map.of(
                inbox.resolve("tax/tax-2024.xlsx"), "纳税人识别号",
                inbox.resolve("tax/tax-2023.xlsx"), "湖北省税务局 2023年度企业纳税及财务信息",
                inbox.resolve("science/science-2025-11-26.xls"), "高企有效期至",
                inbox.resolve("finance/finance-2025-11-26.xlsx"), "股权融资额(万元)",
                inbox.resolve("registry/registry-2025-11-26.xlsx"), "梯度层级");
        Path converted = Files.createDirectories(dir.resolve("csv"));
        for (var file : expectedText.entrySet()) {
            Process soffice = new ProcessBuilder(List.of("soffice", "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                    "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", converted.toString(),
                    file.getKey().toString())).redirectErrorStream(true).start();
            assertThat(soffice.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(soffice.exitValue()).isZero();
            String name = file.getKey().getFileName().toString();
            Path csv = converted.resolve(name.substring(0, name.lastIndexOf('.')) + ".csv");
            assertThat(Files.readString(csv, StandardCharsets.UTF_8)).as(name).contains(file.getValue());
        }
    }
}
