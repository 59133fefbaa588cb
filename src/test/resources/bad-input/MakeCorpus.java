// Writes the bad-input corpus into this folder. CSVs are written byte by byte (encodings, line ends);
// workbooks where real software matters are converted by LibreOffice (soffice --headless), the rest
// (merged and hidden cells, 1904 dates, formulas without results, error cells, encryption) by POI.
// Run from the project root with the test classpath (then update cases.csv if a case changes):
//   ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
//   java -cp "$(cat target/cp.txt)" src/test/resources/bad-input/MakeCorpus.java
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

public class MakeCorpus {

    static final Path DIR = Path.of("src/test/resources/bad-input");
    static final String ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] W = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    static final String[] MARKET = "统一社会信用代码,企业名称,法定代表人,企业类型,登记状态,成立日期,注册资本(万元),行业代码,登记机关,住所,所属区划代码,列入经营异常名录,列入严重违法失信名单".split(",");
    static final String[] TAX = "纳税人识别号,纳税人名称,所属年度,营业收入(万元),主营业务收入(万元),研发费用(万元),资产总额(万元),负债总额(万元),纳税总额(万元),纳税信用级别".split(",");

    /** A valid credit code for n (body 91420300MB…, check character per GB 32100). */
    static String code(int n) {
        String digits = String.format("%06d", n);
        StringBuilder body = new StringBuilder("91420300MB4");
        for (char c : digits.toCharArray()) body.append("ABCDEFGHJK".charAt(c - '0'));
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += ALPHA.indexOf(body.charAt(i)) * W[i];
        return body.append(ALPHA.charAt((31 - sum % 31) % 31)).toString();
    }

    static String[] market(int n) {
        return new String[]{code(n), "十堰测试" + n + "有限公司", "张三", "有限责任公司", "存续", "2015-03-01", "100", "C3670",
                "十堰市市场监督管理局", "十堰市茅箭区", "420302", "否", "否"};
    }

    static String[] with(String[] row, int column, String value) {
        String[] copy = row.clone();
        copy[column] = value;
        return copy;
    }

    /** Good rows padding a file so its one bad row stays under the feed's 5 % reject threshold. */
    static List<String[]> padding(int from, int count) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) rows.add(market(from + i));
        return rows;
    }

    static String csvLine(String[] row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row) {
            boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
            cells.add(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return String.join(",", cells);
    }

    static void csv(String name, Charset charset, byte[] bom, String eol, List<String[]> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bom);
        for (String[] row : rows) out.write((csvLine(row) + eol).getBytes(charset));
        Files.write(DIR.resolve(name), out.toByteArray());
    }

    static List<String[]> rows(String[] header, List<String[]> data) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(data);
        return all;
    }

    static void write(XSSFWorkbook workbook, String name) throws Exception {
        try (OutputStream out = Files.newOutputStream(DIR.resolve(name))) {
            workbook.write(out);
        }
        workbook.close();
    }

    static void fill(XSSFSheet sheet, int firstRow, List<String[]> rows) {
        for (int r = 0; r < rows.size(); r++) {
            XSSFRow row = sheet.createRow(firstRow + r);
            for (int c = 0; c < rows.get(r).length; c++) row.createCell(c).setCellValue(rows.get(r)[c]);
        }
    }

    /** A CSV converted by LibreOffice: real third-party workbooks; "=..." cells become formulas with results. */
    static void soffice(String csvName, String format, String outName) throws Exception {
        Path tmp = Files.createTempDirectory("corpus");
        Path source = tmp.resolve(csvName);
        Files.copy(DIR.resolve(csvName), source);
        Process p = new ProcessBuilder("soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", format,
                "--outdir", tmp.toString(), source.toString()).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("soffice failed for " + csvName);
        String base = csvName.substring(0, csvName.lastIndexOf('.'));
        String extension = format.contains(":") ? format.substring(0, format.indexOf(':')) : format;
        Files.move(tmp.resolve(base + "." + extension), DIR.resolve(outName), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(source);
        Files.delete(tmp);
    }

    public static void main(String[] args) throws Exception {
        Charset gb18030 = Charset.forName("GB18030");
        Charset gbk = Charset.forName("GBK");
        byte[] none = new byte[0];

        Files.write(DIR.resolve("empty-0-bytes.csv"), new byte[0]);
        csv("header-only.csv", gb18030, none, "\r\n", List.<String[]>of(MARKET));
        Files.writeString(DIR.resolve("blank-lines-only.csv"), "\r\n,,,\r\n \u3000 ,\r\n\r\n");
        csv("header-not-found.csv", gb18030, none, "\r\n", rows(with(MARKET, 4, "经营状态"), padding(1, 3)));
        List<String[]> dupHeader = new ArrayList<>();
        dupHeader.add(Arrays.copyOf(MARKET, 14));
        dupHeader.get(0)[13] = "企业名称";
        for (String[] row : padding(1, 3)) { String[] r = Arrays.copyOf(row, 14); r[13] = "另一个名称" + r[1]; dupHeader.add(r); }
        csv("duplicate-headers.csv", gb18030, none, "\r\n", dupHeader);

        // numbers stored as text with thousands separators (and full-width), all 100 万元 … 1,234,567.5 万元
        List<String[]> numbers = padding(100, 3);
        numbers.set(0, with(numbers.get(0), 6, "1,200"));
        numbers.set(1, with(numbers.get(1), 6, "１，２３４，５６７．５"));
        numbers.set(2, with(numbers.get(2), 6, " 3,500.50\u3000"));
        csv("thousands-separators.csv", gb18030, none, "\r\n", rows(MARKET, numbers));

        List<String[]> fullwidth = padding(200, 2);
        String fw = code(200).chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0))).reduce("", String::concat);
        fullwidth.set(0, with(with(with(fullwidth.get(0), 0, fw + "\u3000"), 10, "４２０３０２"), 5, "２０１５－０３－０１"));
        csv("fullwidth-digits.csv", gb18030, none, "\r\n", rows(MARKET, fullwidth));

        // every date form; the last row has an impossible date (row 9, 成立日期)
        String[] forms = {"2022-03-01", "2022/3/1", "2022年3月1日", "20220301", "44621", "2022.3.1", "２０２２年３月１日"};
        List<String[]> dates = new ArrayList<>();
        for (int i = 0; i < forms.length; i++) dates.add(with(market(300 + i), 5, forms[i]));
        dates.add(with(market(310), 5, "2022-02-30"));
        dates.addAll(padding(320, 40));
        csv("dates-every-form.csv", gb18030, none, "\r\n", rows(MARKET, dates));

        String rare = "湖北𠮷祥（十堰）有限公司"; // 𠮷: a 4-byte GB18030 character GBK does not have
        csv("encoding-gb18030.csv", gb18030, none, "\r\n", rows(MARKET, List.of(with(market(400), 1, rare), market(401))));
        csv("encoding-gbk.csv", gbk, none, "\r\n", rows(MARKET, List.of(with(market(410), 1, "湖北鑫淼垚有限公司"), market(411))));
        csv("encoding-utf8.csv", StandardCharsets.UTF_8, none, "\n", rows(MARKET, List.of(with(market(420), 1, rare), market(421))));
        csv("encoding-utf8-bom.csv", StandardCharsets.UTF_8, new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "\r\n",
                rows(MARKET, List.of(with(market(430), 1, rare), market(431))));
        csv("encoding-utf16le-bom.csv", StandardCharsets.UTF_16LE, new byte[]{(byte) 0xFF, (byte) 0xFE}, "\r\n",
                rows(MARKET, List.of(with(market(440), 1, rare), market(441))));
        csv("encoding-utf16be-bom.csv", StandardCharsets.UTF_16BE, new byte[]{(byte) 0xFE, (byte) 0xFF}, "\r\n",
                rows(MARKET, List.of(with(market(450), 1, rare), market(451))));
        csv("encoding-utf16le-no-bom.csv", StandardCharsets.UTF_16LE, none, "\r\n", rows(MARKET, List.<String[]>of(market(460))));

        // CRLF, LF and CR mixed; the bad row (no name) starts on line 5
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.write((csvLine(MARKET) + "\r\n" + csvLine(market(500)) + "\n" + csvLine(market(501)) + "\r"
                + csvLine(market(502)) + "\r\n" + csvLine(with(market(503), 1, "")) + "\n").getBytes(gb18030));
        for (String[] row : padding(510, 40)) mixed.write((csvLine(row) + "\r").getBytes(gb18030));
        Files.write(DIR.resolve("mixed-line-endings.csv"), mixed.toByteArray());

        // quoted cells with line breaks: the bad row after them starts on line 8
        List<String[]> embedded = new ArrayList<>();
        embedded.add(with(market(600), 9, "十堰市\n茅箭区\n二堰街道"));
        embedded.add(with(market(601), 1, "十堰\"引号\"有限公司"));
        embedded.add(with(market(602), 9, "十堰市,张湾区\r\n车城路"));
        embedded.add(with(market(603), 4, "营业中"));
        embedded.addAll(padding(610, 40));
        csv("embedded-newlines.csv", gb18030, none, "\r\n", rows(MARKET, embedded));

        List<String[]> huge = new ArrayList<>();
        huge.add(with(market(700), 9, "住".repeat(32_767)));
        huge.addAll(padding(710, 40));
        csv("huge-cell-32767.csv", gb18030, none, "\r\n", rows(MARKET, huge));

        // control characters: BEL and ESC in a name (row 2), a NUL beyond the first 4 KB (row 43)
        List<String[]> control = new ArrayList<>();
        control.add(with(market(800), 1, "十堰\u0007测试\u001B有限公司"));
        control.addAll(padding(810, 40));
        control.add(with(market(801), 3, "有限\u0000责任公司"));
        csv("control-characters.csv", gb18030, none, "\r\n", rows(MARKET, control));

        csv("csv-renamed.xlsx", gb18030, none, "\r\n", rows(MARKET, List.<String[]>of(market(900))));

        // LibreOffice workbooks: an .xls renamed .xlsx; formulas with cached results (and error results)
        csv("lo-source.csv", StandardCharsets.UTF_8, none, "\n", rows(MARKET, padding(1000, 3)));
        soffice("lo-source.csv", "xls:MS Excel 97", "xls-renamed.xlsx");
        List<String[]> formulas = padding(1100, 42);
        formulas.set(0, with(formulas.get(0), 6, "=100*12"));
        formulas.set(1, with(formulas.get(1), 1, "=\"十堰\"&\"公式有限公司\""));
        formulas.set(2, with(formulas.get(2), 1, "=NA()"));
        formulas.set(3, with(formulas.get(3), 6, "=1/0"));
        csv("lo-formulas.csv", StandardCharsets.UTF_8, none, "\n", rows(MARKET, formulas));
        soffice("lo-formulas.csv", "xlsx:Calc MS Excel 2007 XML", "formulas-cached-libreoffice.xlsx");
        soffice("lo-formulas.csv", "xls:MS Excel 97", "formulas-cached-libreoffice.xls");
        Files.delete(DIR.resolve("lo-source.csv"));
        Files.delete(DIR.resolve("lo-formulas.csv"));

        // POI workbooks
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("Sheet1");
            fill(sheet, 0, rows(TAX, List.of()));
            write(wb, "tax-2025-wrong-sheet.xlsx");
        }
        XSSFWorkbook hidden = new XSSFWorkbook();
        fill(hidden.createSheet("旧表"), 0, List.<String[]>of(new String[]{"作废数据，请勿读取"}));
        fill(hidden.createSheet("企业"), 0, rows(MARKET, padding(1200, 3)));
        hidden.setSheetHidden(0, true);
        hidden.setActiveSheet(1);
        write(hidden, "hidden-sheet.xlsx");

        XSSFWorkbook merged = new XSSFWorkbook();
        XSSFSheet ms = merged.createSheet("企业");
        XSSFRow group = ms.createRow(0);
        group.createCell(0).setCellValue("基本信息");
        group.createCell(6).setCellValue("登记信息");
        ms.addMergedRegion(new CellRangeAddress(0, 0, 0, 5));
        ms.addMergedRegion(new CellRangeAddress(0, 0, 6, 12));
        fill(ms, 1, rows(MARKET, padding(1300, 3)));
        write(merged, "merged-header-cells.xlsx");

        XSSFWorkbook twoRow = new XSSFWorkbook();
        XSSFSheet ts = twoRow.createSheet("企业");
        XSSFRow top = ts.createRow(0);
        XSSFRow second = ts.createRow(1);
        for (int c = 0; c < 11; c++) {
            top.createCell(c).setCellValue(MARKET[c]);
            ts.addMergedRegion(new CellRangeAddress(0, 1, c, c));
        }
        top.createCell(11).setCellValue("失信情况");
        ts.addMergedRegion(new CellRangeAddress(0, 0, 11, 12));
        second.createCell(11).setCellValue(MARKET[11]);
        second.createCell(12).setCellValue(MARKET[12]);
        fill(ts, 2, padding(1400, 3));
        write(twoRow, "two-row-header.xlsx");

        // formulas saved without results (POI writes no cached value): row 3 注册资本, row 4 企业名称
        XSSFWorkbook noCache = new XSSFWorkbook();
        XSSFSheet ns = noCache.createSheet("企业");
        fill(ns, 0, rows(MARKET, padding(1500, 42)));
        ns.getRow(2).removeCell(ns.getRow(2).getCell(6));
        ns.getRow(2).createCell(6).setCellFormula("100*12");
        ns.getRow(3).removeCell(ns.getRow(3).getCell(1));
        ns.getRow(3).createCell(1).setCellFormula("\"十堰\"&\"无结果有限公司\"");
        write(noCache, "formulas-without-cached-values.xlsx");

        // error cells typed in as errors: row 2 企业名称 #N/A, row 3 注册资本 #DIV/0!
        XSSFWorkbook errors = new XSSFWorkbook();
        XSSFSheet es = errors.createSheet("企业");
        fill(es, 0, rows(MARKET, padding(1600, 42)));
        es.getRow(1).getCell(1).setCellErrorValue(FormulaError.NA);
        es.getRow(2).getCell(6).setCellErrorValue(FormulaError.DIV0);
        write(errors, "error-cells.xlsx");

        // 1904 date system: real date cells and one text serial; all must read as 2015-03-01
        XSSFWorkbook mac = new XSSFWorkbook();
        (mac.getCTWorkbook().isSetWorkbookPr() ? mac.getCTWorkbook().getWorkbookPr() : mac.getCTWorkbook().addNewWorkbookPr()).setDate1904(true);
        XSSFSheet dsheet = mac.createSheet("企业");
        fill(dsheet, 0, rows(MARKET, padding(1700, 3)));
        var dateStyle = mac.createCellStyle();
        dateStyle.setDataFormat(mac.createDataFormat().getFormat("yyyy-mm-dd"));
        for (int r = 1; r <= 2; r++) {
            dsheet.getRow(r).getCell(5).setCellValue(LocalDate.of(2015, 3, 1));
            dsheet.getRow(r).getCell(5).setCellStyle(dateStyle);
        }
        dsheet.getRow(3).getCell(5).setCellValue(String.valueOf(42064 - 1462)); // 2015-03-01 as a 1904 serial typed as text
        write(mac, "dates-1904-system.xlsx");

        XSSFWorkbook plain = new XSSFWorkbook();
        fill(plain.createSheet("企业"), 0, rows(MARKET, padding(1800, 3)));
        ByteArrayOutputStream plainBytes = new ByteArrayOutputStream();
        plain.write(plainBytes);
        plain.close();
        Files.write(DIR.resolve("password-protected.xlsx"), encrypted(plainBytes.toByteArray()));
        Files.write(DIR.resolve("corrupt-zip.xlsx"), Arrays.copyOf(plainBytes.toByteArray(), plainBytes.size() / 2));
        Files.write(DIR.resolve("zip-bomb.xlsx"), zipBomb(plainBytes.toByteArray()));
    }

    static byte[] encrypted(byte[] workbook) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(workbook)); OutputStream os = encryptor.getDataStream(fs)) {
                pkg.save(os);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    /** The workbook with 50 MB of blanks in its sheet XML: a few KB compressed. */
    static byte[] zipBomb(byte[] workbook) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
                    zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1 << 20];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < 50; i++) zip.write(blanks);
                    zip.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
