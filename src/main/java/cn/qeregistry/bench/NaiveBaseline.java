package cn.qeregistry.bench;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The naive Spring Batch way, as a reference: each workbook opened whole with POI's usermodel
 * ({@link WorkbookFactory}), every cell formatted by {@link DataFormatter}, CSV lines split with
 * {@code String.split}, and each row upserted by a {@link JdbcBatchItemWriter} into an indexed table,
 * one chunk of {@value #CHUNK} rows per transaction.
 */
final class NaiveBaseline {

    static final int CHUNK = 500;
    private static final int WIDTH = Ceiling.WIDTH;
    private static final String TABLE = "bench_baseline";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final PlatformTransactionManager transactionManager;

    NaiveBaseline(DataSource dataSource, JdbcClient jdbc, JobRepository jobRepository, JobOperator jobOperator,
                  PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.transactionManager = transactionManager;
    }

    /** One source row: its file, its row number there, its cells as text. */
    record SourceRow(String file, int rowNo, String[] cells) {
    }

    /** Runs one job with a step per file; returns the rows written. */
    long run(List<Path> files) throws Exception {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (int i = 1; i <= WIDTH; i++) {
            columns.append(", c").append(i).append(" text");
            values.append(", ?");
            updates.append(i > 1 ? ", " : "").append('c').append(i).append(" = excluded.c").append(i);
        }
        jdbc.sql("drop table if exists " + TABLE).update();
        jdbc.sql("create table " + TABLE + " (file text, row_no int" + columns + ", primary key (file, row_no))").update();
        try {
            JdbcBatchItemWriter<SourceRow> writer = new JdbcBatchItemWriterBuilder<SourceRow>()
                    .dataSource(dataSource)
                    .sql("insert into " + TABLE + " values (?, ?" + values + ") on conflict (file, row_no) do update set " + updates)
                    .itemPreparedStatementSetter((row, ps) -> {
                        ps.setString(1, row.file());
                        ps.setInt(2, row.rowNo());
                        for (int i = 0; i < WIDTH; i++) {
                            ps.setString(i + 3, i < row.cells().length ? row.cells()[i] : null);
                        }
                    })
                    .assertUpdates(false)
                    .build();
            writer.afterPropertiesSet();
            SimpleJobBuilder job = null;
            for (Path file : files) {
                Step step = new StepBuilder("bench.baseline." + file.getFileName(), jobRepository)
                        .<SourceRow, SourceRow>chunk(CHUNK).transactionManager(transactionManager)
                        .reader(reader(file))
                        .writer(writer)
                        .build();
                job = job == null ? new JobBuilder("bench.baseline", jobRepository).start(step) : job.next(step);
            }
            Job built = job.build();
            JobExecution execution = jobOperator.start(built, new JobParametersBuilder()
                    .addLong("run", System.currentTimeMillis()).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("the naive baseline job ended " + execution.getStatus()
                        + ": " + execution.getAllFailureExceptions());
            }
            return execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
        } finally {
            jdbc.sql("drop table if exists " + TABLE).update();
        }
    }

    private static ItemReader<SourceRow> reader(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase().endsWith(".csv") ? new CsvLinesReader(file, name, ProvinceFiles.charset(file))
                : new WorkbookReader(file, name);
    }

    /** The whole workbook in memory, as POI's usermodel keeps it; cells through DataFormatter. */
    private static final class WorkbookReader implements ItemReader<SourceRow> {
        private final Path file;
        private final String name;
        private final DataFormatter formatter = new DataFormatter();
        private Workbook workbook;
        private Iterator<Sheet> sheets;
        private Iterator<Row> rows;

        WorkbookReader(Path file, String name) {
            this.file = file;
            this.name = name;
        }

        @Override
        public SourceRow read() throws IOException {
            if (workbook == null) {
                workbook = WorkbookFactory.create(file.toFile(), null, true);
                sheets = workbook.sheetIterator();
                rows = java.util.Collections.emptyIterator();
            }
            while (!rows.hasNext()) {
                if (!sheets.hasNext()) {
                    workbook.close();
                    return null;
                }
                rows = sheets.next().rowIterator();
            }
            Row row = rows.next();
            String[] cells = new String[Math.max(row.getLastCellNum(), 0)];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = formatter.formatCellValue(row.getCell(i));
            }
            return new SourceRow(name + "#" + row.getSheet().getSheetName(), row.getRowNum() + 1, cells);
        }
    }

    /** CSV lines split on commas. */
    private static final class CsvLinesReader implements ItemReader<SourceRow> {
        private final Path file;
        private final String name;
        private final Charset charset;
        private BufferedReader lines;
        private int lineNo;

        CsvLinesReader(Path file, String name, Charset charset) {
            this.file = file;
            this.name = name;
            this.charset = charset;
        }

        @Override
        public SourceRow read() throws IOException {
            if (lines == null) {
                lines = Files.newBufferedReader(file, charset);
            }
            String line = lines.readLine();
            if (line == null) {
                lines.close();
                return null;
            }
            return new SourceRow(name, ++lineNo, line.split(",", -1));
        }
    }
}
