package cn.qeregistry.report;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * SXSSF as the reports use it: no shared-strings table, sheet XML written by {@link ReportSheetWriter}
 * and deflated while it is written by a {@link RowDeflater}, and the workbook zipped at
 * {@link Deflater#BEST_SPEED} (on the 500,000-row exceptions report level 1 took 9.7 µs of CPU per
 * row against 15.3 at the default level 6, for a file of 59 MB instead of 48 MB).
 *
 * <p>POI zips the workbook at {@code write}: the parts of the workbook without rows, each sheet's rows
 * put into its part. Here a sheet's entry is stored as it is made, without deflating the rows again:
 * the head of the sheet's part deflated and sync-flushed, the rows as the {@link RowDeflater} stored
 * them, the tail deflated to the final block; one valid deflate stream of the same XML as POI's, whose
 * CRC-32 is combined from the three pieces'. The zip is commons-compress's with Zip64 only as needed
 * (as POI 4 wrote it), since POI's own Excel-friendly zip stream cannot take a pre-compressed entry.
 */
final class ReportWorkbook extends SXSSFWorkbook {

    /** Made at the first sheet (SXSSF's constructor could ask for sheet writers before fields are set). */
    private RowDeflater deflater;

    ReportWorkbook(int window) {
        super(new XSSFWorkbook(), window, false, false);
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        if (deflater == null) {
            deflater = new RowDeflater();
        }
        return new ReportSheetWriter(deflater.newSheet());
    }

    @Override
    protected void injectData(ZipEntrySource parts, OutputStream out) throws IOException {
        try {
            ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out);
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setLevel(Deflater.BEST_SPEED);
            Enumeration<? extends ZipArchiveEntry> entries = parts.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry part = entries.nextElement();
                try (InputStream in = parts.getInputStream(part)) {
                    if (in instanceof ZipArchiveThresholdInputStream guarded) {
                        // as POI: a part of a workbook POI has just written is no zip bomb
                        guarded.setGuardState(false);
                    }
                    XSSFSheet sheet = getSheetFromZipEntryName(part.getName());
                    if (sheet != null && !(sheet instanceof XSSFChartSheet)) {
                        writeSheet(zip, part, in.readAllBytes(), getSheetAt(getXSSFWorkbook().getSheetIndex(sheet)));
                    } else {
                        copy(zip, part, in);
                    }
                }
            }
            zip.finish();
        } finally {
            parts.close();
        }
    }

    private static void copy(ZipArchiveOutputStream zip, ZipArchiveEntry part, InputStream in) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(part.getName());
        if (part.getSize() >= 0) {
            entry.setSize(part.getSize());
        }
        if (part.getTime() >= 0) {
            entry.setTime(part.getTime());
        }
        zip.putArchiveEntry(entry);
        in.transferTo(zip);
        zip.closeArchiveEntry();
    }

    /** The sheet's entry: its deflated head, its rows as stored, its deflated tail. */
    private static void writeSheet(ZipArchiveOutputStream zip, ZipArchiveEntry part, byte[] xml, SXSSFSheet sheet)
            throws IOException {
        WorksheetFrame frame = WorksheetFrame.of(part.getName(), xml);
        // flushes the sheet's last rows and closes its writer; waits until they are deflated
        try (InputStream stored = sheet.getWorksheetXMLInputStream()) {
            if (!(stored instanceof RowDeflater.DeflatedRows rows)) {
                throw new IllegalStateException("sheet " + sheet.getSheetName() + " was not written by a ReportSheetWriter");
            }
            if (rows.getChannel().size() != rows.compressedSize) {
                throw new IOException("the deflated rows of sheet " + sheet.getSheetName() + " are " + rows.getChannel().size()
                        + " bytes, not " + rows.compressedSize);
            }
            byte[] head = deflate(frame.head(), false);
            byte[] tail = deflate(frame.tail(), true);
            ZipArchiveEntry entry = new ZipArchiveEntry(part.getName());
            entry.setMethod(ZipEntry.DEFLATED);
            entry.setSize(frame.head().length + rows.size + frame.tail().length);
            entry.setCompressedSize(head.length + rows.compressedSize + tail.length);
            long crc = Crc32Combination.of(crc(frame.head()), rows.crc, rows.size);
            entry.setCrc(Crc32Combination.of(crc, crc(frame.tail()), frame.tail().length));
            if (part.getTime() >= 0) {
                entry.setTime(part.getTime());
            }
            zip.addRawArchiveEntry(entry, new SequenceInputStream(Collections.enumeration(
                    List.of(new ByteArrayInputStream(head), rows, new ByteArrayInputStream(tail)))));
        }
    }

    /** Raw deflate at level 1: ending with the final block, or sync-flushed for more to follow. */
    private static byte[] deflate(byte[] bytes, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(bytes);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
            byte[] buffer = new byte[8192];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                if (last ? deflater.finished() : n < buffer.length) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Stops the deflating first: what POI's closing still writes is discarded with the workbook. */
    @Override
    public void close() throws IOException {
        if (deflater != null) {
            deflater.close();
        }
        super.close();
    }

    @Override
    public boolean dispose() {
        if (deflater != null) {
            deflater.close();
        }
        boolean disposed = super.dispose();
        return (deflater == null || deflater.deleteFiles()) && disposed;
    }
}
