package cn.qeregistry.console.reports;

import cn.qeregistry.console.web.ConsoleApi;
import cn.qeregistry.console.web.FilterValues;
import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.ExceptionStatus;
import cn.qeregistry.report.Lang;
import cn.qeregistry.report.ReportFormat;
import cn.qeregistry.report.ReportKind;
import cn.qeregistry.report.ReportRequest;
import cn.qeregistry.runs.JobRunner;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.LocalDate;

/**
 * {@code GET /api/reports/{kind}}: the command line's {@code report} for scripts and the pages, streamed.
 * A region-limited user's reports are always of their region; asking for another region is a 403.
 */
@RestController
@ConsoleApi
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReportsApi {

    private final ReportDownload download;

    ReportsApi(ReportDownload download) {
        this.download = download;
    }

    @GetMapping("/api/reports/{kind}")
    void report(@PathVariable String kind, @RequestParam(defaultValue = "xlsx") String format,
                @RequestParam(defaultValue = "zh") String lang, @RequestParam(required = false) String region,
                @RequestParam(required = false) String tier, @RequestParam(required = false) String status,
                @RequestParam(required = false) String category, @RequestParam(required = false) Long run,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                HttpServletResponse response) throws IOException {
        ReportRequest request = new ReportRequest(ReportKind.parse(kind), FilterValues.code(ReportFormat.class, "format", format), Lang.parse(lang),
                FilterValues.regionInScope(region), FilterValues.code(Tier.class, "tier", tier),
                FilterValues.code(ExceptionStatus.class, "status", status),
                FilterValues.code(ExceptionCategory.class, "category", category), run,
                date == null ? JobRunner.today() : date);
        download.send(request, response);
    }
}
