package cn.qeregistry.report;

import org.apache.poi.util.TempFile;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Deflates a workbook's row XML on a thread of its own ("report-deflate") while SXSSF writes the rows,
 * instead of on the writing thread after the last row: zipping the workbook then copies each sheet's
 * rows as they are stored (see {@link ReportWorkbook}), and the deflating (a quarter of the xlsx
 * report's CPU) overlaps the writing on a second core.
 *
 * <p>Each sheet's rows are a raw deflate stream at level 1, in a temporary file, with their CRC-32 and
 * length; the stream ends with a sync flush, not a final block, so that it can be followed by the
 * deflated tail of the sheet. Each sheet has a {@link Deflater} of its own while it takes rows (about
 * 270 KB outside the heap), since the rows of several sheets come in turn. Rows travel in segments
 * of {@value #SEGMENT} bytes, at most {@value #SEGMENTS} in flight: memory does not grow with the rows.
 * A failure of the thread is thrown by the writer's next call and by {@link SheetRows#deflated}.
 */
final class RowDeflater implements AutoCloseable {

    static final int SEGMENT = 1 << 16;
    static final int SEGMENTS = 4;

    /** A segment of a sheet's row XML, or the end of the sheet's rows when {@code bytes} is null. */
    private record Task(SheetRows sheet, byte[] bytes, int length) {
    }

    /** Never holds more than the segments in flight and one end per sheet. */
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(SEGMENTS);
    private final List<SheetRows> sheets = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;

    /** The thread's own. */
    private final byte[] deflated = new byte[SEGMENT];

    RowDeflater() {
        for (int i = 0; i < SEGMENTS; i++) {
            free.add(new byte[SEGMENT]);
        }
        thread = new Thread(this::run, "report-deflate");
        thread.setDaemon(true);
        thread.start();
    }

    /** A new sheet's rows, stored in a new temporary file. */
    SheetRows newSheet() throws IOException {
        check();
        File file = TempFile.createTempFile("poi-sxssf-sheet", ".xml.deflate");
        SheetRows sheet;
        try {
            sheet = new SheetRows(file);
        } catch (IOException | RuntimeException e) {
            file.delete();
            throw e;
        }
        sheets.add(sheet);
        return sheet;
    }

    /**
     * Stops the thread, whatever it has still to do, and closes the sheets' files; rows written after
     * this are discarded (only POI's own closing writes them, into a workbook no one will write).
     */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (SheetRows sheet : sheets) {
            sheet.closeFile();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the sheets' files (after {@link #close}); whether all are gone. */
    boolean deleteFiles() {
        boolean deleted = true;
        for (SheetRows sheet : sheets) {
            deleted &= !sheet.file.exists() || sheet.file.delete();
        }
        return deleted;
    }

    private void check() throws IOException {
        Throwable e = failure;
        if (e != null) {
            throw new IOException("cannot deflate the report's rows: " + e.getMessage(), e);
        }
        if (closed) {
            throw new IOException("the workbook is closed");
        }
    }

    private byte[] segment() throws IOException {
        try {
            byte[] bytes;
            while ((bytes = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                check();
                if (!thread.isAlive()) {
                    throw new IOException("the report-deflate thread has stopped");
                }
            }
            return bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing rows to the report-deflate thread");
        }
    }

    private void run() {
        try {
            while (true) {
                Task task = tasks.take();
                SheetRows sheet = task.sheet();
                if (task.bytes() != null) {
                    sheet.crc.update(task.bytes(), 0, task.length());
                    sheet.size += task.length();
                    if (sheet.deflater == null) {
                        sheet.deflater = new Deflater(Deflater.BEST_SPEED, true);
                    }
                    sheet.deflater.setInput(task.bytes(), 0, task.length());
                    deflate(sheet, Deflater.NO_FLUSH);
                    free.add(task.bytes());
                } else {
                    if (sheet.deflater != null) {
                        // ends the stream at a byte boundary, without a final block
                        deflate(sheet, Deflater.SYNC_FLUSH);
                    }
                    sheet.endDeflater();
                    sheet.closeFile();
                    sheet.done.countDown();
                }
            }
        } catch (InterruptedException e) {
            // closed: whatever was left is discarded with the workbook
        } catch (Throwable e) {
            failure = e;
        } finally {
            for (SheetRows sheet : sheets) {
                sheet.endDeflater();
                sheet.done.countDown();
            }
        }
    }

    private void deflate(SheetRows sheet, int flush) throws IOException {
        int used = 0;
        while (true) {
            int room = deflated.length - used;
            int n = sheet.deflater.deflate(deflated, used, room, flush);
            used += n;
            if (used == deflated.length) {
                sheet.store(deflated, used);
                used = 0;
            } else if (flush == Deflater.NO_FLUSH ? sheet.deflater.needsInput() : n < room) {
                sheet.store(deflated, used);
                return;
            }
        }
    }

    /**
     * A sheet's rows as stored: a raw deflate stream without a final block, read from the start, with
     * the length and CRC-32 of the XML it inflates to.
     */
    static final class DeflatedRows extends FileInputStream {

        final long size;
        final long compressedSize;
        final long crc;

        private DeflatedRows(File file, long size, long compressedSize, long crc) throws IOException {
            super(file);
            this.size = size;
            this.compressedSize = compressedSize;
            this.crc = crc;
        }
    }

    /**
     * One sheet's row XML as the sheet writer writes it: handed to the thread in segments. Written by
     * one thread at a time (the one writing the workbook).
     */
    final class SheetRows extends OutputStream {

        private final File file;
        private final FileOutputStream out;
        private final CountDownLatch done = new CountDownLatch(1);
        // the deflating thread's, read after done
        private final CRC32 crc = new CRC32();
        private Deflater deflater;
        private long size;
        private long compressedSize;
        private boolean ended;

        private SheetRows(File file) throws IOException {
            this.file = file;
            this.out = new FileOutputStream(file);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed && failure == null) {
                return;
            }
            check();
            if (ended) {
                throw new IOException("the sheet's rows are complete");
            }
            while (len > 0) {
                byte[] bytes = segment();
                int n = Math.min(len, bytes.length);
                System.arraycopy(b, off, bytes, 0, n);
                tasks.add(new Task(this, bytes, n));
                off += n;
                len -= n;
            }
        }

        /** The end of the sheet's rows: the thread finishes them on its own time ({@link #deflated} waits). */
        @Override
        public void close() throws IOException {
            if (ended || closed && failure == null) {
                return;
            }
            check();
            ended = true;
            tasks.add(new Task(this, null, 0));
        }

        /** Waits until the thread has deflated all of the sheet's rows; after {@link #close}. */
        DeflatedRows deflated() throws IOException {
            if (!ended) {
                throw new IllegalStateException("the sheet's rows are not complete");
            }
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the report-deflate thread");
            }
            check();
            return new DeflatedRows(file, size, compressedSize, crc.getValue());
        }

        private void store(byte[] bytes, int length) throws IOException {
            if (length > 0) {
                out.write(bytes, 0, length);
                compressedSize += length;
            }
        }

        private void endDeflater() {
            if (deflater != null) {
                deflater.end();
                deflater = null;
            }
        }

        private void closeFile() {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }
}
