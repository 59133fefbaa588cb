package cn.qeregistry.bench;

import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import javax.sql.DataSource;
import javax.xml.parsers.SAXParserFactory;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The ceiling: the fastest way this machine reads the night's files and puts their cells into
 * PostgreSQL, with no validation at all. CSV bytes go to COPY unparsed (the server splits them;
 * Java only counts records); xlsx sheets are read with a bare SAX handler over the sheet XML; xls with
 * POI's record events. Every row lands in an unindexed temporary table of text columns.
 */
final class Ceiling {

    static final int WIDTH = 16;

    private final DataSource dataSource;

    Ceiling(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reads {@code file} and copies its rows into a fresh temporary table; returns the rows copied. */
    long load(Path file) throws Exception {
        String name = file.getFileName().toString().toLowerCase();
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                StringBuilder columns = new StringBuilder();
                for (int i = 1; i <= WIDTH; i++) {
                    columns.append(i > 1 ? ", " : "").append('c').append(i).append(" text");
                }
                statement.execute("drop table if exists bench_ceiling");
                statement.execute("create temp table bench_ceiling (" + columns + ")");
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long rows;
            if (name.endsWith(".csv")) {
                int width = headerWidth(file);
                StringBuilder columns = new StringBuilder();
                for (int i = 1; i <= width; i++) {
                    columns.append(i > 1 ? ", " : "").append('c').append(i);
                }
                try (OutputStream out = new PGCopyOutputStream(copy.copyIn("copy bench_ceiling (" + columns
                        + ") from stdin with (format csv, header true, encoding '" + ProvinceFiles.charset(file).name() + "')"), 1 << 16)) {
                    rows = passCsv(file, out) - 1;
                }
            } else {
                try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(
                        copy.copyIn("copy bench_ceiling from stdin with (format csv)"), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
                    RowCopier copier = new RowCopier(out);
                    if (name.endsWith(".xlsx")) {
                        xlsx(file, copier);
                    } else {
                        xls(file, copier);
                    }
                    rows = copier.rows;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table bench_ceiling");
            }
            return rows;
        }
    }

    private static int headerWidth(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int width = 1;
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b == ',') {
                    width++;
                }
            }
            return width;
        }
    }

    /** Streams the file's bytes to COPY as they are, counting records (newlines outside quotes). */
    private static long passCsv(Path file, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long records = 0;
        boolean quoted = false;
        int last = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
                        records++;
                    }
                }
                last = buffer[n - 1];
                out.write(buffer, 0, n);
            }
        }
        return last == '\n' ? records : records + 1;
    }

    private static void xlsx(Path file, RowCopier copier) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> shared = new ArrayList<>();
            ZipEntry strings = zip.getEntry("xl/sharedStrings.xml");
            // the fastest SAX parser at hand (Aalto, as intake's StAX reader): 1.2-1.5 s against 1.9-2.9 s
            // for the JDK's on the sheets of the 1M-firm tax-2025.xlsx
            SAXParserFactory factory = new com.fasterxml.aalto.sax.SAXParserFactoryImpl();
            if (strings != null) {
                try (InputStream in = zip.getInputStream(strings)) {
                    factory.newSAXParser().parse(in, new SharedStrings(shared));
                }
            }
            List<ZipEntry> sheets = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("xl/worksheets/sheet") && entry.getName().endsWith(".xml")) {
                    sheets.add(entry);
                }
            }
            for (ZipEntry sheet : sheets) {
                try (InputStream in = zip.getInputStream(sheet)) {
                    factory.newSAXParser().parse(in, new SheetCells(shared, copier));
                }
            }
        }
    }

    private static void xls(Path file, RowCopier copier) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            HSSFRequest request = new HSSFRequest();
            SSTRecord[] sst = {null};
            int[] row = {-1};
            request.addListenerForAllRecords(record -> {
                try {
                    if (record instanceof SSTRecord table) {
                        sst[0] = table;
                    } else if (record instanceof CellValueRecordInterface cell) {
                        if (cell.getRow() != row[0]) {
                            copier.endRow();
                            row[0] = cell.getRow();
                        }
                        if (record instanceof LabelSSTRecord label) {
                            copier.cell(label.getColumn(), sst[0].getString(label.getSSTIndex()).getString());
                        } else if (record instanceof NumberRecord number) {
                            copier.cell(number.getColumn(), Double.toString(number.getValue()));
                        }
                    } else if (record instanceof EOFRecord || record instanceof BOFRecord) {
                        copier.endRow();
                        row[0] = -1;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            new HSSFEventFactory().processWorkbookEvents(request, fs);
        }
    }

    /** Collects the cells of one row and writes it as a CSV record of {@link #WIDTH} fields. */
    static final class RowCopier {
        private final Writer out;
        private final String[] cells = new String[WIDTH];
        private boolean any;
        long rows;

        RowCopier(Writer out) {
            this.out = out;
        }

        void cell(int column, String value) {
            if (column < WIDTH) {
                cells[column] = value;
                any = true;
            }
        }

        void endRow() throws IOException {
            if (!any) {
                return;
            }
            for (int i = 0; i < WIDTH; i++) {
                if (i > 0) {
                    out.write(',');
                }
                String value = cells[i];
                if (value != null) {
                    out.write('"');
                    out.write(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\""));
                    out.write('"');
                }
                cells[i] = null;
            }
            out.write('\n');
            rows++;
            any = false;
        }
    }

    /** sharedStrings.xml: the text of each {@code <si>}, in order. */
    private static final class SharedStrings extends DefaultHandler {
        private final List<String> strings;
        private final StringBuilder text = new StringBuilder();
        private boolean inText;

        SharedStrings(List<String> strings) {
            this.strings = strings;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
            if ("si".equals(qName)) {
                text.setLength(0);
            } else if ("t".equals(qName)) {
                inText = true;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if ("t".equals(qName)) {
                inText = false;
            } else if ("si".equals(qName)) {
                strings.add(text.toString());
            }
        }
    }

    /** A sheet's {@code <c>} values (numbers, shared or inline strings) handed over row by row. */
    private static final class SheetCells extends DefaultHandler {
        private final List<String> shared;
        private final RowCopier copier;
        private final StringBuilder text = new StringBuilder();
        private boolean inValue;
        private boolean sharedValue;
        private int column;

        SheetCells(List<String> shared, RowCopier copier) {
            this.shared = shared;
            this.copier = copier;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
            switch (qName) {
                case "row" -> column = 0;
                case "c" -> {
                    String ref = attributes.getValue("r");
                    if (ref != null) {
                        int col = 0;
                        for (int i = 0; i < ref.length() && ref.charAt(i) >= 'A'; i++) {
                            col = col * 26 + (ref.charAt(i) - 'A' + 1);
                        }
                        column = col - 1;
                    }
                    sharedValue = "s".equals(attributes.getValue("t"));
                    text.setLength(0);
                }
                case "v", "t" -> inValue = true;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            switch (qName) {
                case "v", "t" -> inValue = false;
                case "c" -> {
                    if (!text.isEmpty()) {
                        copier.cell(column, sharedValue ? shared.get(Integer.parseInt(text.toString())) : text.toString());
                    }
                    column++;
                }
                case "row" -> {
                    try {
                        copier.endRow();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                default -> {
                }
            }
        }
    }
}
