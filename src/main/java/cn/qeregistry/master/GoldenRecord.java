package cn.qeregistry.master;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the master knows about one enterprise: every attribute with where its value came from, the
 * facts per fiscal year, the tiers it holds and what changed, newest change first. Values are text as
 * stored (dates ISO, money in 元 with two decimals, booleans true/false).
 */
public record GoldenRecord(String uscc, Map<String, Value> attributes, SortedMap<Integer, Map<String, Value>> years,
                           List<TierHolding> tiers, List<Change> history) {

    /** An attribute's value, and its lineage (null when no feed supplied one). */
    public record Value(String value, Lineage lineage) {
    }

    /** The staged row a value came from: feed, delivery (and its file), sheet, row, as-of date. */
    public record Lineage(String feed, long deliveryId, String fileName, String sheet, Integer rowNo, LocalDate asOf) {
    }

    public record TierHolding(String tier, String level, Integer recognisedYear, String batch, LocalDate validUntil,
                              String mainProduct, Lineage lineage) {
    }

    /** One value changed by one run ({@code fiscalYear} 0 for whole-record attributes; tiers as {@code tier:<code>}). */
    public record Change(String attribute, int fiscalYear, String oldValue, String newValue, Long jobExecutionId,
                         OffsetDateTime changedAt) {
    }

    /** The value of a whole-record attribute, or null. */
    public String value(String attribute) {
        Value value = attributes.get(attribute);
        return value == null ? null : value.value();
    }
}
