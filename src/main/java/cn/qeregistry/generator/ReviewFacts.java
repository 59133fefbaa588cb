package cn.qeregistry.generator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the feeds say about one registered tier holder, in 元 and as staged (null = not delivered).
 * Built by the generator from its model and by tests from the re-read files, so the truth can be
 * checked against the data it describes.
 *
 * @param years   fiscal year → that year's tax facts; a year missing from the map was not delivered
 * @param science the science feed's row, or null when the firm has none
 * @param equity  fiscal year → equity financing in 元; absent years count as 0 (the feed is exhaustive)
 */
public record ReviewFacts(String registrationStatus, LocalDate establishedOn, Boolean abnormal, Boolean dishonest,
                          String industryCode, Map<Integer, YearFacts> years, ScienceFacts science,
                          Map<Integer, BigDecimal> equity, List<Holding> holdings) {

    /** One fiscal year of the tax feed; any field may be null (blank cell). */
    public record YearFacts(BigDecimal revenue, BigDecimal mainRevenue, BigDecimal rdExpense, BigDecimal assets,
                            BigDecimal liabilities, String creditGrade) {
    }

    /** The science feed's counts; any may be null (blank cell). */
    public record ScienceFacts(Integer classOneIp, Integer rdStaff, Integer totalStaff) {
    }

    public YearFacts year(int fiscalYear) {
        return years.get(fiscalYear);
    }

    public BigDecimal equityOf(int fiscalYear) {
        return equity.getOrDefault(fiscalYear, BigDecimal.ZERO);
    }
}
