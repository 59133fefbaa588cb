package cn.qeregistry.generator;

import cn.qeregistry.core.CreditCode;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How departments really write values: full-width characters, U+3000 and trailing blanks, numbers
 * stored as text with thousands separators, four date forms. Every form here is one intake must
 * normalise, never a defect; the deliberate defects live in {@link FirmFactory}.
 */
final class Forms {

    private Forms() {
    }

    static String fullWidth(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '!' && c <= '~') {
                out.append((char) (c + 0xFEE0));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A credit code as a clerk typed it: mostly plain, sometimes full-width, padded or lower-case. */
    static String code(String code, Dice f) {
        double u = f.unit();
        if (u < 0.90) {
            return code;
        }
        if (u < 0.95) {
            return fullWidth(code);
        }
        if (u < 0.98) {
            return "\u3000" + code + " ";
        }
        return code.toLowerCase(java.util.Locale.ROOT);
    }

    /** A name in a feed other than market: half-width brackets, stray U+3000 or trailing blanks. */
    static String otherFeedName(String name, Dice f) {
        String out = name;
        if (f.chance(0.3)) {
            out = out.replace('（', '(').replace('）', ')');
        }
        if (f.chance(0.03)) {
            out = out + "\u3000";
        } else if (f.chance(0.03)) {
            out = out + "  ";
        }
        return out;
    }

    /** A registered firm's recorded name under a different legal form: a real CONFLICT. */
    static String conflictingName(String name) {
        if (name.endsWith("有限责任公司")) {
            return name.substring(0, name.length() - 6) + "有限公司";
        }
        if (name.endsWith("股份有限公司")) {
            return name.substring(0, name.length() - 6) + "有限公司";
        }
        return name.substring(0, name.length() - 4) + "有限责任公司";
    }

    static String dateText(LocalDate d, int form) {
        return switch (form) {
            case 0 -> d.toString();
            case 1 -> d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
            default -> d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
        };
    }

    /** A date as text in one of the three forms (CSV) or, in a workbook, often an Excel date cell. */
    static Object date(LocalDate d, Dice f, boolean workbook) {
        if (d == null) {
            return null;
        }
        if (workbook && f.chance(0.45)) {
            return d;
        }
        double u = f.unit();
        return dateText(d, u < 0.55 ? 0 : u < 0.8 ? 1 : 2);
    }

    /** A date no parser may accept: month 13 or day 32 in one of the usual forms. */
    static String badDate(int year, Dice f) {
        return f.pick(year + "-13-08", year + "/13/8", year + "年3月32日");
    }

    /** An amount as a numeric cell, or as text (plain or with thousands separators). */
    static Object number(BigDecimal value, Dice f) {
        double u = f.unit();
        if (u < 0.85) {
            return value;
        }
        if (u < 0.95) {
            return value.toPlainString();
        }
        return withThousands(value);
    }

    static Object integer(int value, Dice f) {
        return f.chance(0.9) ? Integer.valueOf(value) : Integer.toString(value);
    }

    static String withThousands(BigDecimal value) {
        String plain = value.toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot);
        StringBuilder out = new StringBuilder();
        int start = whole.startsWith("-") ? 1 : 0;
        for (int i = start; i < whole.length(); i++) {
            if (i > start && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        return (start == 1 ? "-" : "") + out + fraction;
    }

    /** Money in 元 as the file's unit shows it: 万元 with up to two decimals, or whole 元. */
    static BigDecimal inUnit(long yuan, boolean inYuan) {
        if (inYuan) {
            return BigDecimal.valueOf(yuan);
        }
        BigDecimal wan = BigDecimal.valueOf(yuan).movePointLeft(4).stripTrailingZeros();
        return wan.scale() < 0 ? wan.setScale(0) : wan;
    }

    /** The code with a wrong check character (the first 17 stay valid). */
    static String withBadCheckChar(String code, Dice f) {
        int index = CreditCode.ALPHABET.indexOf(code.charAt(17));
        char wrong = CreditCode.ALPHABET.charAt((index + f.between(1, 30)) % 31);
        return code.substring(0, 17) + wrong;
    }
}
