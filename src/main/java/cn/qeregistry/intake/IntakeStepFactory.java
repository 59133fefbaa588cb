package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FeedMappings;
import cn.qeregistry.intake.normalise.RowNormaliser;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Builds the chunk-oriented step of a feed: inbox reader → normalising processor → COPY writer,
 * fault tolerant for rejected rows only, failing when a delivery cannot be taken.
 */
@Component
class IntakeStepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactions;
    private final FeedMappings mappings;
    private final QeHome home = QeHome.resolve();
    private final DeliveryStore deliveries;
    private final Staging staging;
    private final RejectStore rejects;
    private final ExchangeDatabase exchange;
    private final JdbcClient jdbc;
    private final int chunkSize;
    private final Set<String> creditCodeAllowList;

    IntakeStepFactory(JobRepository jobRepository, PlatformTransactionManager transactions, FeedMappings mappings,
                      DeliveryStore deliveries, Staging staging, RejectStore rejects, ExchangeDatabase exchange, JdbcClient jdbc,
                      @Value("${qe.intake.chunk-size:1000}") int chunkSize,
                      @Value("${qe.intake.credit-code-allow-list:}") String allowList) {
        this.jobRepository = jobRepository;
        this.transactions = transactions;
        this.mappings = mappings;
        this.deliveries = deliveries;
        this.staging = staging;
        this.rejects = rejects;
        this.exchange = exchange;
        this.jdbc = jdbc;
        this.chunkSize = chunkSize;
        this.creditCodeAllowList = Arrays.stream(allowList.split(","))
                .map(cn.qeregistry.core.CreditCode::normalise).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    static String stepName(Feed feed) {
        return "intake." + feed.code();
    }

    Step build(Feed feed, StepListener... extraListeners) {
        return build(stepName(feed), feed, extraListeners);
    }

    Step build(String name, Feed feed, StepListener... extraListeners) {
        if (!mappings.available(feed)) {
            return new StepBuilder(name, jobRepository).tasklet((contribution, context) -> {
                mappings.of(feed); // says which folder is missing
                return null;
            }, transactions).build();
        }
        FeedMapping mapping = mappings.of(feed);
        AtomicLong jobExecutionId = new AtomicLong();
        InboxReader reader = new InboxReader(mapping, home, deliveries, exchange, jdbc, jobExecutionId::get);
        RowNormaliser normaliser = new RowNormaliser(mapping, creditCodeAllowList, () -> LocalDate.now(JobRunner.ZONE));
        RejectRecorder recorder = new RejectRecorder(mapping.feed(), mapping.indexOf("uscc"), rejects);
        var builder = new StepBuilder(name, jobRepository).<IntakeItem, StagedOutput>chunk(chunkSize)
                .transactionManager(transactions)
                .reader(reader)
                .processor(new IntakeProcessor(normaliser, reader, mapping.key().stream().mapToInt(mapping::indexOf).toArray()))
                .writer(new StagingWriter(mapping, staging, deliveries, jdbc, jobExecutionId::get))
                .listener(new Outcome(mapping, deliveries, jobExecutionId))
                .faultTolerant()
                .skipPolicy(recorder)
                .skipListener(recorder);
        for (StepListener listener : extraListeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** Gives the step its job execution and, at its end, its verdict from the deliveries it settled. */
    static final class Outcome implements StepExecutionListener {
        private final FeedMapping mapping;
        private final DeliveryStore deliveries;
        private final AtomicLong jobExecutionId;

        Outcome(FeedMapping mapping, DeliveryStore deliveries, AtomicLong jobExecutionId) {
            this.mapping = mapping;
            this.deliveries = deliveries;
            this.jobExecutionId = jobExecutionId;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            jobExecutionId.set(stepExecution.getJobExecutionId());
        }

        @Override
        public ExitStatus afterStep(StepExecution stepExecution) {
            if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
                return null; // an exception already failed it; its message is the exit description
            }
            List<DeliveryStore.Settled> settled = deliveries.settledBy(mapping.feed(), stepExecution.getJobExecutionId());
            String summary = StepVerdict.describe(mapping.feed(), settled);
            if (settled.stream().anyMatch(d -> d.status().equals(DeliveryStore.FAILED))) {
                stepExecution.setStatus(BatchStatus.FAILED);
                return new ExitStatus(ExitStatus.FAILED.getExitCode(), summary);
            }
            return new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary);
        }
    }
}
