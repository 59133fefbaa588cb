package cn.qeregistry.exceptions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the register: filtered pages of items, one item, and an item's follow-up history. */
@Component
public class ExceptionRegister {

    private final JdbcClient jdbc;

    public ExceptionRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of items matching {@code filter}, newest problems first within severity order. */
    public List<ExceptionItem> list(ExceptionFilter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = filter.where("e", params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + ExceptionItem.COLUMNS + " from exception_item e" + where
                        + " order by case e.severity when 'ERROR' then 0 when 'WARN' then 1 else 2 end, e.last_seen desc, e.id"
                        + " limit ? offset ?")
                .params(params).query((rs, n) -> ExceptionItem.from(rs)).list();
    }

    public long count(ExceptionFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where("e", params);
        return jdbc.sql("select count(*) from exception_item e" + where).params(params).query(Long.class).single();
    }

    public Optional<ExceptionItem> find(long id) {
        return jdbc.sql("select " + ExceptionItem.COLUMNS + " from exception_item where id = ?")
                .param(id).query((rs, n) -> ExceptionItem.from(rs)).optional();
    }

    /** The status changes of an item, oldest first. */
    public List<FollowUpEntry> history(long id) {
        return jdbc.sql("select id, exception_id, from_status, to_status, actor, at, note from exception_follow_up"
                        + " where exception_id = ? order by at, id")
                .param(id)
                .query((rs, n) -> new FollowUpEntry(rs.getLong("id"), rs.getLong("exception_id"),
                        rs.getString("from_status") == null ? null : ExceptionStatus.valueOf(rs.getString("from_status")),
                        ExceptionStatus.valueOf(rs.getString("to_status")), rs.getString("actor"),
                        rs.getObject("at", OffsetDateTime.class), rs.getString("note")))
                .list();
    }
}
