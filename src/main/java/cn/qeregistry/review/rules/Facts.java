package cn.qeregistry.review.rules;

import java.time.LocalDate;

/**
 * What a rule can see of one tier holding: the enterprise, its fiscal-year facts, the holding and
 * the review date. Values are {@link Num}, String, Boolean or LocalDate; null when unknown.
 */
public interface Facts {

    LocalDate reviewDate();

    Object firm(String input);

    Object year(String input, int fiscalYear);

    Object holding(String input);

    boolean holds(String tier);

    /** "Last year" (上年度): the fiscal year before the review date. */
    default int lastYear() {
        return reviewDate().getYear() - 1;
    }
}
