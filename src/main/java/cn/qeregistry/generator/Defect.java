package cn.qeregistry.generator;

import cn.qeregistry.core.Feed;

/**
 * A defect the generator injects into one firm's rows, with the feed it lands in. Each is recorded
 * in the truth: rejects in expected-rejects.csv, every kind in expected-exceptions.csv.
 * Defects go to firms that hold no tier, so the review truth stays about the holders' real data;
 * market defects go to firms that no other feed mentions, so they cause nothing downstream.
 */
public enum Defect {
    MARKET_BAD_CHECK_CHAR(Feed.MARKET, 0.005),
    MARKET_MISSING_NAME(Feed.MARKET, 0.001),
    MARKET_BAD_DATE(Feed.MARKET, 0.001),
    MARKET_BAD_STATUS(Feed.MARKET, 0.001),
    MARKET_DUPLICATE(Feed.MARKET, 0.001),
    /** Same row twice, byte for byte: staged once, no exception. */
    MARKET_EXACT_REPEAT(Feed.MARKET, 0.001),
    TAX_BAD_CHECK_CHAR(Feed.TAX, 0.003),
    TAX_MISSING_YEAR(Feed.TAX, 0.001),
    TAX_BAD_NUMBER(Feed.TAX, 0.002),
    TAX_BAD_GRADE(Feed.TAX, 0.001),
    TAX_DUPLICATE(Feed.TAX, 0.002),
    TAX_NAME_CONFLICT(Feed.TAX, 0.003),
    TAX_UNMATCHED(Feed.TAX, 0.002),
    SCIENCE_MISSING_CODE(Feed.SCIENCE, 0.0005),
    SCIENCE_BAD_DATE(Feed.SCIENCE, 0.001),
    SCIENCE_BAD_NUMBER(Feed.SCIENCE, 0.001),
    SCIENCE_DUPLICATE(Feed.SCIENCE, 0.001),
    SCIENCE_NAME_CONFLICT(Feed.SCIENCE, 0.002),
    SCIENCE_UNMATCHED(Feed.SCIENCE, 0.001),
    FINANCE_MISSING_YEAR(Feed.FINANCE, 0.0005),
    FINANCE_BAD_STATUS(Feed.FINANCE, 0.0005),
    FINANCE_DUPLICATE(Feed.FINANCE, 0.0005),
    FINANCE_UNMATCHED(Feed.FINANCE, 0.0005),
    REGISTRY_BAD_TIER(Feed.REGISTRY, 0.0003),
    REGISTRY_MISSING_TIER(Feed.REGISTRY, 0.0002),
    REGISTRY_DUPLICATE(Feed.REGISTRY, 0.0003),
    REGISTRY_UNMATCHED(Feed.REGISTRY, 0.0003);

    private final Feed feed;
    private final double defaultRate;

    Defect(Feed feed, double defaultRate) {
        this.feed = feed;
        this.defaultRate = defaultRate;
    }

    public Feed feed() {
        return feed;
    }

    /** Share of all firms that get this defect by default. */
    public double defaultRate() {
        return defaultRate;
    }
}
