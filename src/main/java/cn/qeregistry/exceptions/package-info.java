/**
 * The exception register: staff's to-do list across nights.
 *
 * <p>{@link cn.qeregistry.exceptions.RegisterSync} turns the current problems into items, set-based:
 * rejects and duplicates of deliveries that are not SUPERSEDED or DUPLICATE, the master step's
 * issues, and the non-PASS results of the latest live review run (FAIL → REVIEW_FAIL, WARN →
 * REVIEW_WARN, DATA_GAP → DATA_GAP). An item's identity is
 * {@code category|uscc|feed-or-rule|field|period}; for review items the field is the tier (a firm is
 * reviewed once per tier it holds), for rejects without a credit code the row stands in for it.
 * Re-syncing in the same execution counts the night once; a night without the problem closes the
 * item (RESOLVED, "cleared by run N", actor {@code system}); a resolved item seen again reopens, and
 * a waived one reopens only when its evidence digest (observed, expected, reason; not row numbers)
 * changes.
 *
 * <p>{@link cn.qeregistry.exceptions.FollowUpService} is the only way people change a status; see
 * {@link cn.qeregistry.exceptions.ExceptionStatus#allowedNext()} and
 * {@link cn.qeregistry.exceptions.Actor#refusal(String)}.
 */
package cn.qeregistry.exceptions;
