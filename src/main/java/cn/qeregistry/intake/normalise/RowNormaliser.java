package cn.qeregistry.intake.normalise;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FieldSpec;
import cn.qeregistry.intake.read.ColumnLayout;
import cn.qeregistry.intake.read.RawRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a raw row into the staged values of its feed (text in the staging columns' formats: money
 * in 元 with two decimals, ISO dates, vocabulary codes), or lists every problem it has.
 */
public final class RowNormaliser {

    private static final BigDecimal MAX_MONEY = new BigDecimal("1E18");
    private static final BigDecimal MAX_INTEGER = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final FeedMapping mapping;
    private final Set<String> creditCodeAllowList;
    private final Supplier<LocalDate> clock;
    private LocalDate today;

    public RowNormaliser(FeedMapping mapping, Set<String> creditCodeAllowList, Supplier<LocalDate> clock) {
        this.mapping = mapping;
        this.creditCodeAllowList = creditCodeAllowList;
        this.clock = clock;
    }

    /** Staged values by mapping field, or the problems. */
    public record Result(String[] values, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result normalise(RawRow row, ColumnLayout layout) {
        today = clock.get();
        List<FieldSpec> fields = mapping.fields();
        String[] values = new String[fields.size()];
        BigDecimal[] numbers = new BigDecimal[fields.size()];
        List<Problem> problems = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            FieldSpec spec = fields.get(f);
            String raw = row.cell(layout.columns()[f]);
            String fault = CellFaults.of(raw);
            if (fault != null) {
                problems.add(new Problem(spec.name(), layout.headerOfField(f), CellFaults.printable(raw), "cell",
                        layout.headerOfField(f) + " " + fault));
                continue;
            }
            String cleaned = Text.clean(raw);
            if (cleaned == null) {
                if (spec.required()) {
                    problems.add(new Problem(spec.name(), layout.headerOfField(f), raw, "required",
                            layout.headerOfField(f) + " is required but empty"));
                }
                continue;
            }
            Cell cell = new Cell(spec, layout.headerOfField(f), raw, problems);
            switch (spec.type()) {
                case TEXT -> values[f] = cell.length(cleaned);
                case CODE -> values[f] = cell.length(Text.compact(cleaned).toUpperCase(Locale.ROOT));
                case CREDIT_CODE -> values[f] = creditCode(cell, cleaned);
                case DIGITS -> values[f] = digits(cell, Text.compact(cleaned));
                case INTEGER, YEAR, MONEY, DECIMAL -> {
                    numbers[f] = number(cell, cleaned, layout.factors()[f]);
                    values[f] = numbers[f] == null ? null : numbers[f].toPlainString();
                }
                case DATE -> values[f] = date(cell, cleaned, row.date1904());
                case ENUM -> values[f] = vocabulary(cell, cleaned);
            }
        }
        for (int f = 0; f < fields.size(); f++) {
            FieldSpec.Bound bound = fields.get(f).atMost();
            if (bound == null || numbers[f] == null) {
                continue;
            }
            BigDecimal other = numbers[mapping.indexOf(bound.field())];
            if (other != null && numbers[f].compareTo(other.multiply(bound.factor())) > 0) {
                problems.add(new Problem(fields.get(f).name(), layout.headerOfField(f), row.cell(layout.columns()[f]), "range",
                        layout.headerOfField(f) + " " + numbers[f].toPlainString() + " exceeds " + bound + " = "
                                + other.multiply(bound.factor()).stripTrailingZeros().toPlainString()));
            }
        }
        return new Result(values, problems);
    }

    private String creditCode(Cell cell, String cleaned) {
        String code = CreditCode.normalise(cleaned);
        if (creditCodeAllowList.contains(code)) {
            return code;
        }
        String problem = CreditCode.problem(code);
        return problem == null ? code : cell.fail("credit_code", "invalid credit code " + code + ": " + problem);
    }

    private String digits(Cell cell, String text) {
        boolean allDigits = !text.isEmpty();
        for (int i = 0; i < text.length() && allDigits; i++) {
            allDigits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!allDigits || text.length() != cell.spec.length()) {
            return cell.fail("format", cell.column + " must be " + cell.spec.length() + " digits, got '" + text + "'");
        }
        return text;
    }

