package cn.qeregistry.runs;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.platform.UsageException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code run [JOB] [--date=…]}: runs a job for a business date to its end; 0 when COMPLETED. */
@Component
class RunCommand implements Command {

    private final JobRunner runner;
    private final List<RunPreparation> preparations;

    RunCommand(JobRunner runner, List<RunPreparation> preparations) {
        this.runner = runner;
        this.preparations = preparations;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public int run(Arguments arguments) throws Exception {
        if (arguments.positional().size() > 1) {
            throw new UsageException("run takes one job name, got " + arguments.positional());
        }
        String jobName = arguments.positional().isEmpty() ? "nightly" : arguments.positional().get(0);
        Job job = runner.job(jobName).orElseThrow(() -> new UsageException(
                "no job named '" + jobName + "' (jobs: " + String.join(", ", runner.jobNames()) + ")"));
        LocalDate date = arguments.date("date").orElseGet(JobRunner::today);
        Map<String, String> extra = new LinkedHashMap<>();
        arguments.option("feed").ifPresent(feed -> extra.put("feed", Feed.fromCode(feed)
                .orElseThrow(() -> new UsageException("unknown feed '" + feed + "'")).code()));
        arguments.option("rules").ifPresent(rules -> extra.put("rules", rules));
        for (RunPreparation preparation : preparations) {
            preparation.beforeRun(jobName, date).ifPresent(System.out::println);
        }
        JobRunner.Launch launch = runner.run(job, date, extra);
        if (!launch.ran()) {
            System.out.println(launch.refusal());
            return launch.refusal().contains("COMPLETED") ? OK : FAILED;
        }
        ExecutionSummary.print(launch.execution(), System.out);
        boolean completed = launch.execution().getStatus() == BatchStatus.COMPLETED;
        System.out.println(completed
                ? "reports of the night: " + QeHome.resolve().reports().resolve(date.toString())
                        + "; the console (start without a command) shows runs, exceptions and enterprises"
                : "see why with 'status', fix the cause, then 'restart " + launch.execution().getId() + "'");
        return completed ? OK : FAILED;
    }
}
