package cn.qeregistry.intake;

import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.read.BadFileException;
import cn.qeregistry.intake.read.MappedRows;
import cn.qeregistry.platform.QeHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads every file of a feed's inbox (by name), then, for a feed with a database extract, the new
 * rows of the exchange table; each becomes a delivery. Its position (current delivery and rows read
 * of it) is kept in the step's execution context, so a restart resumes mid-file exactly where the
 * last committed chunk ended: the archived original is reopened and the rows already read skipped.
 *
 * <p>Runs inside the chunk transaction: registering, duplicating or failing a delivery commits with
 * the chunk that read it.
 */
class InboxReader implements ItemStreamReader<IntakeItem> {

    private static final Logger log = LoggerFactory.getLogger(InboxReader.class);
    private static final String DELIVERY = "intake.delivery";
    private static final String ROWS = "intake.rows";
    private static final String ARCHIVED = "intake.archived";
    private static final String INBOX = "intake.inbox";
    private static final String EXTRACT_TO = "intake.extract.to";
    private static final String EXTRACT_LAST = "intake.extract.last";
    private static final String EXTRACT_DONE = "intake.extract.done";

    private final FeedMapping mapping;
    private final QeHome home;
    private final DeliveryStore deliveries;
    private final ExchangeDatabase exchange;
    private final JdbcClient jdbc;
    private final Supplier<Long> jobExecutionId;

    private final java.util.Set<Long> failed = new java.util.HashSet<>();
    private Deque<Path> pending;
    private Current current;
    private boolean extractDone;

    /** The delivery being read: a file (rows from its archived copy) or an extract. */
    private static final class Current {
        long deliveryId;
        long rowsRead;
        Path archived;
        Path inbox;
        MappedRows file;
        ExchangeExtract extract;
        long extractTo;

        MappedRows.Row next() {
            return file != null ? file.next() : extract.next();
        }

        void close() {
            if (file != null) {
                file.close();
            }
            if (extract != null) {
                extract.close();
            }
        }
    }

