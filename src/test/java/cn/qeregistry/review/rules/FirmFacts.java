package cn.qeregistry.review.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Facts of one holding built by hand for rule tests; numbers are given in 元 as text or long. */
final class FirmFacts implements Facts {

    private final LocalDate reviewDate;
    private final Map<String, Object> firm = new HashMap<>();
    private final Map<String, Object> years = new HashMap<>();
    private final Map<String, Object> holding = new HashMap<>();
    private final Set<String> held = new HashSet<>();

    private FirmFacts(LocalDate reviewDate) {
        this.reviewDate = reviewDate;
    }

    static FirmFacts on(String reviewDate) {
        return new FirmFacts(LocalDate.parse(reviewDate));
    }

    FirmFacts firm(String input, Object value) {
        firm.put(input, convert(value));
        return this;
    }

    FirmFacts year(int fiscalYear, String input, Object value) {
        years.put(input + "@" + fiscalYear, convert(value));
        return this;
    }

    FirmFacts holding(String tier, String level, String validUntil) {
        holding.put("tier", tier);
        holding.put("level", level);
        holding.put("valid_until", validUntil == null ? null : LocalDate.parse(validUntil));
        held.add(tier);
        return this;
    }

    FirmFacts alsoHolds(String tier) {
        held.add(tier);
        return this;
    }

    private static Object convert(Object value) {
        if (value instanceof Number n) {
            return Num.of(new BigDecimal(n.toString()));
        }
        if (value instanceof String s && s.matches("-?\\d+(\\.\\d+)?")) {
            return Num.of(new BigDecimal(s));
        }
        if (value instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return LocalDate.parse(s);
        }
        return value;
    }

    @Override
    public LocalDate reviewDate() {
        return reviewDate;
    }

    @Override
    public Object firm(String input) {
        return firm.get(input);
    }

    @Override
    public Object year(String input, int fiscalYear) {
        return years.get(input + "@" + fiscalYear);
    }

    @Override
    public Object holding(String input) {
        return holding.get(input);
    }

    @Override
    public boolean holds(String tier) {
        return held.contains(tier);
    }
}
