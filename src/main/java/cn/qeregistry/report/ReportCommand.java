package cn.qeregistry.report;

import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.ExceptionStatus;
import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;
import cn.qeregistry.review.ReviewComparison;
import cn.qeregistry.review.WhatIfReview;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code report exceptions|review|master --out=FILE [--format=xlsx|csv] [--lang=zh|en] [--region=CODE]
 * [--tier=TIER] [--status=STATUS] [--category=CATEGORY] [--run=EXECUTION_ID] [--date=YYYY-MM-DD]}.
 */
@Component
class ReportCommand implements Command {

    private final ReportService reports;
    private final WhatIfReview whatIf;
    private final ReviewComparison comparison;

    ReportCommand(ReportService reports, WhatIfReview whatIf, ReviewComparison comparison) {
        this.reports = reports;
        this.whatIf = whatIf;
        this.comparison = comparison;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public int run(Arguments arguments) throws Exception {
        if (arguments.positional().size() != 1) {
            throw new UsageException("name one report: exceptions, review or master");
        }
        Path out = Path.of(arguments.required("out"));
        if (arguments.has("compare")) {
            return compare(arguments, out);
        }
        ReportRequest request;
        try {
            request = new ReportRequest(
                    ReportKind.parse(arguments.positional().get(0)),
                    arguments.option("format").map(ReportFormat::parse).orElse(ReportFormat.forFileName(out.toString())),
                    arguments.option("lang").map(Lang::parse).orElse(Lang.ZH),
                    arguments.option("region").orElse(null),
                    arguments.option("tier").map(ReportCommand::tier).orElse(null),
                    arguments.option("status").map(s -> ExceptionStatus.fromCode(s).orElseThrow(() -> new UsageException(
                            "--status must be one of " + Arrays.toString(ExceptionStatus.values()) + ", got '" + s + "'"))).orElse(null),
                    arguments.option("category").map(c -> ExceptionCategory.fromCode(c).orElseThrow(() -> new UsageException(
                            "--category must be one of " + Arrays.toString(ExceptionCategory.values()) + ", got '" + c + "'"))).orElse(null),
                    arguments.number("run").orElse(null),
                    arguments.date("date").orElseGet(() -> LocalDate.now(Cells.ZONE)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ReportFile file = reports.writeFile(request, out);
        System.out.println("wrote " + file.rows() + " rows to " + file.path() + " (" + file.bytes() + " bytes)");
        return OK;
    }

    /**
     * {@code report review --compare=RULES_FILE --out=FILE.csv [--date=D] [--lang=en]}: evaluates a
     * draft rule set at D without touching live results and writes who would newly fail or pass.
     */
    private int compare(Arguments arguments, Path out) {
        if (!"review".equals(arguments.positional().get(0))) {
            throw new UsageException("--compare applies to the review report only");
        }
        if (!out.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new UsageException("the comparison is written as CSV: --out must end with .csv");
        }
        LocalDate date = arguments.date("date").orElseGet(() -> LocalDate.now(Cells.ZONE));
        ReviewComparison.Run draft = whatIf.evaluate(date, arguments.required("compare"));
        comparison.writeCsv(draft.id(), out, arguments.option("lang").map(Lang::parse).orElse(Lang.ZH) == Lang.EN);
        System.out.println(comparison.summarise(draft.id()).text());
        System.out.println("wrote the comparison to " + out.toAbsolutePath());
        return OK;
    }

    private static Tier tier(String value) {
        String code = value.toUpperCase(Locale.ROOT);
        return Tier.fromCode(code)
                .or(() -> Arrays.stream(Tier.values()).filter(t -> t.chinese().equals(value)).findFirst())
                .orElseThrow(() -> new UsageException("--tier must be one of " + Arrays.toString(Tier.values()) + ", got '" + value + "'"));
    }
}
