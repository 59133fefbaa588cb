package cn.qeregistry.console.runs;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Live progress of a running step: rows read so far and the rate since it started; with the rows
 * expected (known for intake steps from their deliveries) also the share done and an estimate of the end.
 */
public record StepProgress(String step, long rowsDone, Long rowsExpected, double ratePerSecond, Duration eta) {

    public static StepProgress of(RunQueries.StepRun step, Long expected, LocalDateTime now) {
        long done = step.read();
        double seconds = step.start() == null ? 0 : Math.max(Duration.between(step.start(), now).toMillis() / 1000.0, 0.001);
        double rate = seconds == 0 ? 0 : done / seconds;
        Duration eta = null;
        if (expected != null && rate > 0 && expected >= done) {
            eta = Duration.ofSeconds(Math.round((expected - done) / rate));
        }
        return new StepProgress(step.name(), done, expected, rate, eta);
    }

    /** The feed an intake step reads ({@code intake.tax} → {@code tax}), or null for other steps. */
    public static String feedOf(String stepName) {
        return stepName.startsWith("intake.") ? stepName.substring("intake.".length()) : null;
    }

    public Integer percent() {
        return rowsExpected == null || rowsExpected == 0 ? null : (int) Math.min(100, rowsDone * 100 / rowsExpected);
    }

    public String rate() {
        return String.format("%.1f", ratePerSecond);
    }

    public String etaText() {
        return eta == null ? "" : String.format("%d:%02d:%02d", eta.toHours(), eta.toMinutesPart(), eta.toSecondsPart());
    }
}
