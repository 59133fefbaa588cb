package cn.qeregistry.report;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * SXSSF as the reports use it: no shared-strings table, uncompressed temporary sheet files, sheet XML
 * written by {@link ReportSheetWriter}, and the workbook zipped at {@link Deflater#BEST_SPEED}: on the
 * 500,000-row exceptions report level 1 takes 9.7 µs of CPU per row against 15.3 at the default level 6,
 * for a file of 59 MB instead of 48 MB (levels 2 and 3: 10.6 / 11.6 µs, 57.5 / 54.8 MB).
 */
final class ReportWorkbook extends SXSSFWorkbook {

    ReportWorkbook(int window) {
        super(new XSSFWorkbook(), window, false, false);
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new ReportSheetWriter();
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        return zip;
    }
}
