package cn.qeregistry.runs;

import org.springframework.batch.core.job.flow.FlowJob;

import java.util.Collection;
import java.util.List;

/**
 * A job whose steps include a parallel group: a Spring Batch flow job that lists its steps in the
 * order of its definition file (the flow job's own list follows a hash map), so that the console's
 * "steps a restart runs again" reads in file order.
 */
final class DeclaredJob extends FlowJob {

    private final List<String> stepNames;

    DeclaredJob(String name, List<String> stepNames) {
        super(name);
        this.stepNames = List.copyOf(stepNames);
    }

    @Override
    public Collection<String> getStepNames() {
        return stepNames;
    }
}
