package cn.qeregistry.intake;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * The skip policy and skip listener of an intake step: only {@link RowRejectedException} (a row
 * failing validation) is skippable, without limit here because the feed's reject threshold is
 * judged per delivery once it is read; each skipped row is recorded in intake_reject within the
 * chunk's transaction. Any other exception fails the step.
 */
class RejectRecorder implements SkipPolicy, SkipListener<IntakeItem, StagedOutput> {

    private final String feed;
    private final int usccField;
    private final RejectStore rejects;

    RejectRecorder(String feed, int usccField, RejectStore rejects) {
        this.feed = feed;
        this.usccField = usccField;
        this.rejects = rejects;
    }

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) {
        return rejection(t) != null;
    }

    @Override
    public void onSkipInProcess(IntakeItem item, Throwable t) {
        RowRejectedException rejected = rejection(t);
        if (rejected != null) {
            rejects.reject(feed, rejected.deliveryId(), rejected.row().raw(), rejected.row().layout(), usccField,
                    rejected.problems(), rejected.rowKey());
        }
    }

    /** The rejection, also when the step hands it over wrapped (e.g. in a retry exception). */
    private static RowRejectedException rejection(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof RowRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }
}
