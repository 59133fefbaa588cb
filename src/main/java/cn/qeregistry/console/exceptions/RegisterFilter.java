package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.web.FilterValues;
import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.ExceptionFilter;
import cn.qeregistry.exceptions.ExceptionStatus;

/**
 * The register's request parameters as one {@link ExceptionFilter}, shared by the page, its download
 * and the API, so that a download holds exactly the rows on screen. The region is narrowed to the user's.
 */
final class RegisterFilter {

    private RegisterFilter() {
    }

    static ExceptionFilter of(String region, String status, String category, String tier, Long run) {
        return new ExceptionFilter(FilterValues.narrowedRegion(region), FilterValues.code(Tier.class, "tier", tier),
                FilterValues.code(ExceptionStatus.class, "status", status),
                FilterValues.code(ExceptionCategory.class, "category", category), run);
    }
}
