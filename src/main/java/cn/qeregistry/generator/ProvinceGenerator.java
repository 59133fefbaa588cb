package cn.qeregistry.generator;

import cn.qeregistry.core.Feed;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a whole synthetic province in two streaming passes on two threads (CSV files and truth;
 * workbooks): each pass makes firm i from (seed, i), writes its rows and forgets it, so both see the
 * same firms and nothing accumulates. Only the choice between .xls and .xlsx for science needs the
 * province's science row count first (a cheap counting pass over the firms' plans, skipped when the
 * province is small enough to fit either way).
 */
public final class ProvinceGenerator {

    public static final Charset GB18030 = Charset.forName("GB18030");

    /** What was written, for the command's summary line. */
    public record Summary(int enterprises, long holderReviewLines, long exceptionLines, long rejectLines, String scienceFile) {
    }

    private final GeneratorOptions options;
    private final FirmFactory factory;

    public ProvinceGenerator(GeneratorOptions options) {
        this.options = options;
        this.factory = new FirmFactory(options);
    }

    public Summary generate() throws IOException {
        Path out = options.out();
        Path inbox = out.resolve("inbox");
        for (Feed feed : Feed.values()) {
            Files.createDirectories(inbox.resolve(feed.code()));
        }
        Files.createDirectories(out.resolve("exchange"));
        Files.createDirectories(out.resolve("truth"));
        boolean legacyScience = scienceFitsXls();
        Path workbookRejects = out.resolve("truth").resolve(".workbook-rejects.csv.tmp");
        // two passes over the same firms on two threads: the CSV files and the truth here, the workbooks there
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "generate-workbooks");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> workbooks = worker.submit(() -> {
                writeWorkbooks(inbox, legacyScience, workbookRejects);
                return null;
            });
            try (TruthFiles truth = new TruthFiles(out.resolve("truth"), options.asOf())) {
                writeCsvFiles(inbox, out, truth);
                await(workbooks);
                truth.appendRejects(workbookRejects);
                return new Summary(options.enterprises(), truth.reviewLines(), truth.exceptionLines(), truth.rejectLines(),
                        Layouts.scienceFile(options.asOf(), legacyScience));
            }
        } finally {
            worker.shutdownNow();
            Files.deleteIfExists(workbookRejects);
        }
    }

    private static void await(Future<?> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the workbooks were written");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("writing the workbooks failed", e.getCause());
        }
    }

    /** market CSV, exchange CSV, and the truth files. */
    private void writeCsvFiles(Path inbox, Path out, TruthFiles truth) throws IOException {
        try (CsvLines market = new CsvLines(inbox.resolve("market").resolve(Layouts.marketFile(options.asOf())), GB18030, "\r\n");
             CsvLines exchange = new CsvLines(out.resolve("exchange").resolve("finance_equity.csv"), StandardCharsets.UTF_8, "\n")) {
            market.writeRaw(String.join(",", Layouts.MARKET));
            exchange.writeRaw(Layouts.EXCHANGE_HEADER);
            for (int i = 0; i < options.enterprises(); i++) {
                Firm firm = factory.firm(i);
                writeMarket(firm, market, truth);
                for (String[] row : firm.exchange) {
                    exchange.write((Object[]) row);
                }
                truth.firm(firm);
            }
        }
    }

    /** tax, science, finance and registry workbooks; their rejects go to {@code rejectsFile} (no header). */
    private void writeWorkbooks(Path inbox, boolean legacyScience, Path rejectsFile) throws IOException {
        int lastYear = options.lastYear();
        List<SheetFeedWriter> tax = new ArrayList<>(3);
        try (CsvLines rejects = new CsvLines(rejectsFile, StandardCharsets.UTF_8, "\n");
             SheetFeedWriter science = legacyScience
                     ? SheetFeedWriter.xls(inbox.resolve("science").resolve(Layouts.scienceFile(options.asOf(), true)),
                     Layouts.SCIENCE_SHEET, Layouts.SCIENCE, options.asOf())
                     : SheetFeedWriter.xlsx(inbox.resolve("science").resolve(Layouts.scienceFile(options.asOf(), false)),
                     Layouts.SCIENCE_SHEET, List.of(), Layouts.SCIENCE, options.maxRowsPerSheet(), options.asOf());
             SheetFeedWriter finance = SheetFeedWriter.xlsx(inbox.resolve("finance").resolve(Layouts.financeFile(options.asOf())),
                     Layouts.FINANCE_SHEET, List.of(), Layouts.FINANCE, options.maxRowsPerSheet(), options.asOf());
             SheetFeedWriter registry = SheetFeedWriter.xlsx(inbox.resolve("registry").resolve(Layouts.registryFile(options.asOf())),
                     Layouts.REGISTRY_SHEET, List.of(), Layouts.REGISTRY, options.maxRowsPerSheet(), options.asOf())) {
            for (int t = 0; t < 3; t++) {
                int year = lastYear - 2 + t;
                String unit = t == options.yuanTaxFile() ? "元" : "万元";
                List<String> preamble = t == 1 ? List.of(Layouts.taxTitle(year), "") : List.of(Layouts.taxTitle(year));
                tax.add(SheetFeedWriter.xlsx(inbox.resolve("tax").resolve(Layouts.taxFile(year)), Layouts.taxSheet(year),
                        preamble, Layouts.tax(unit, t == 0), options.maxRowsPerSheet(), options.asOf()));
            }
            for (int i = 0; i < options.enterprises(); i++) {
                Firm firm = factory.firm(i);
                for (int t = 0; t < 3; t++) {
                    writeSheetRows(Feed.TAX, firm.tax.get(t), tax.get(t), rejects);
                }
                writeSheetRows(Feed.SCIENCE, firm.science, science, rejects);
                writeSheetRows(Feed.FINANCE, firm.finance, finance, rejects);
                writeSheetRows(Feed.REGISTRY, firm.registry, registry, rejects);
            }
        } finally {
            for (SheetFeedWriter writer : tax) {
                writer.close();
            }
        }
    }

    private static void writeMarket(Firm firm, CsvLines market, TruthFiles truth) throws IOException {
        for (SourceRow row : firm.market) {
            if (row.blankBefore()) {
                market.write(new Object[Layouts.MARKET.size()]);
            }
            int line = market.write(row.cells());
            if (row.rejected()) {
                truth.reject(Feed.MARKET.code(), market.fileName(), "", line,
                        row.rejectColumn() < 0 ? "" : Layouts.MARKET.get(row.rejectColumn()), row.defect());
            }
        }
    }

    private static void writeSheetRows(Feed feed, List<SourceRow> rows, SheetFeedWriter writer, CsvLines rejects) throws IOException {
        for (SourceRow row : rows) {
            SheetFeedWriter.Position at = writer.write(row);
            if (row.rejected()) {
                rejects.write(feed.code(), writer.fileName(), at.sheet(), at.rowNo(),
                        row.rejectColumn() < 0 ? "" : writer.column(row.rejectColumn()), row.defect());
            }
        }
    }

    /** True when science's data rows fit one BIFF8 sheet; counts them only when that is in doubt. */
    private boolean scienceFitsXls() {
        int maxRowsPerFirm = 3; // own row, its duplicate or a ghost, one blank row
        if ((long) options.enterprises() * maxRowsPerFirm <= GeneratorOptions.XLS_MAX_DATA_ROWS) {
            return true;
        }
        long rows = 0;
        for (int i = 0; i < options.enterprises(); i++) {
            rows += factory.scienceRowCount(i);
            if (rows > GeneratorOptions.XLS_MAX_DATA_ROWS) {
                return false;
            }
        }
        return true;
    }
}
