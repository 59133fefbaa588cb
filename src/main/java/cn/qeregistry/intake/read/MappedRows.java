package cn.qeregistry.intake.read;

import cn.qeregistry.intake.mapping.FeedMapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The data rows of a file with their column layout: for each sheet, its header is looked for in its
 * first rows (title rows and the header itself are not data); a sheet without one fails the file.
 */
public final class MappedRows implements AutoCloseable {

    /** A data row and the layout of its sheet. */
    public record Row(RawRow raw, ColumnLayout layout) {
    }

    private final String fileName;
    private final FeedMapping mapping;
    private final RowSource source;
    private final HeaderLocator locator;
    private final Deque<RawRow> lookAhead = new ArrayDeque<>();
    private ColumnLayout layout;
    private String sheet;
    private boolean started;

    public MappedRows(String fileName, FeedMapping mapping, RowSource source) {
        this.fileName = fileName;
        this.mapping = mapping;
        this.source = source;
        this.locator = new HeaderLocator(mapping);
    }

    /** Opens the file as its kind says (checked against its content). */
    public static MappedRows open(java.nio.file.Path file, String displayName, FeedMapping mapping) {
        RowSource source = switch (FileKind.of(file, displayName)) {
            case XLSX -> new XlsxRowSource(file, displayName, mapping.sheetPattern());
            case XLS -> new XlsRowSource(file, displayName, mapping.sheetPattern());
            case CSV -> new CsvRowSource(file, displayName);
        };
        return new MappedRows(displayName, mapping, source);
    }

    /** The next data row, or null at the end of the file. */
    public Row next() {
        while (true) {
            RawRow raw = lookAhead.isEmpty() ? source.next() : lookAhead.poll();
            if (raw == null) {
                if (!started) {
                    throw new BadFileException(fileName + ": no rows at all" + (sheet == null ? "" : " in the chosen sheets"));
                }
                return null;
            }
            if (!started || !Objects.equals(raw.sheet(), sheet)) {
                started = true;
                sheet = raw.sheet();
                layout = findHeader(raw);
                continue;
            }
            return new Row(raw, layout);
        }
    }

    /** Scans the first rows of a sheet for its header; rows after it are put back. */
    private ColumnLayout findHeader(RawRow first) {
        List<RawRow> scanned = new ArrayList<>();
        RawRow row = first;
        while (row != null && Objects.equals(row.sheet(), first.sheet()) && row.rowNo() - first.rowNo() < mapping.headerScanRows()) {
            ColumnLayout found = locator.tryHeader(fileName, row);
            if (found != null) {
                return found;
            }
            scanned.add(row);
            row = source.next();
        }
        if (row != null && !Objects.equals(row.sheet(), first.sheet())) {
            lookAhead.add(row);
        }
        throw locator.notFound(fileName, first.sheet(), scanned);
    }

    @Override
    public void close() {
        source.close();
    }
}
