package cn.qeregistry.review;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the tier holders into {@code gridSize} credit-code ranges of (nearly) equal holder counts, by
 * ntile over the distinct holder codes: partition i reviews the codes after {@code review.from} up to
 * {@code review.to} inclusive; the last partition has no upper bound, so a holder added between a
 * failure and its restart is still reviewed. Always exactly {@code gridSize} partitions (some empty
 * when there are fewer holders), named {@code partition0..n-1}, so a restart finds the same names.
 */
final class HolderRanges implements Partitioner {

    static final String FROM = "review.from";
    static final String TO = "review.to";

    private final JdbcTemplate jdbc;

    HolderRanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<String> upperBounds = jdbc.queryForList("""
                select max(uscc) from (select uscc, ntile(?) over (order by uscc) tile from (select distinct uscc from tier_holding) h) t
                 group by tile order by tile""", String.class, gridSize);
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < gridSize; i++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(FROM, i == 0 ? "" : bound(upperBounds, i - 1));
            if (i < gridSize - 1) {
                context.putString(TO, bound(upperBounds, i));
            }
            partitions.put("partition" + i, context);
        }
        return partitions;
    }

    private static String bound(List<String> upperBounds, int i) {
        return upperBounds.isEmpty() ? "" : upperBounds.get(Math.min(i, upperBounds.size() - 1)).trim();
    }
}
