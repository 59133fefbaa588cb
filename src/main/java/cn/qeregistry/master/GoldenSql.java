package cn.qeregistry.master;

import cn.qeregistry.core.Feed;
import cn.qeregistry.master.Survivorship.Rule;
import cn.qeregistry.master.Survivorship.Source;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that applies the survivorship rules to the current rows ({@link CurrentRows}), generated
 * from the rules. A golden table holds, per attribute, the value ({@code a}), the feed it came from
 * ({@code a__src}) and, for attributes two feeds may disagree on, each feed's value
 * ({@code a__<feed>}); per feed, where its row is ({@code <feed>__delivery}, {@code __sheet},
 * {@code __row}, {@code __as_of}).
 */
final class GoldenSql {

    static final List<Feed> RECORD_FEEDS = List.of(Feed.values());
    static final List<Feed> YEAR_FEEDS = List.of(Feed.TAX, Feed.FINANCE);

    private GoldenSql() {
    }

    /** {@code golden_ent}: the golden record of every touched code with a current registration (market) row. */
    static String goldenRecord(List<Rule> rules) {
        return "create unlogged table golden_ent as select market.code::char(18) as uscc, "
                + columns(rules, RECORD_FEEDS)
                + " from cur_market market"
                + RECORD_FEEDS.stream().filter(feed -> feed != Feed.MARKET)
                .map(feed -> " left join cur_" + feed.code() + " " + feed.code() + " on " + feed.code() + ".code = market.code")
                .collect(Collectors.joining());
    }

    /** {@code golden_year}: the facts per registered firm and fiscal year any per-year feed reports. */
    static String goldenYear(List<Rule> rules) {
        return "create unlogged table golden_year as select g.uscc, k.fiscal_year, "
                + columns(rules, YEAR_FEEDS)
                + " from (" + YEAR_FEEDS.stream().map(feed -> "select code, fiscal_year from cur_" + feed.code() + "_year")
                .collect(Collectors.joining(" union ")) + ") k"
                + " join golden_ent g on g.uscc = k.code::char(18)"
                + YEAR_FEEDS.stream().map(feed -> " left join cur_" + feed.code() + "_year " + feed.code() + " on "
                        + feed.code() + ".code = k.code and " + feed.code() + ".fiscal_year = k.fiscal_year")
                .collect(Collectors.joining());
    }

    /** {@code (values ('a', old.a::text, new.a::text), …) as v(attribute, old_value, new_value)}. */
    static String changes(List<Rule> rules, String old, String current) {
        return "(values " + rules.stream()
                .map(rule -> "('" + rule.column() + "', " + old + "." + rule.column() + "::text, " + current + "."
                        + rule.column() + "::text)")
                .collect(Collectors.joining(", ")) + ") as v(attribute, old_value, new_value)";
    }

    /**
     * Per feed, the row it came from and the attributes it won, for every record of {@code table} the
     * feed won something in: {@code uscc, fiscal_year, feed, delivery_id, sheet, row_no, as_of, attributes}.
     * One scan per feed (a lateral VALUES list over all feeds measured four times slower).
     */
    static String lineageRows(List<Rule> rules, List<Feed> feeds, String table, String fiscalYear) {
        return feeds.stream()
                .filter(feed -> rules.stream().anyMatch(rule -> offers(rule, feed)))
                .map(feed -> "select * from (select g.uscc, " + fiscalYear + " as fiscal_year, '" + feed.code() + "' as feed, g."
                        + feed.code() + "__delivery as delivery_id, g." + feed.code() + "__sheet as sheet, g." + feed.code()
                        + "__row as row_no, g." + feed.code() + "__as_of as as_of, " + wonBy(rules, feed)
                        + " as attributes from " + table + " g) r where cardinality(r.attributes) > 0")
                .collect(Collectors.joining(" union all "));
    }

    private static boolean offers(Rule rule, Feed feed) {
        return rule.sources().stream().anyMatch(source -> source.feed() == feed);
    }

    private static String wonBy(List<Rule> rules, Feed feed) {
        return "array_remove(array[" + rules.stream().filter(rule -> offers(rule, feed))
                .map(rule -> "case when g." + rule.column() + "__src = '" + feed.code() + "' then '" + rule.column() + "' end")
                .collect(Collectors.joining(", ")) + "], null)::text[]";
    }

    /** The lineage field ({@code delivery}, {@code sheet}, {@code row}, {@code as_of}) of the feed named by {@code feedExpr}. */
    static String lineage(List<Feed> feeds, String golden, String feedExpr, String field) {
        return "case " + feedExpr + feeds.stream()
                .map(feed -> " when '" + feed.code() + "' then " + golden + "." + feed.code() + "__" + field)
                .collect(Collectors.joining()) + " end";
    }

    /** A JSON source of an issue: feed, delivery, sheet, row and the value it reported. */
    static String source(String feedExpr, String deliveryId, String sheet, String rowNo, String value) {
        return "jsonb_build_object('feed', " + feedExpr + ", 'delivery_id', " + deliveryId + ", 'sheet', " + sheet
                + ", 'row_no', " + rowNo + ", 'value', " + value + ")";
    }

    private static String columns(List<Rule> rules, List<Feed> feeds) {
        StringBuilder sql = new StringBuilder();
        for (Rule rule : rules) {
            String type = rule.attribute().sqlType();
            List<String> typed = rule.sources().stream().map(source -> source.expression() + "::" + type).toList();
            sql.append(typed.size() == 1 ? typed.get(0) : "coalesce(" + String.join(", ", typed) + ")")
                    .append(" as ").append(rule.column()).append(", case");
            for (Source source : rule.sources()) {
                sql.append(" when ").append(source.expression()).append(" is not null then '")
                        .append(source.feed().code()).append("'");
            }
            sql.append(" end as ").append(rule.column()).append("__src, ");
            if (rule.comparesFeeds()) {
                for (Source source : rule.sources()) {
                    sql.append(source.expression()).append("::").append(type).append(" as ").append(rule.column())
                            .append("__").append(source.feed().code()).append(", ");
                }
            }
        }
        return sql + feeds.stream().map(GoldenSql::rowColumns).collect(Collectors.joining(", "));
    }

    private static String rowColumns(Feed feed) {
        String f = feed.code();
        return f + ".delivery_id as " + f + "__delivery, " + f + ".sheet as " + f + "__sheet, " + f + ".row_no as " + f
                + "__row, " + f + ".as_of as " + f + "__as_of";
    }
}
