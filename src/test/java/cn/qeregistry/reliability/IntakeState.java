package cn.qeregistry.reliability;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.QeHome;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The intake tables and folders of a test home, emptied and read back. */
final class IntakeState {

    private IntakeState() {
    }

    static void reset(JdbcClient jdbc, Path home) throws IOException {
        jdbc.sql("truncate delivery, stg_market, stg_tax, stg_science, stg_finance, stg_registry, intake_reject cascade").update();
        QeHome qeHome = new QeHome(home);
        for (Feed feed : Feed.values()) {
            empty(qeHome.inbox(feed.code()));
            empty(qeHome.archive(feed.code()));
        }
    }

    static void empty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
    }

    /** One delivery row as the tests look at it. */
    record Delivery(long id, String fileName, String status, long read, long staged, long rejected, long repeated, String message) {
    }

    static List<Delivery> deliveries(JdbcClient jdbc, String feed) {
        return jdbc.sql("""
                        select id, file_name, status, rows_read, rows_staged, rows_rejected, rows_repeated, message
                        from delivery where feed = ? order by id""")
                .param(feed)
                .query((rs, n) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8)))
                .list();
    }

    /** Each reject as a person reads it: file [sheet] row N column C: reason. */
    static List<String> rejects(JdbcClient jdbc, long deliveryId) {
        return jdbc.sql("""
                        select d.file_name, r.sheet, r.row_no, r.column_name, r.reason
                        from intake_reject r join delivery d on d.id = r.delivery_id
                        where r.delivery_id = ? order by r.row_no""")
                .param(deliveryId)
                .query((rs, n) -> rs.getString(1) + (rs.getString(2) == null ? "" : " [" + rs.getString(2) + "]")
                        + " row " + rs.getInt(3) + " column " + rs.getString(4) + ": " + rs.getString(5))
                .list();
    }
}
