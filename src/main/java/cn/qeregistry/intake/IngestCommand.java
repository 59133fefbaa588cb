package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.platform.UsageException;
import cn.qeregistry.runs.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ingest --feed=FEED FILE…}: copies the files into the feed's inbox and runs job
 * {@code intake.<feed>} (jobs/intake-<feed>.job.yml, the feed's step alone) as a new instance for
 * the date ({@code --date}, default today); exit 0 when it completed, 1 otherwise.
 */
@Component
class IngestCommand implements Command {

    private final JobRunner runner;
    private final PrintStream out = System.out;

    IngestCommand(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public int run(Arguments arguments) throws Exception {
        String code = arguments.required("feed");
        Feed feed = Feed.fromCode(code).orElseThrow(() -> new UsageException("unknown feed '" + code
                + "' (feeds: market, tax, science, finance, registry)"));
        if (arguments.positional().isEmpty()) {
            throw new UsageException("name at least one file to ingest");
        }
        List<Path> files = new ArrayList<>();
        for (String name : arguments.positional()) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new UsageException("no such file: " + name);
            }
            files.add(file);
        }
        String jobName = IntakeStepFactory.stepName(feed);
        Job job = runner.job(jobName).orElseThrow(() -> new IllegalStateException(
                "job '" + jobName + "' is not defined (jobs/intake-" + feed.code() + ".job.yml)"));
        Path inbox = QeHome.ensure(QeHome.resolve().inbox(feed.code()));
        for (Path file : files) {
            copy(file, inbox.resolve(file.getFileName()));
        }
        LocalDate date = arguments.date("date").orElseGet(JobRunner::today);
        // each ingest is its own job instance, so the same date can take several batches of files
        JobRunner.Launch launch = runner.run(job, date, Map.of("ingest", String.valueOf(System.currentTimeMillis())));
        JobExecution execution = launch.execution();
        out.printf("%s %s execution %d: %s%n", jobName, date, execution.getId(), execution.getStatus());
        for (StepExecution step : execution.getStepExecutions()) {
            out.println(step.getExitStatus().getExitDescription());
        }
        return execution.getStatus() == BatchStatus.COMPLETED ? OK : FAILED;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + from + " into the inbox: " + e.getMessage(), e);
        }
    }
}
