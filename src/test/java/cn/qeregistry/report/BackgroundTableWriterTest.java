package cn.qeregistry.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The background writer gives the same output as writing directly, and a failure over there surfaces here. */
class BackgroundTableWriterTest {

    static final List<Column> COLUMNS = List.of(new Column("id", "编号", Column.Type.INTEGER, 10), Column.text("name", "名称", 20));

    @Test
    void writesWhatTheTargetWouldHaveWrittenInOrder() throws IOException {
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        try (TableWriter writer = new CsvTableWriter(direct, Lang.ZH)) {
            fill(writer, 10_000);
        }
        ByteArrayOutputStream background = new ByteArrayOutputStream();
        try (TableWriter writer = new BackgroundTableWriter(new CsvTableWriter(background, Lang.ZH))) {
            fill(writer, 10_000);
        }
        assertThat(background.toString()).isEqualTo(direct.toString()).contains("9999,企业9999");
    }

    @Test
    void aFailureWhileFinishingIsThrownByFinish() throws IOException {
        OutputStream full = new OutputStream() {
            private int bytes;

            @Override
            public void write(int b) throws IOException {
                if (++bytes > 10_000) {
                    throw new IOException("disk full");
                }
            }
        };
        try (TableWriter writer = new BackgroundTableWriter(new XlsxTableWriter(full, Lang.ZH))) {
            assertThatThrownBy(() -> fill(writer, 20_000)).isInstanceOf(IOException.class).hasRootCauseMessage("disk full");
        }
    }

    @Test
    void aFailureWhileWritingRowsIsThrownToTheNextCall() throws IOException {
        TableWriter csv = new CsvTableWriter(new ByteArrayOutputStream(), Lang.ZH);
        TableWriter failing = new TableWriter() {
            private int rows;

            @Override
            public void startSheet(String name, List<Column> columns) throws IOException {
                csv.startSheet(name, columns);
            }

            @Override
            public void row(Object... values) throws IOException {
                if (++rows > 1_000) {
                    throw new IllegalStateException("row 1000 cannot be written");
                }
                csv.row(values);
            }

            @Override
            public void rowIn(int sheet, Object[] values) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean hasSheets() {
                return false;
            }

            @Override
            public void finish() throws IOException {
                csv.finish();
            }

            @Override
            public void close() {
            }
        };
        try (TableWriter writer = new BackgroundTableWriter(failing)) {
            assertThatThrownBy(() -> fill(writer, 1_000_000)).isInstanceOf(IOException.class)
                    .hasRootCauseMessage("row 1000 cannot be written");
        }
    }

    @Test
    void closingWithoutFinishingStopsTheThread() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackgroundTableWriter writer = new BackgroundTableWriter(new XlsxTableWriter(out, Lang.ZH));
        writer.startSheet("s", COLUMNS);
        writer.row(1L, "企业1");
        writer.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("report-writer") && t.isAlive());
        assertThat(out.size()).isZero();
    }

    private static void fill(TableWriter writer, int rows) throws IOException {
        writer.startSheet("s", COLUMNS);
        for (int i = 0; i < rows; i++) {
            writer.row((long) i, "企业" + i);
        }
        writer.finish();
    }
}
