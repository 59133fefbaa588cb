package cn.qeregistry.review.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fixed words a rule may use: the inputs of the master record and the functions over them.
 * Nothing else can be named, so a rule file can compute but never run code.
 */
public final class Vocabulary {

    /** Where an input's value comes from. */
    public enum Source {
        /** The enterprise's golden record (table enterprise). */
        FIRM,
        /** A fiscal-year fact (enterprise_year_fact), written {@code name@Y}, {@code name@Y-1}, … */
        YEAR,
        /** The tier holding under review (tier_holding). */
        HOLDING,
        /** The review itself: {@code D} is the review date. */
        REVIEW
    }

    public record Input(String name, Type type, Source source) {
        public boolean yearly() {
            return source == Source.YEAR;
        }
    }

    public enum Function {
        /** Whole years from a date to the review date (Period.between(date, D).getYears()). */
        YEARS_SINCE("years_since", Type.NUMBER, Type.DATE),
        /** Days from the review date to a date (negative when the date is past). */
        DAYS_UNTIL("days_until", Type.NUMBER, Type.DATE),
        /** (now − before) / before: the growth rate of a year over the year before; unknown when before ≤ 0. */
        GROWTH("growth", Type.NUMBER, Type.NUMBER, Type.NUMBER),
        /** Arithmetic mean of its arguments. */
        MEAN("mean", Type.NUMBER, Type.NUMBER),
        /** The GB/T 4754 division of an industry code: its first three characters (C3670 → C36). */
        DIVISION("division", Type.TEXT, Type.TEXT),
        /** True when the enterprise holds the named tier (a tier code in quotes). */
        HOLDS("holds", Type.BOOLEAN, Type.TEXT);

        private final String word;
        private final Type result;
        private final List<Type> parameters;

        Function(String word, Type result, Type... parameters) {
            this.word = word;
            this.result = result;
            this.parameters = List.of(parameters);
        }

        public String word() {
            return word;
        }

        public Type result() {
            return result;
        }

        public List<Type> parameters() {
            return parameters;
        }

        /** mean takes one or more numbers; the others exactly their parameters. */
        public boolean variadic() {
            return this == MEAN;
        }
    }

    private static final Map<String, Input> INPUTS = List.of(
            new Input("registration_status", Type.TEXT, Source.FIRM),
            new Input("established_on", Type.DATE, Source.FIRM),
            new Input("industry_code", Type.TEXT, Source.FIRM),
            new Input("region_code", Type.TEXT, Source.FIRM),
            new Input("abnormal_operations", Type.BOOLEAN, Source.FIRM),
            new Input("serious_dishonest", Type.BOOLEAN, Source.FIRM),
            new Input("hnte_valid_until", Type.DATE, Source.FIRM),
            new Input("class1_ip", Type.NUMBER, Source.FIRM),
            new Input("invention_patents", Type.NUMBER, Source.FIRM),
            new Input("rd_staff", Type.NUMBER, Source.FIRM),
            new Input("total_staff", Type.NUMBER, Source.FIRM),
            new Input("provincial_rd_centre", Type.BOOLEAN, Source.FIRM),
            new Input("listing_status", Type.TEXT, Source.FIRM),
            new Input("revenue", Type.NUMBER, Source.YEAR),
            new Input("main_business_revenue", Type.NUMBER, Source.YEAR),
            new Input("rd_expense", Type.NUMBER, Source.YEAR),
            new Input("total_assets", Type.NUMBER, Source.YEAR),
            new Input("total_liabilities", Type.NUMBER, Source.YEAR),
            new Input("tax_paid", Type.NUMBER, Source.YEAR),
            new Input("tax_credit_grade", Type.TEXT, Source.YEAR),
            new Input("equity_financing", Type.NUMBER, Source.YEAR),
            new Input("tier", Type.TEXT, Source.HOLDING),
            new Input("level", Type.TEXT, Source.HOLDING),
            new Input("valid_until", Type.DATE, Source.HOLDING),
            new Input("recognised_year", Type.NUMBER, Source.HOLDING),
            new Input("D", Type.DATE, Source.REVIEW)
    ).stream().collect(Collectors.toUnmodifiableMap(Input::name, java.util.function.Function.identity()));

    private static final Map<String, Function> FUNCTIONS = Arrays.stream(Function.values())
            .collect(Collectors.toUnmodifiableMap(Function::word, java.util.function.Function.identity()));

    private Vocabulary() {
    }

    public static Optional<Input> input(String name) {
        return Optional.ofNullable(INPUTS.get(name));
    }

    public static Optional<Function> function(String word) {
        return Optional.ofNullable(FUNCTIONS.get(word));
    }

    public static java.util.Set<String> inputNames() {
        return new java.util.TreeSet<>(INPUTS.keySet());
    }
}
