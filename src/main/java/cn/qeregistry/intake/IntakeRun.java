package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FeedMappings;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.List;

/**
 * One execution of an intake step: its reader, processor, writer and reject recorder, made from the
 * feed's mapping file as it is when the step starts. A mapping corrected while the application runs
 * is taken by the next run or restart, and a restart still resumes where the last commit ended: the
 * reader is opened on the step's saved execution context after it is made. A mapping that cannot be
 * read fails the step at its start, the mapping's message (file, key, reason) first in its exit
 * description.
 *
 * <p>The step bean holds only the delegates below; they find the run of their step execution in
 * Spring Batch's step context (bound to the thread running the step), so two jobs running the same
 * step at once do not share a reader.
 */
final class IntakeRun {

    /** Makes the parts of a run from the mapping read at step start. */
    interface Parts {
        IntakeRun make(FeedMapping mapping, long jobExecutionId);
    }

    private static final String ATTRIBUTE = IntakeRun.class.getName();

    private final InboxReader reader;
    private final IntakeProcessor processor;
    private final StagingWriter writer;
    private final RejectRecorder recorder;

    IntakeRun(InboxReader reader, IntakeProcessor processor, StagingWriter writer, RejectRecorder recorder) {
        this.reader = reader;
        this.processor = processor;
        this.writer = writer;
        this.recorder = recorder;
    }

    static ItemProcessor<IntakeItem, StagedOutput> processor() {
        return item -> current().processor.process(item);
    }

    static ItemWriter<StagedOutput> writer() {
        return chunk -> current().writer.write(chunk);
    }

    static SkipPolicy skipPolicy() {
        return (failure, skipCount) -> current().recorder.shouldSkip(failure, skipCount);
    }

    private static IntakeRun current() {
        IntakeRun run = startedOrNull();
        if (run == null) {
            throw new IllegalStateException("no intake step execution is running on this thread");
        }
        return run;
    }

    private static IntakeRun startedOrNull() {
        StepContext context = StepSynchronizationManager.getContext();
        return context == null ? null : (IntakeRun) context.getAttribute(ATTRIBUTE);
    }

    /** Makes the run when the step starts; at its end gives the step its verdict from the deliveries it settled. */
    static final class Start implements StepExecutionListener {
        private final Feed feed;
        private final FeedMappings mappings;
        private final Parts parts;
        private final DeliveryStore deliveries;

        Start(Feed feed, FeedMappings mappings, Parts parts, DeliveryStore deliveries) {
            this.feed = feed;
            this.mappings = mappings;
            this.parts = parts;
            this.deliveries = deliveries;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            FeedMapping mapping = mappings.current(feed); // a MappingException here fails the step with its message
            StepSynchronizationManager.getContext().setAttribute(ATTRIBUTE, parts.make(mapping, stepExecution.getJobExecutionId()));
        }

        @Override
        public ExitStatus afterStep(StepExecution stepExecution) {
            if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
                return null; // an exception already failed it; its message is the exit description
            }
            List<DeliveryStore.Settled> settled = deliveries.settledBy(feed.code(), stepExecution.getJobExecutionId());
            String summary = StepVerdict.describe(feed.code(), settled);
            if (settled.stream().anyMatch(d -> d.status().equals(DeliveryStore.FAILED))) {
                stepExecution.setStatus(BatchStatus.FAILED);
                return new ExitStatus(ExitStatus.FAILED.getExitCode(), summary);
            }
            return new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary);
        }
    }

    /** The step's reader and stream: the run's inbox reader, opened on the step's execution context. */
    static final class Reader implements ItemStreamReader<IntakeItem> {

        @Override
        public void open(ExecutionContext context) {
            current().reader.open(context);
        }

        @Override
        public IntakeItem read() {
            return current().reader.read();
        }

        @Override
        public void update(ExecutionContext context) {
            current().reader.update(context);
        }

        @Override
        public void close() {
            IntakeRun run = startedOrNull(); // none when the mapping failed the step at its start
            if (run != null) {
                run.reader.close();
            }
        }
    }

    /** Records a rejected row with the run's reject recorder. */
    static final class Skips implements SkipListener<IntakeItem, StagedOutput> {

        @Override
        public void onSkipInProcess(IntakeItem item, Throwable failure) {
            current().recorder.onSkipInProcess(item, failure);
        }
    }
}
