package cn.qeregistry.exceptions;

import cn.qeregistry.core.Tier;

import java.util.List;

/**
 * Which register items to list or export; every part is optional (null = any). {@code region} is a
 * division code covering its counties, {@code tier} keeps firms holding that tier, and
 * {@code executionId} keeps the items last seen by that job execution (the night's items).
 */
public record ExceptionFilter(String region, Tier tier, ExceptionStatus status, ExceptionCategory category,
                              Long executionId) {

    public ExceptionFilter {
        if (region != null && !Region.isCode(region)) {
            throw new IllegalArgumentException("a region code has six digits (e.g. 420100), got '" + region + "'");
        }
    }

    public static ExceptionFilter all() {
        return new ExceptionFilter(null, null, null, null, null);
    }

    public ExceptionFilter withRegion(String code) {
        return new ExceptionFilter(code, tier, status, category, executionId);
    }

    public ExceptionFilter withStatus(ExceptionStatus value) {
        return new ExceptionFilter(region, tier, value, category, executionId);
    }

    public ExceptionFilter withCategory(ExceptionCategory value) {
        return new ExceptionFilter(region, tier, status, value, executionId);
    }

    public ExceptionFilter withExecution(Long value) {
        return new ExceptionFilter(region, tier, status, category, value);
    }

    /**
     * This filter narrowed to what a region-limited actor may see: the actor's region unless the
     * filter already asks for a region inside it.
     */
    public ExceptionFilter within(Actor actor) {
        if (actor.regionCode() == null || actor.roles().contains("ADMIN")
                || (region != null && Region.covers(actor.regionCode(), region))) {
            return this;
        }
        return withRegion(actor.regionCode());
    }

    /** The SQL conditions (joined with and, starting with " where") over exception_item {@code alias}. */
    public String where(String alias, List<Object> params) {
        StringBuilder sql = new StringBuilder(" where true");
        if (region != null) {
            sql.append(" and ").append(alias).append(".region_code like ?");
            params.add(Region.likePattern(region));
        }
        if (tier != null) {
            sql.append(" and exists (select 1 from tier_holding t where t.uscc = ").append(alias).append(".uscc and t.tier = ?)");
            params.add(tier.name());
        }
        if (status != null) {
            sql.append(" and ").append(alias).append(".status = ?");
            params.add(status.name());
        }
        if (category != null) {
            sql.append(" and ").append(alias).append(".category = ?");
            params.add(category.name());
        }
        if (executionId != null) {
            sql.append(" and ").append(alias).append(".last_execution_id = ?");
            params.add(executionId);
        }
        return sql.toString();
    }
}
