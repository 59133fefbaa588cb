package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.QeHome;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test helpers: fixture files, an empty intake state, delivery counts. */
final class IntakeFixtures {

    static final Path DIR = Path.of("src/test/resources/intake");
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private IntakeFixtures() {
    }

    /** The credit codes of the fixtures (make-fixtures.py): valid, or with a wrong check character. */
    static String code(int n) {
        String digits = String.format("%06d", n);
        StringBuilder body = new StringBuilder("91420100MA4");
        for (char c : digits.toCharArray()) {
            body.append("ABCDEFGHJK".charAt(c - '0'));
        }
        return body.toString() + (char) cn.qeregistry.core.CreditCode.checkCharFor(body);
    }

    static void reset(JdbcClient jdbc) throws IOException {
        jdbc.sql("truncate delivery, stg_market, stg_tax, stg_science, stg_finance, stg_registry, intake_reject, extract_watermark cascade").update();
        jdbc.sql("truncate exchange.finance_equity restart identity").update();
        QeHome home = QeHome.resolve();
        for (Feed feed : Feed.values()) {
            empty(home.inbox(feed.code()));
            empty(home.archive(feed.code()));
        }
    }

    static Path drop(Feed feed, String fixture) throws IOException {
        return drop(feed, DIR.resolve(fixture), fixture);
    }

    static Path drop(Feed feed, Path file, String name) throws IOException {
        Path inbox = QeHome.ensure(QeHome.resolve().inbox(feed.code()));
        return Files.copy(file, inbox.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    static Path inbox(Feed feed) {
        return QeHome.ensure(QeHome.resolve().inbox(feed.code()));
    }

    private static void empty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
    }

    /** One delivery row as the tests look at it. */
    record Delivery(long id, String fileName, String status, long read, long staged, long rejected, long repeated,
                    String period, String message, String sourceKind, Long duplicateOf, Long supersededBy, String archivedPath) {
    }

    static java.util.List<Delivery> deliveries(JdbcClient jdbc, String feed) {
        return jdbc.sql("""
                        select id, file_name, status, rows_read, rows_staged, rows_rejected, rows_repeated, period, message,
                               source_kind, duplicate_of, superseded_by, archived_path
                        from delivery where feed = ? order by id""")
                .param(feed)
                .query((rs, n) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        (Long) rs.getObject(11), (Long) rs.getObject(12), rs.getString(13)))
                .list();
    }
}
