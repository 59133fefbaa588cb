package cn.qeregistry.exceptions;

/** A status change that was not made, and why; the console maps the reason to 404, 403 or 409/400. */
public class FollowUpRefused extends RuntimeException {

    public enum Reason { NOT_FOUND, FORBIDDEN, NOT_ALLOWED }

    private final Reason reason;

    public FollowUpRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
