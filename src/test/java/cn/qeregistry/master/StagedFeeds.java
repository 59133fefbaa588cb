package cn.qeregistry.master;

import cn.qeregistry.core.CreditCode;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Deliveries and staged rows written straight into intake's tables (delivery STAGED, stg_*), as the
 * intake steps leave them, so the master step can be tested on its own.
 */
final class StagedFeeds {

    private final JdbcClient jdbc;

    StagedFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A fresh valid credit code registered in Wuhan (division 420100), unlikely to collide across tests. */
    static String newCode() {
        String body = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String first17 = "91420100" + body + CreditCode.organisationCheckChar(body);
        return first17 + (char) CreditCode.checkCharFor(first17);
    }

    long delivery(String feed, String period) {
        String sha = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        return jdbc.sql("""
                insert into delivery (feed, file_name, sha256, size_bytes, period, status)
                values (?, ?, ?, 1, ?, 'STAGED') returning id""")
                .params(feed, feed + "-" + period + "-" + sha.substring(0, 6) + ".xlsx", sha, period)
                .query(Long.class).single();
    }

    /** Marks {@code older} SUPERSEDED by {@code newer}, as intake does for a new delivery of the same feed and period. */
    void supersede(long older, long newer) {
        jdbc.sql("update delivery set status = 'SUPERSEDED', superseded_by = ? where id = ?").params(newer, older).update();
    }

    void market(long delivery, int row, String uscc, String name, String region) {
        jdbc.sql("""
                insert into stg_market (delivery_id, row_no, sheet, uscc, name, legal_rep, registration_status, established_on,
                                        registered_capital, industry_code, region_code, abnormal_operations, serious_dishonest)
                values (?, ?, null, ?, ?, '张三', '存续', ?, 5000000.00, 'C3670', ?, false, false)""")
                .params(delivery, row, uscc, name, LocalDate.of(2015, 3, 1), region).update();
    }

    void tax(long delivery, int row, String uscc, String name, int year, String revenue, String grade) {
        jdbc.sql("""
                insert into stg_tax (delivery_id, row_no, sheet, uscc, name, fiscal_year, revenue, main_business_revenue,
                                     rd_expense, total_assets, total_liabilities, tax_paid, tax_credit_grade)
                values (?, ?, ?, ?, ?, ?, ?, ?, 1000000.00, 90000000.00, 30000000.00, 800000.00, ?)""")
                .params(delivery, row, year + "年度", uscc, name, year, new BigDecimal(revenue),
                        new BigDecimal(revenue).multiply(new BigDecimal("0.8")), grade).update();
    }

    void science(long delivery, int row, String uscc, String name, int class1Ip) {
        jdbc.sql("""
                insert into stg_science (delivery_id, row_no, uscc, name, hnte_cert_no, hnte_valid_until, class1_ip,
                                         invention_patents, rd_staff, total_staff, provincial_rd_centre)
                values (?, ?, ?, ?, 'GR202342000123', ?, ?, 1, 12, 60, true)""")
                .params(delivery, row, uscc, name, LocalDate.of(2026, 12, 31), class1Ip).update();
    }

    void finance(long delivery, int row, String uscc, String name, int year, String equity) {
        jdbc.sql("""
                insert into stg_finance (delivery_id, row_no, uscc, name, fiscal_year, listing_status, equity_financing)
                values (?, ?, ?, ?, ?, '未上市', ?)""")
                .params(delivery, row, uscc, name, year, new BigDecimal(equity)).update();
    }

    void registry(long delivery, int row, String uscc, String name, String tier, String region) {
        jdbc.sql("""
                insert into stg_registry (delivery_id, row_no, uscc, name, tier, level, recognised_year, batch, valid_until,
                                          region_code)
                values (?, ?, ?, ?, ?, 'PROVINCIAL', 2023, '第一批', ?, ?)""")
                .params(delivery, row, uscc, name, tier, LocalDate.of(2026, 12, 31), region).update();
    }
}
