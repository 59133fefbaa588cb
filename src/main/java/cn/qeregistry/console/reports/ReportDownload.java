package cn.qeregistry.console.reports;

import cn.qeregistry.console.security.Auditor;
import cn.qeregistry.report.ReportRequest;
import cn.qeregistry.report.ReportResult;
import cn.qeregistry.report.ReportService;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Streams a report to the browser or script (no copy in memory or on disk) and audits the download
 * as {@code report.download} with the filters it used. The request is validated before anything is
 * written, so a bad filter is still a clean 400.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReportDownload {

    public static final String AUDIT_ACTION = "report.download";

    private final ReportService reports;
    private final Auditor auditor;

    public ReportDownload(ReportService reports, Auditor auditor) {
        this.reports = reports;
        this.auditor = auditor;
    }

    public void send(ReportRequest request, HttpServletResponse response) throws IOException {
        String fileName = request.kind().code() + "-" + request.date()
                + (request.region() == null ? "" : "-" + request.region()) + "." + request.format().extension();
        response.setContentType(request.format().contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OutputStream out = response.getOutputStream();
        ReportResult result = reports.write(request, out);
        out.flush();
        auditor.record(AUDIT_ACTION, fileName, describe(request) + " rows=" + result.rows());
    }

    private static String describe(ReportRequest r) {
        return "kind=" + r.kind().code() + " format=" + r.format().extension() + " lang=" + r.lang().name().toLowerCase(Locale.ROOT)
                + part("region", r.region()) + part("tier", r.tier()) + part("status", r.status())
                + part("category", r.category()) + part("run", r.executionId());
    }

    private static String part(String name, Object value) {
        return value == null ? "" : " " + name + "=" + value;
    }
}