    private BigDecimal number(Cell cell, String cleaned, BigDecimal factor) {
        FieldSpec spec = cell.spec;
        String text = cleaned;
        if (spec.type() == cn.qeregistry.intake.mapping.FieldType.YEAR && (text.endsWith("年") || text.endsWith("年度"))) {
            text = text.substring(0, text.indexOf('年'));
        }
        BigDecimal value = Numbers.parse(text);
        if (value == null) {
            cell.fail("number", cell.column + " is not a number: '" + cleaned + "'");
            return null;
        }
        if (value.precision() - value.scale() > 19 || value.scale() > 30) {
            // before any arithmetic: 1E999999999 would overflow or fill the heap when scaled or printed
            cell.fail("range", cell.column + " " + cleaned + " is not a plausible number (too large or too many decimals)");
            return null;
        }
        switch (spec.type()) {
            case INTEGER, YEAR -> {
                if (value.stripTrailingZeros().scale() > 0) {
                    cell.fail("number", cell.column + " must be a whole number, got '" + cleaned + "'");
                    return null;
                }
                value = value.setScale(0, RoundingMode.UNNECESSARY);
                if (value.abs().compareTo(MAX_INTEGER) > 0) {
                    cell.fail("range", cell.column + " " + cleaned + " is too large to be plausible");
                    return null;
                }
            }
            case MONEY -> value = value.multiply(factor).setScale(2, RoundingMode.HALF_UP);
            default -> {
            }
        }
        if (value.abs().compareTo(MAX_MONEY) >= 0) {
            cell.fail("range", cell.column + " " + cleaned + " is too large to be plausible");
            return null;
        }
        if (spec.min() != null && value.compareTo(spec.min()) < 0) {
            cell.fail("range", cell.column + " " + cleaned + " is below the minimum " + spec.min().toPlainString()
                    + (spec.min().signum() == 0 ? " (cannot be negative)" : ""));
            return null;
        }
        if (spec.max() != null && value.compareTo(spec.max()) > 0) {
            cell.fail("range", cell.column + " " + cleaned + " is above the maximum " + spec.max().toPlainString());
            return null;
        }
        if (spec.notAfterToday() && value.intValue() > today.getYear()) {
            cell.fail("range", cell.column + " " + cleaned + " is in the future");
            return null;
        }
        return value;
    }

    private String date(Cell cell, String cleaned, boolean date1904) {
        Dates.Parsed parsed = Dates.parse(Text.compact(cleaned), mapping.dateForms(), date1904);
        if (parsed.date() == null) {
            return cell.fail("date", cell.column + ": " + parsed.problem());
        }
        if (cell.spec.notAfterToday() && parsed.date().isAfter(today)) {
            return cell.fail("range", cell.column + " " + parsed.date() + " is in the future");
        }
        return parsed.date().toString();
    }

    private String vocabulary(Cell cell, String cleaned) {
        String staged = cell.spec.vocabulary().get(Text.word(cleaned));
        if (staged == null) {
            return cell.fail("enum", cell.column + " '" + cleaned + "' is not one of " + cell.spec.vocabularyName()
                    + " (" + cell.spec.vocabulary().keySet().stream().sorted().limit(12).collect(java.util.stream.Collectors.joining("/"))
                    + (cell.spec.vocabulary().size() > 12 ? "/…" : "") + ")");
        }
        return staged;
    }

    /** One cell being normalised: where its problems go. */
    private final class Cell {
        final FieldSpec spec;
        final String column;
        final String raw;
        final List<Problem> problems;

        Cell(FieldSpec spec, String column, String raw, List<Problem> problems) {
            this.spec = spec;
            this.column = column;
            this.raw = raw;
            this.problems = problems;
        }

        String length(String text) {
            if (spec.maxLength() != null && text.length() > spec.maxLength()) {
                return fail("length", column + " is longer than " + spec.maxLength() + " characters");
            }
            return text;
        }

        String fail(String rule, String reason) {
            problems.add(new Problem(spec.name(), column, raw, rule, reason));
            return null;
        }
    }
}
