package cn.qeregistry.review;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One registered enterprise holding at least one tier, with everything its rules may read: the
 * golden record, the fiscal-year facts Y-2..Y, its holdings and where each attribute came from.
 */
record FirmUnderReview(String uscc, Map<String, Object> firm, Map<Integer, Map<String, Object>> years,
                       List<Holding> holdings, Map<String, Source> lineage) {

    /** A tier holding (tier_holding row) and the registry row it came from. */
    record Holding(String tier, String level, Map<String, Object> values, Long deliveryId, Integer rowNo) {
    }

    /** Where one attribute came from (attribute_lineage). */
    record Source(String feed, Long deliveryId, String sheet, Integer rowNo, LocalDate asOf) {
    }

    static String lineageKey(String attribute, int fiscalYear) {
        return attribute + "@" + fiscalYear;
    }
}
