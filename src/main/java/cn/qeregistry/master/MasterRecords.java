package cn.qeregistry.master;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.master.GoldenRecord.Change;
import cn.qeregistry.master.GoldenRecord.Lineage;
import cn.qeregistry.master.GoldenRecord.TierHolding;
import cn.qeregistry.master.GoldenRecord.Value;
import cn.qeregistry.master.MasterSchema.Attribute;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Read access to the golden records for the console, the review and the reports. */
@Component
public class MasterRecords {

    private final JdbcClient jdbc;

    public MasterRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The golden record of a credit code (normalised first: full-width, blanks, case), if it is registered. */
    public Optional<GoldenRecord> find(String creditCode) {
        String uscc = CreditCode.normalise(creditCode);
        if (uscc == null || uscc.length() != 18) {
            return Optional.empty();
        }
        Optional<Map<String, String>> row = jdbc.sql("select " + texts(MasterSchema.RECORD)
                        + " from enterprise where uscc = ?::char(18)").param(uscc)
                .query((rs, n) -> values(rs, MasterSchema.RECORD)).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Lineage> lineage = lineage(uscc);
        Map<String, Value> attributes = new LinkedHashMap<>();
        row.get().forEach((attribute, value) -> attributes.put(attribute, new Value(value, lineage.get(key(attribute, 0)))));
        SortedMap<Integer, Map<String, Value>> years = new TreeMap<>();
        jdbc.sql("select fiscal_year, " + texts(MasterSchema.YEAR) + " from enterprise_year_fact where uscc = ?::char(18)")
                .param(uscc).query(rs -> {
                    int year = rs.getInt("fiscal_year");
                    Map<String, Value> facts = new LinkedHashMap<>();
                    values(rs, MasterSchema.YEAR).forEach((attribute, value) ->
                            facts.put(attribute, new Value(value, lineage.get(key(attribute, year)))));
                    years.put(year, facts);
                });
        List<TierHolding> tiers = jdbc.sql("""
                        select tier, level, recognised_year, batch, valid_until, main_product from tier_holding
                        where uscc = ?::char(18) order by tier""").param(uscc)
                .query((rs, n) -> new TierHolding(rs.getString("tier"), rs.getString("level"),
                        (Integer) rs.getObject("recognised_year"), rs.getString("batch"),
                        rs.getObject("valid_until", LocalDate.class), rs.getString("main_product"),
                        lineage.get(key("tier:" + rs.getString("tier"), 0)))).list();
        List<Change> history = jdbc.sql("""
                        select attribute, fiscal_year, old_value, new_value, job_execution_id, changed_at
                        from attribute_history where uscc = ?::char(18) order by changed_at desc, id desc""").param(uscc)
                .query((rs, n) -> new Change(rs.getString("attribute"), rs.getInt("fiscal_year"), rs.getString("old_value"),
                        rs.getString("new_value"), (Long) rs.getObject("job_execution_id"),
                        rs.getObject("changed_at", OffsetDateTime.class))).list();
        return Optional.of(new GoldenRecord(uscc, attributes, years, tiers, history));
    }

    private Map<String, Lineage> lineage(String uscc) {
        Map<String, Lineage> lineage = new HashMap<>();
        jdbc.sql("""
                select l.attribute, l.fiscal_year, l.feed, l.delivery_id, d.file_name, l.sheet, l.row_no, l.as_of
                from attribute_lineage l join delivery d on d.id = l.delivery_id where l.uscc = ?::char(18)""")
                .param(uscc).query(rs -> {
                    lineage.put(key(rs.getString("attribute"), rs.getInt("fiscal_year")), new Lineage(rs.getString("feed"),
                            rs.getLong("delivery_id"), rs.getString("file_name"), rs.getString("sheet"),
                            (Integer) rs.getObject("row_no"), rs.getObject("as_of", LocalDate.class)));
                });
        return lineage;
    }

    private static String key(String attribute, int fiscalYear) {
        return attribute + "@" + fiscalYear;
    }

    private static String texts(List<Attribute> attributes) {
        return attributes.stream().map(a -> a.column() + "::text as " + a.column()).collect(Collectors.joining(", "));
    }

    private static Map<String, String> values(ResultSet rs, List<Attribute> attributes) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            values.put(attribute.column(), rs.getString(attribute.column()));
        }
        return values;
    }
}
