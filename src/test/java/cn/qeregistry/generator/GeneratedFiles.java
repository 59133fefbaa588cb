package cn.qeregistry.generator;

import cn.qeregistry.core.CreditCode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side reading of a generated province, written independently of the generator: a small
 * CSV parser, POI for both workbook formats, and the normalisation rules of CONTRACTS.md.
 */
final class GeneratedFiles {

    private GeneratedFiles() {
    }

    /** One source row: where it is and its cells (String, BigDecimal for numeric cells, LocalDate for date cells). */
    record SourceLine(String file, String sheet, int rowNo, List<Object> cells) {
        Object cell(int i) {
            return i < cells.size() ? cells.get(i) : null;
        }

        boolean blank() {
            return cells.stream().allMatch(c -> text(c) == null);
        }
    }

    /** A CSV file's records with their physical line numbers (header = line 1). */
    static List<SourceLine> csv(Path file, Charset charset) throws IOException {
        String content = Files.readString(file, charset);
        List<SourceLine> lines = new ArrayList<>();
        List<Object> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordStart = 1;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                // CRLF: the \n ends the record
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                lines.add(new SourceLine(file.getFileName().toString(), "", recordStart, List.copyOf(fields)));
                fields.clear();
                line++;
                recordStart = line;
            } else {
                field.append(c);
            }
        }
        return lines;
    }

    /** Every row of every sheet, 1-based row numbers, absent rows left out. */
    static List<SourceLine> workbook(Path file) throws IOException {
        List<SourceLine> lines = new ArrayList<>();
        try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    List<Object> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(value(row.getCell(c)));
                    }
                    lines.add(new SourceLine(file.getFileName().toString(), sheet.getSheetName(), row.getRowNum() + 1, cells));
                }
            }
        }
        return lines;
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate();
            }
            return BigDecimal.valueOf(cell.getNumericCellValue());
        }
        if (cell.getCellType() == CellType.STRING) {
            return cell.getStringCellValue();
        }
        return null;
    }

    // ------------------------------------------------------------------ normalisation per CONTRACTS.md

    /** NFKC and trimmed (U+3000 included); null when nothing is left. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        String s = Normalizer.normalize(value.toString(), Normalizer.Form.NFKC).strip();
        return s.isEmpty() ? null : s;
    }

    static String code(Object value) {
        String t = text(value);
        return t == null ? null : CreditCode.normalise(t);
    }

    /** A name compared across feeds: NFKC, whitespace removed, brackets of either width alike. */
    static String nameKey(Object value) {
        String t = text(value);
        return t == null ? null : t.replaceAll("\\s", "").replace('（', '(').replace('）', ')');
    }

    /** Thrown when a present value does not parse. */
    static final class Unparseable extends RuntimeException {
        Unparseable(String message) {
            super(message);
        }
    }

    static BigDecimal number(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        String t = text(value);
        if (t == null) {
            return null;
        }
        String plain = t.replace(",", "");
        if (!plain.matches("-?\\d+(\\.\\d+)?")) {
            throw new Unparseable("not a number: " + t);
        }
        return new BigDecimal(plain);
    }

    private static final Pattern SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");

    static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        String t = text(value);
        if (t == null) {
            return null;
        }
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t, DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));
            }
            for (Pattern p : List.of(SLASH, CHINESE)) {
                Matcher m = p.matcher(t);
                if (m.matches()) {
                    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                }
            }
        } catch (java.time.DateTimeException e) {
            throw new Unparseable("not a date: " + t);
        }
        throw new Unparseable("not a date: " + t);
    }

    static Boolean yesNo(Object value) {
        String t = text(value);
        if (t == null) {
            return null;
        }
        return switch (t) {
            case "是" -> true;
            case "否" -> false;
            default -> throw new Unparseable("not 是/否: " + t);
        };
    }

    static final List<String> STATUSES = List.of("存续", "在业", "在营", "开业", "在册", "吊销", "注销", "迁出", "停业");
    static final List<String> GRADES = List.of("A", "B", "M", "C", "D");
    static final List<String> LISTINGS = List.of("上市", "新三板挂牌", "区域股权市场挂牌", "辅导备案", "上市后备库", "未上市");
    static final Map<String, String> TIERS = Map.of("创新型中小企业", "INNOVATIVE_SME", "专精特新中小企业", "SRDI_SME",
            "专精特新\"小巨人\"企业", "LITTLE_GIANT", "小巨人企业", "LITTLE_GIANT", "制造业单项冠军企业", "SINGLE_CHAMPION",
            "单项冠军", "SINGLE_CHAMPION", "产业链领航企业", "CHAIN_LEADER");
    static final Map<String, String> LEVELS = Map.of("国家级", "NATIONAL", "省级", "PROVINCIAL");
}
