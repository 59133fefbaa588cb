package cn.qeregistry.exceptions;

/**
 * What one sync did: problems seen in this execution, new items, items reopened (resolved ones
 * seen again, waived ones whose evidence changed) and items closed because their problem is gone.
 */
public record SyncResult(long executionId, Long reviewRunId, int seen, int opened, int reopened, int resolved) {
}