    InboxReader(FeedMapping mapping, QeHome home, DeliveryStore deliveries, ExchangeDatabase exchange, JdbcClient jdbc,
                Supplier<Long> jobExecutionId) {
        this.mapping = mapping;
        this.home = home;
        this.deliveries = deliveries;
        this.exchange = exchange;
        this.jdbc = jdbc;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void open(ExecutionContext context) {
        pending = new ArrayDeque<>(inboxFiles());
        current = null;
        failed.clear();
        extractDone = context.containsKey(EXTRACT_DONE);
        if (!context.containsKey(DELIVERY)) {
            return;
        }
        Current resumed = new Current();
        resumed.deliveryId = context.getLong(DELIVERY);
        resumed.rowsRead = context.getLong(ROWS);
        if (context.containsKey(EXTRACT_TO)) {
            resumed.extractTo = context.getLong(EXTRACT_TO);
            resumed.extract = new ExchangeExtract(exchange, mapping, context.getLong(EXTRACT_LAST), resumed.extractTo);
        } else {
            // by name in this node's home: the node that started the delivery may have seen the
            // shared folders under another path, and an absolute path would not match the inbox here
            resumed.archived = home.archive(mapping.feed()).resolve(Path.of(context.getString(ARCHIVED)).getFileName());
            resumed.inbox = home.inbox(mapping.feed()).resolve(Path.of(context.getString(INBOX)).getFileName());
            pending.remove(resumed.inbox);
            resumed.file = MappedRows.open(resumed.archived, resumed.inbox.getFileName().toString(), mapping);
            for (long skipped = 0; skipped < resumed.rowsRead; skipped++) {
                if (resumed.file.next() == null) {
                    throw new IllegalStateException(resumed.archived + " has fewer than the " + resumed.rowsRead
                            + " rows already taken; was the archived original changed?");
                }
            }
        }
        current = resumed;
        log.info("intake.{} resumes delivery {} after {} rows", mapping.feed(), resumed.deliveryId, resumed.rowsRead);
    }

    @Override
    public IntakeItem read() {
        while (true) {
            if (current != null) {
                MappedRows.Row row;
                try {
                    row = current.next();
                } catch (BadFileException e) {
                    fail(current.deliveryId, e);
                    closeCurrent();
                    continue;
                }
                if (row != null) {
                    current.rowsRead++;
                    return new IntakeItem.DataRow(current.deliveryId, row);
                }
                DeliveryEnd end = current.extract != null
                        ? new DeliveryEnd(current.deliveryId, current.rowsRead, null, watermarkSource(), String.valueOf(current.extractTo))
                        : new DeliveryEnd(current.deliveryId, current.rowsRead, current.inbox, null, null);
                closeCurrent();
                return end;
            }
            if (!pending.isEmpty()) {
                take(pending.poll());
                continue;
            }
            if (mapping.jdbc() != null && !extractDone) {
                extractDone = true;
                startExtract();
                continue;
            }
            return null;
        }
    }

    @Override
    public void update(ExecutionContext context) {
        for (String key : new String[]{DELIVERY, ROWS, ARCHIVED, INBOX, EXTRACT_TO, EXTRACT_LAST}) {
            context.remove(key);
        }
        if (extractDone) {
            context.putString(EXTRACT_DONE, "true");
        }
        if (current == null) {
            return;
        }
        context.putLong(DELIVERY, current.deliveryId);
        context.putLong(ROWS, current.rowsRead);
        if (current.extract != null) {
            context.putLong(EXTRACT_TO, current.extractTo);
            context.putLong(EXTRACT_LAST, current.extract.last());
        } else {
            context.putString(ARCHIVED, current.archived.toString());
            context.putString(INBOX, current.inbox.toString());
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Registers a file as a delivery (or as a duplicate of one) and opens its archived copy. */
    private void take(Path inbox) {
        String name = inbox.getFileName().toString();
        long size;
        String sha256;
        try {
            size = Files.size(inbox);
            sha256 = sha256(inbox);
        } catch (IOException e) {
            log.warn("intake.{}: {} vanished from the inbox before it was taken: {}", mapping.feed(), name, e.getMessage());
            return;
        }
        String period = DeliveryPeriod.of(name, LocalDate.now(cn.qeregistry.runs.JobRunner.ZONE));
        long job = jobExecutionId.get();
        var taken = deliveries.taken(mapping.feed(), sha256);
        Path archived = QeHome.ensure(home.archive(mapping.feed())).resolve(sha256.substring(0, 12) + "-" + name);
        long id;
        if (taken.isPresent() && !taken.get().status().equals(DeliveryStore.FAILED) && !taken.get().status().equals(DeliveryStore.STAGING)) {
            deliveries.registerDuplicate(mapping.feed(), name, sha256, size, period, taken.get(), job);
            deleteAfterCommit(inbox);
            return;
        }
        copyUnchanged(inbox, archived);
        if (taken.isPresent()) {
            id = taken.get().id();
            deliveries.retry(id, mapping.feed(), name, job);
        } else {
            id = deliveries.register(mapping.feed(), name, "FILE", sha256, size, period, archived.toString(), job);
        }
        Current next = new Current();
        next.deliveryId = id;
        next.archived = archived;
        next.inbox = inbox;
        try {
            next.file = MappedRows.open(archived, name, mapping);
        } catch (BadFileException e) {
            fail(id, e);
            return;
        }
        current = next;
    }

    /** Opens an extract of the rows added to the exchange table since the last one, if any. */
    private void startExtract() {
        long from;
        long to;
        String source = watermarkSource();
        try {
            from = jdbc.sql("select last_value from extract_watermark where feed = ? and source = ?")
                    .params(mapping.feed(), source).query(String.class).optional().map(Long::parseLong).orElse(0L);
            to = ExchangeExtract.currentMax(exchange, mapping);
        } catch (BadFileException e) {
            long id = deliveries.register(mapping.feed(), source, "JDBC", sha256(source + "|unreadable|" + System.nanoTime()), 0,
                    null, null, jobExecutionId.get());
            deliveries.fail(id, mapping.feed(), e.getMessage(), false, jobExecutionId.get());
            return;
        }
        if (to <= from) {
            log.info("intake.{}: no new rows in {} above {}", mapping.feed(), source, from);
            return;
        }
        String name = source + " " + mapping.jdbc().watermark() + " (" + from + ", " + to + "]";
        String sha256 = sha256(exchange + "|" + name);
        var taken = deliveries.taken(mapping.feed(), sha256);
        long id;
        if (taken.isPresent()) {
            id = taken.get().id();
            deliveries.retry(id, mapping.feed(), name, jobExecutionId.get());
        } else {
            id = deliveries.register(mapping.feed(), name, "JDBC", sha256, 0, null, null, jobExecutionId.get());
        }
        Current next = new Current();
        next.deliveryId = id;
        next.extractTo = to;
        try {
            next.extract = new ExchangeExtract(exchange, mapping, from, to);
        } catch (BadFileException e) {
            fail(id, e);
            return;
        }
        current = next;
    }

    /** A delivery that cannot be read on: its rows already read in this chunk are dropped by the processor. */
    private void fail(long deliveryId, BadFileException e) {
        log.warn("intake.{}: delivery {} failed: {}", mapping.feed(), deliveryId, e.getMessage());
        failed.add(deliveryId);
        deliveries.fail(deliveryId, mapping.feed(), e.getMessage(), false, jobExecutionId.get());
    }

    boolean failedInThisRun(long deliveryId) {
        return failed.contains(deliveryId);
    }

    private String watermarkSource() {
        return exchange.qualified(mapping.jdbc().table());
    }

    private java.util.List<Path> inboxFiles() {
        Path dir = QeHome.ensure(home.inbox(mapping.feed()));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(mapping::accepts).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox " + dir, e);
        }
    }

    private static void copyUnchanged(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + from + " to " + to, e);
        }
    }

    static void deleteAfterCommit(Path inbox) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    Files.deleteIfExists(inbox);
                } catch (IOException e) {
                    log.warn("cannot remove {} from the inbox (it will be recorded as a duplicate next time): {}", inbox, e.getMessage());
                }
            }
        });
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
