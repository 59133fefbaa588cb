package cn.qeregistry.report;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.util.TempFileCreationStrategy;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The report workbook stores each sheet's rows deflated as they are written and zips them without
 * deflating them again: the entries inflate to POI's XML, and a failure on the way fails the report
 * and leaves neither temporary files nor the deflating thread behind.
 */
class ReportWorkbookTest {

    @TempDir Path dir;
    @TempDir Path poiTemp;

    @BeforeEach
    void poiTemporaryFilesInTheirOwnFolder() {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiTemp.toFile()));
    }

    @AfterEach
    void poiTemporaryFilesAsBefore() {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
    }

    @Test
    void sheetsOfManySegmentsWrittenInTurnInflateToPoisXml() throws IOException {
        byte[] poi = interleaved(new SXSSFWorkbook(new XSSFWorkbook(), 100, false, false));
        byte[] ours = interleaved(new ReportWorkbook(100));

        Map<String, byte[]> poiEntries = entries(poi);
        Map<String, byte[]> ourEntries = entries(ours);
        assertThat(ourEntries.keySet()).isEqualTo(poiEntries.keySet());
        for (String sheet : List.of("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml")) {
            assertThat(Arrays.equals(ourEntries.get(sheet), poiEntries.get(sheet))).as(sheet).isTrue();
        }
        assertThat(ourEntries.get("xl/worksheets/sheet1.xml").length).isGreaterThan(20 * RowDeflater.SEGMENT);
        assertThat(ourEntries.get("xl/worksheets/sheet3.xml").length).isLessThan(RowDeflater.SEGMENT);
        // read front to back as well: the local headers carry the sizes and CRC of what follows
        Map<String, byte[]> streamed = streamed(ours);
        assertThat(streamed.keySet()).isEqualTo(ourEntries.keySet());
        streamed.forEach((name, xml) -> assertThat(Arrays.equals(xml, ourEntries.get(name))).as(name).isTrue());
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(ours))) {
            assertThat(read.getSheet("a").getRow(20_000).getCell(1).getStringCellValue()).isEqualTo("企业 a 20000 & <b>");
            assertThat(read.getSheet("b").getLastRowNum()).isEqualTo(20_000);
            assertThat(read.getSheet("empty").getPhysicalNumberOfRows()).isZero();
        }
        assertThat(poiTemp).isEmptyDirectory();
    }

    @Test
    void aFailureWhileWritingRowsFailsTheReportAndLeavesNothingBehind() throws IOException {
        Set<Thread> before = deflatingThreads();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object unwritable = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("row 30000 cannot be written");
            }
        };
        try (TableWriter writer = new BackgroundTableWriter(new XlsxTableWriter(out, Lang.ZH))) {
            assertThatThrownBy(() -> {
                writer.startSheet("s", BackgroundTableWriterTest.COLUMNS);
                for (long i = 0; i < 50_000; i++) {
                    writer.row(i, i == 30_000 ? unwritable : "企业" + i);
                }
                writer.finish();
            }).isInstanceOf(IOException.class).hasRootCauseMessage("row 30000 cannot be written");
            assertThat(deflatingThreads()).hasSizeGreaterThan(before.size());
        }
        assertThat(out.size()).isZero();
        assertThat(poiTemp).isEmptyDirectory();
        assertThat(deflatingThreads()).isEqualTo(before);
    }

    @Test
    void aDiskFullWhileDeflatingFailsTheReportAndLeavesNothingBehind() throws IOException {
        Path full = Path.of("/dev/full");
        assumeThat(Files.isWritable(full)).as("/dev/full").isTrue();
        TempFile.setTempFileCreationStrategy(new DeflatedRowsTo(full));
        Set<Thread> before = deflatingThreads();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter writer = new BackgroundTableWriter(new XlsxTableWriter(out, Lang.ZH))) {
            assertThatThrownBy(() -> {
                writer.startSheet("s", BackgroundTableWriterTest.COLUMNS);
                for (long i = 0; i < 200_000; i++) {
                    writer.row(i, "企业" + i);
                }
                writer.finish();
            }).isInstanceOf(IOException.class).hasMessageContaining("cannot deflate the report's rows")
                    .hasRootCauseMessage("No space left on device");
        }
        assertThat(out.size()).isZero();
        assertThat(poiTemp).isEmptyDirectory();
        assertThat(deflatingThreads()).isEqualTo(before);
    }

    /** Rows of sheets "a" and "b" in turn (so their deflated segments alternate), then an empty sheet. */
    private static byte[] interleaved(SXSSFWorkbook workbook) throws IOException {
        try (workbook) {
            SXSSFSheet a = workbook.createSheet("a");
            SXSSFSheet b = workbook.createSheet("b");
            workbook.createSheet("empty");
            for (int i = 0; i <= 20_000; i++) {
                for (SXSSFSheet sheet : List.of(a, b)) {
                    var row = sheet.createRow(i);
                    row.createCell(0).setCellValue(i);
                    row.createCell(1).setCellValue("企业 " + sheet.getSheetName() + " " + i + " & <b>");
                    row.createCell(2).setCellValue(ReportSheetWriterTest.TRICKY.get(i % ReportSheetWriterTest.TRICKY.size()));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            assertThat(workbook.dispose()).isTrue();
            return out.toByteArray();
        }
    }

    /** Read through the central directory. */
    private Map<String, byte[]> entries(byte[] zip) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "workbook", ".xlsx"), zip);
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipFile workbook = new ZipFile(file.toFile())) {
            for (ZipEntry entry : workbook.stream().toList()) {
                try (InputStream in = workbook.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static Map<String, byte[]> streamed(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static Set<Thread> deflatingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("report-deflate") && t.isAlive()).collect(Collectors.toSet());
    }

    /** POI's temporary files in the test's folder, the deflated rows' files linked to a full disk. */
    private final class DeflatedRowsTo implements TempFileCreationStrategy {

        private final Path device;
        private final TempFileCreationStrategy others = new DefaultTempFileCreationStrategy(poiTemp.toFile());
        private int links;

        DeflatedRowsTo(Path device) {
            this.device = device;
        }

        @Override
        public File createTempFile(String prefix, String suffix) throws IOException {
            if (suffix.endsWith(".deflate")) {
                return Files.createSymbolicLink(poiTemp.resolve(prefix + ++links + suffix), device).toFile();
            }
            return others.createTempFile(prefix, suffix);
        }

        @Override
        public File createTempDirectory(String prefix) throws IOException {
            return others.createTempDirectory(prefix);
        }
    }
}
