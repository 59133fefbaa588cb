package cn.qeregistry.report;

import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.ExceptionFilter;
import cn.qeregistry.exceptions.ExceptionStatus;
import cn.qeregistry.exceptions.Region;

import java.time.LocalDate;

/**
 * One report to write: kind, format, language and filters (null = any). {@code executionId} picks the
 * job execution (exceptions last seen by it; the review run it made). {@code date} is the report
 * date: the master report shows facts of fiscal year {@code date.year - 1}.
 */
public record ReportRequest(ReportKind kind, ReportFormat format, Lang lang, String region, Tier tier,
                            ExceptionStatus status, ExceptionCategory category, Long executionId, LocalDate date) {

    public ReportRequest {
        if (kind == null || format == null || lang == null || date == null) {
            throw new IllegalArgumentException("a report needs a kind, format, language and date");
        }
        if (kind == ReportKind.MASTER && (status != null || category != null || executionId != null)) {
            throw new IllegalArgumentException("the master report is filtered by region and tier only");
        }
        if (kind == ReportKind.REVIEW && status != null) {
            throw new IllegalArgumentException("--status filters the exception register, not review results");
        }
        if (kind == ReportKind.REVIEW && category != null && category.name().indexOf("REVIEW") != 0 && category != ExceptionCategory.DATA_GAP) {
            throw new IllegalArgumentException("review results can be filtered by REVIEW_FAIL, REVIEW_WARN or DATA_GAP, not " + category);
        }
        if (region != null && !Region.isCode(region)) {
            throw new IllegalArgumentException("--region must be a division code of six digits (e.g. 420100), got '" + region + "'");
        }
    }

    /** The register filter this request implies (region, tier, status, category, execution). */
    public ExceptionFilter exceptionFilter() {
        return new ExceptionFilter(region, tier, status, category, executionId);
    }
}
