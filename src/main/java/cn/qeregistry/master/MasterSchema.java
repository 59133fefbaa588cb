package cn.qeregistry.master;

import cn.qeregistry.core.Feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the golden record and of the staged feeds as the schema (V3) defines them: what
 * survivorship rules may name, and how a value is typed when it moves from a staged row to the record.
 */
final class MasterSchema {

    /** What a value is, for checking that a source can feed an attribute. */
    enum Kind { TEXT, NUMBER, DATE, BOOLEAN }

    /** A column of the golden record with its SQL type. */
    record Attribute(String column, String sqlType, Kind kind) {
    }

    static final List<Attribute> RECORD = List.of(
            text("name"), text("legal_rep"), text("enterprise_type"), text("registration_status"),
            new Attribute("established_on", "date", Kind.DATE), money("registered_capital"),
            new Attribute("industry_code", "varchar(8)", Kind.TEXT), new Attribute("region_code", "char(6)", Kind.TEXT),
            text("address"), bool("abnormal_operations"), bool("serious_dishonest"),
            new Attribute("tax_credit_grade", "varchar(2)", Kind.TEXT), text("hnte_cert_no"),
            new Attribute("hnte_valid_until", "date", Kind.DATE), count("class1_ip"), count("invention_patents"),
            count("rd_staff"), count("total_staff"), bool("provincial_rd_centre"), text("listing_status"),
            text("stock_code"));

    static final List<Attribute> YEAR = List.of(
            money("revenue"), money("main_business_revenue"), money("rd_expense"), money("total_assets"),
            money("total_liabilities"), money("tax_paid"), new Attribute("tax_credit_grade", "varchar(2)", Kind.TEXT),
            money("equity_financing"), text("listing_status"));

    /** The value columns of each staging table (keys, sheet and row excluded). */
    static final Map<Feed, Map<String, Kind>> STAGED = new LinkedHashMap<>();

    static {
        STAGED.put(Feed.MARKET, columns("name", Kind.TEXT, "legal_rep", Kind.TEXT, "enterprise_type", Kind.TEXT,
                "registration_status", Kind.TEXT, "established_on", Kind.DATE, "registered_capital", Kind.NUMBER,
                "industry_code", Kind.TEXT, "registration_authority", Kind.TEXT, "address", Kind.TEXT,
                "region_code", Kind.TEXT, "abnormal_operations", Kind.BOOLEAN, "serious_dishonest", Kind.BOOLEAN));
        STAGED.put(Feed.TAX, columns("name", Kind.TEXT, "revenue", Kind.NUMBER, "main_business_revenue", Kind.NUMBER,
                "rd_expense", Kind.NUMBER, "total_assets", Kind.NUMBER, "total_liabilities", Kind.NUMBER,
                "tax_paid", Kind.NUMBER, "tax_credit_grade", Kind.TEXT));
        STAGED.put(Feed.SCIENCE, columns("name", Kind.TEXT, "hnte_cert_no", Kind.TEXT, "hnte_issued_on", Kind.DATE,
                "hnte_valid_until", Kind.DATE, "tech_sme_no", Kind.TEXT, "class1_ip", Kind.NUMBER,
                "invention_patents", Kind.NUMBER, "rd_staff", Kind.NUMBER, "total_staff", Kind.NUMBER,
                "provincial_rd_centre", Kind.BOOLEAN));
        STAGED.put(Feed.FINANCE, columns("name", Kind.TEXT, "listing_status", Kind.TEXT, "stock_code", Kind.TEXT,
                "equity_financing", Kind.NUMBER));
        STAGED.put(Feed.REGISTRY, columns("name", Kind.TEXT, "level", Kind.TEXT, "recognised_year", Kind.NUMBER,
                "batch", Kind.TEXT, "valid_until", Kind.DATE, "region_code", Kind.TEXT, "main_product", Kind.TEXT));
    }

    private MasterSchema() {
    }

    /** Feeds whose rows are per firm and fiscal year. */
    static boolean yearKeyed(Feed feed) {
        return feed == Feed.TAX || feed == Feed.FINANCE;
    }

    static String stagingTable(Feed feed) {
        return "stg_" + feed.code();
    }

    private static Attribute text(String column) {
        return new Attribute(column, "text", Kind.TEXT);
    }

    private static Attribute money(String column) {
        return new Attribute(column, "numeric(20, 2)", Kind.NUMBER);
    }

    private static Attribute count(String column) {
        return new Attribute(column, "integer", Kind.NUMBER);
    }

    private static Attribute bool(String column) {
        return new Attribute(column, "boolean", Kind.BOOLEAN);
    }

    private static Map<String, Kind> columns(Object... pairs) {
        Map<String, Kind> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return map;
    }
}
