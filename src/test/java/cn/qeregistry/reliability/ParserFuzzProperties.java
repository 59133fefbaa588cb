package cn.qeregistry.reliability;

import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FieldSpec;
import cn.qeregistry.intake.mapping.MappingParser;
import cn.qeregistry.intake.normalise.Problem;
import cn.qeregistry.intake.normalise.RowNormaliser;
import cn.qeregistry.intake.read.BadFileException;
import cn.qeregistry.intake.read.ColumnLayout;
import cn.qeregistry.intake.read.HeaderLocator;
import cn.qeregistry.intake.read.MappedRows;
import cn.qeregistry.intake.read.RawRow;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random mutations of valid input never make intake throw anything but a row's problems or a
 * {@link BadFileException} (a clear file error): not the CSV reader on mutated bytes, not the
 * .xlsx reader on mutated sheet XML, not the normaliser of any feed on mutated cells.
 */
class ParserFuzzProperties {

    static final Path CORPUS = Path.of("src/test/resources/bad-input");
    static final Path WORK = Path.of("target/fuzz");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final AtomicLong INPUTS = new AtomicLong();
    static final FeedMapping MARKET = MappingParser.parse(Path.of("mappings/market.yml"));

    /** Cell texts departments and accidents produce. */
    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789,.-+eE 年月日/ＯＡ１２３（）#%".toCharArray()).ofMaxLength(25),
                Arbitraries.of("", " ", "\u3000", "#N/A", "#DIV/0!", "1E999999999", "-1E999999999", "1E-999999999", "9".repeat(400),
                        "NaN", "Infinity", "0x1F", "2022-02-30", "99999999", "0.5", "-0", "2958466", "是", "否", "A", "存续",
                        "专精特新\"小巨人\"企业", "国家级", RawRow.UNCALCULATED + "SUM(A1)", "\u0000", "a\u0007b", "\uD800", "𠮷".repeat(300)),
                Arbitraries.strings().ofMinLength(300).ofMaxLength(40_000).withChars('住'));
    }

    @Provide
    Arbitrary<String> feeds() {
        return Arbitraries.of("market", "tax", "science", "finance", "registry");
    }

    @Property(tries = 3000)
    void theNormaliserOfEveryFeedListsProblemsAndNeverThrows(@ForAll("feeds") String feed,
                                                            @ForAll("cellLists") List<String> cells) {
        FeedMapping mapping = MappingParser.parse(Path.of("mappings/" + feed + ".yml"));
        String[] header = mapping.fields().stream().map(f -> f.headers().get(0)).toArray(String[]::new);
        ColumnLayout layout = new HeaderLocator(mapping).tryHeader(feed + ".xlsx", new RawRow("表", 1, header, false));
        String[] row = new String[header.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = cells.get(i % cells.size());
        }
        RowNormaliser.Result result = new RowNormaliser(mapping, Set.of(), () -> TODAY).normalise(new RawRow("表", 2, row, false), layout);
        INPUTS.incrementAndGet();
        for (Problem problem : result.problems()) {
            assertThat(problem.column()).isNotBlank();
            assertThat(problem.reason()).isNotBlank();
            assertThat(problem.field()).isNotBlank();
        }
        if (result.ok()) {
            for (int f = 0; f < mapping.fields().size(); f++) {
                FieldSpec spec = mapping.fields().get(f);
                if (spec.required()) {
                    assertThat(result.values()[f]).as(spec.name()).isNotNull();
                }
            }
        }
    }

    @Provide
    Arbitrary<List<String>> cellLists() {
        return cells().list().ofMinSize(1).ofMaxSize(13);
    }

    /** A mutation of a byte array: insert, delete or replace at a position, with bytes that matter to parsers. */
    record Mutation(int kind, double at, byte value) {
        byte[] apply(byte[] input) {
            int i = input.length == 0 ? 0 : (int) (at * input.length) % input.length;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(input, 0, i);
            switch (kind) {
                case 0 -> out.write(value);
                case 1 -> {
                    // delete: skip one byte
                    if (i < input.length) {
                        i++;
                    }
                }
                default -> {
                    out.write(value);
                    if (i < input.length) {
                        i++;
                    }
                }
            }
            out.write(input, i, input.length - i);
            return out.toByteArray();
        }
    }

    @Provide
    Arbitrary<List<Mutation>> byteMutations() {
        Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of((byte) '"', (byte) ',', (byte) '\r', (byte) '\n', (byte) 0, (byte) 0xEF, (byte) 0xFF, (byte) 0x81));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1), bytes)
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 400)
    void theCsvReaderOnMutatedBytesGivesRowsOrAFileError(@ForAll("csvFiles") String file, @ForAll("byteMutations") List<Mutation> mutations)
            throws IOException {
        byte[] bytes = Files.readAllBytes(CORPUS.resolve(file));
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        readEverything(bytes, "fuzz.csv");
    }

    @Provide
    Arbitrary<String> csvFiles() {
        return Arbitraries.of("dates-every-form.csv", "embedded-newlines.csv", "encoding-utf8-bom.csv", "encoding-utf16le-bom.csv",
                "thousands-separators.csv", "mixed-line-endings.csv");
    }

    /** A mutation of sheet XML text: a token replaced, inserted or a span deleted. */
    record XmlMutation(int kind, double at, String token) {
        String apply(String xml) {
            int i = (int) (at * xml.length());
            return switch (kind) {
                case 0 -> xml.substring(0, i) + token + xml.substring(i);
                case 1 -> xml.substring(0, i) + xml.substring(Math.min(xml.length(), i + token.length() + 1));
                default -> {
                    int quote = xml.indexOf('"', i);
                    int close = quote < 0 ? -1 : xml.indexOf('"', quote + 1);
                    yield close < 0 ? xml : xml.substring(0, quote + 1) + token + xml.substring(close);
                }
            };
        }
    }

    @Provide
    Arbitrary<List<XmlMutation>> xmlMutations() {
        Arbitrary<String> tokens = Arbitraries.oneOf(
                Arbitraries.of("ZZZZZZ1", "XFE1", "A0", "A-1", "A2147483648", "s", "e", "str", "inlineStr", "b", "n", "d", "-1", "99999",
                        "1E999999999", "<v>1E999999999</v>", "<v>", "</v>", "<c r=\"B2\" t=\"s\"><v>999999</v></c>", "<row>", "</row>",
                        "<f>SUM(A1)</f>", "&amp;", "&#0;", "<![CDATA[x]]>", "<is><t>文本</t></is>", "\u0000"),
                Arbitraries.strings().ofMaxLength(8));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1), tokens)
                .as(XmlMutation::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void theXlsxReaderOnMutatedSheetXmlGivesRowsOrAFileError(@ForAll("xlsxFiles") String file,
                                                             @ForAll("xmlMutations") List<XmlMutation> mutations) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(CORPUS.resolve(file))));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (entry.getName().startsWith("xl/worksheets/sheet")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    for (XmlMutation mutation : mutations) {
                        xml = mutation.apply(xml);
                    }
                    content = xml.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        readEverything(out.toByteArray(), "fuzz.xlsx");
    }

    @Example
    void aCellBeyondColumnXfdIsAFileErrorNotAnOutOfMemoryError() throws IOException {
        byte[] workbook = Files.readAllBytes(CORPUS.resolve("merged-header-cells.xlsx"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = new String(content, StandardCharsets.UTF_8).replace("r=\"B3\"", "r=\"ZZZZZZ3\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        Path file = Files.write(Files.createDirectories(WORK).resolve("far-column.xlsx"), out.toByteArray());
        try (MappedRows rows = MappedRows.open(file, "far-column.xlsx", MARKET)) {
            assertThatThrownBy(() -> {
                while (rows.next() != null) {
                    INPUTS.incrementAndGet();
                }
            }).isInstanceOf(BadFileException.class)
                    .hasMessage("far-column.xlsx: sheet \"企业\" row 3: cell reference ZZZZZZ3 lies beyond the last spreadsheet column XFD; "
                            + "the file was not written by a spreadsheet program");
        }
    }

    @Provide
    Arbitrary<String> xlsxFiles() {
        return Arbitraries.of("merged-header-cells.xlsx", "formulas-cached-libreoffice.xlsx", "dates-1904-system.xlsx", "error-cells.xlsx");
    }

    /** Reads and normalises every row as the intake step would; only a BadFileException may end it early. */
    private static void readEverything(byte[] bytes, String name) throws IOException {
        Files.createDirectories(WORK);
        Path file = Files.write(WORK.resolve(Thread.currentThread().getId() + "-" + name), bytes);
        RowNormaliser normaliser = new RowNormaliser(MARKET, Set.of(), () -> TODAY);
        INPUTS.incrementAndGet();
        try (MappedRows rows = MappedRows.open(file, name, MARKET)) {
            for (MappedRows.Row row; (row = rows.next()) != null; ) {
                normaliser.normalise(row.raw(), row.layout());
            }
        } catch (BadFileException expected) {
            assertThat(expected.getMessage()).startsWith(name);
        } catch (UncheckedIOException e) {
            throw new AssertionError("unexpected", e);
        }
    }
}
