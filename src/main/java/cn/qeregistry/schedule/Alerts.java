package cn.qeregistry.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.springframework.stereotype.Component;

/**
 * Events for the ops alert rules: an ERROR log line with the SLF4J marker {@code QE_ALERT} and the
 * message prefix {@code QE_ALERT <job> <KIND> date=… execution=…}, plus the Micrometer counter
 * {@code qe.job.alerts{job,kind}}; failures also count in {@code qe.job.failures{job}}.
 */
@Component
public class Alerts {

    public static final Marker MARKER = MarkerFactory.getMarker("QE_ALERT");
    private static final Logger log = LoggerFactory.getLogger("cn.qeregistry.alert");

    /** What went wrong: a run ended FAILED, is still running past the threshold, or could not be launched. */
    public enum Kind { FAILED, LONG_RUNNING, LAUNCH_FAILED }

    private final MeterRegistry metrics;

    Alerts(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void raise(Kind kind, String job, Object date, Object executionId, String detail) {
        log.error(MARKER, "QE_ALERT {} {} date={} execution={} {}", job, kind, date, executionId, detail);
        metrics.counter("qe.job.alerts", "job", job, "kind", kind.name()).increment();
        if (kind != Kind.LONG_RUNNING) {
            metrics.counter("qe.job.failures", "job", job).increment();
        }
    }
}
