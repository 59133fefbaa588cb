package cn.qeregistry.exceptions;

import java.time.OffsetDateTime;

/** One status change of an item: from, to, who, when and why. */
public record FollowUpEntry(long id, long exceptionId, ExceptionStatus from, ExceptionStatus to, String actor,
                            OffsetDateTime at, String note) {
}
