package cn.qeregistry.report;

import java.io.IOException;
import java.util.List;

/** Rows going out to a report file one at a time; nothing is kept beyond a small window. */
interface TableWriter extends AutoCloseable {

    /** Starts a sheet (xlsx) with a header row; a CSV has one table and writes its header once. */
    void startSheet(String name, List<Column> columns) throws IOException;

    /** One row into the sheet started last; values are String, Number or null, in column order. */
    void row(Object... values) throws IOException;

    /**
     * One row into the {@code sheet}-th sheet started (from 0) instead: rows can go to several sheets
     * in turn, each continuing where it stopped. Only for writers {@link #hasSheets with sheets}.
     */
    void rowIn(int sheet, Object[] values) throws IOException;

    /** Whether this format holds more than one sheet (the summary and per-category sheets). */
    boolean hasSheets();

    /** Completes the output (an xlsx is assembled from its temporary sheet files here). */
    void finish() throws IOException;

    @Override
    void close() throws IOException;
}
