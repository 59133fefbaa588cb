package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FeedMappings;
import cn.qeregistry.intake.normalise.RowNormaliser;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.JobRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds the chunk-oriented step of a feed: inbox reader → normalising processor → COPY writer,
 * fault tolerant for rejected rows only, failing when a delivery cannot be taken. Its parts are made
 * at each step start from the mapping file as it is then ({@link IntakeRun}).
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
    private final Map<Feed, Counter> rowsRead = new EnumMap<>(Feed.class);

    IntakeStepFactory(JobRepository jobRepository, PlatformTransactionManager transactions, FeedMappings mappings,
                      DeliveryStore deliveries, Staging staging, RejectStore rejects, ExchangeDatabase exchange, JdbcClient jdbc,
                      @Value("${qe.intake.chunk-size:1000}") int chunkSize,
                      @Value("${qe.intake.credit-code-allow-list:}") String allowList, ObjectProvider<MeterRegistry> meters) {
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
        // every feed's counter from the start, so that the rate is 0 rather than absent before its first run
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        for (Feed feed : Feed.values()) {
            rowsRead.put(feed, Counter.builder(RowsReadMeter.NAME).tag("feed", feed.code())
                    .description("Source rows read by the feed's intake on this node").register(registry));
        }
    }

    static String stepName(Feed feed) {
        return "intake." + feed.code();
    }

    Step build(Feed feed, StepListener... extraListeners) {
        return build(stepName(feed), feed, extraListeners);
    }

    Step build(String name, Feed feed, StepListener... extraListeners) {
        var builder = new StepBuilder(name, jobRepository).<IntakeItem, StagedOutput>chunk(chunkSize)
                .transactionManager(transactions)
                .reader(new IntakeRun.Reader())
                .processor(IntakeRun.processor())
                .writer(IntakeRun.writer())
                .listener(new IntakeRun.Start(feed, mappings, this::run, deliveries))
                .faultTolerant()
                .skipPolicy(IntakeRun.skipPolicy())
                .skipListener(new IntakeRun.Skips())
                .listener(new RowsReadMeter(rowsRead.get(feed)));
        for (StepListener listener : extraListeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** The parts of one step execution, made from the mapping as its file is when the step starts. */
    private IntakeRun run(FeedMapping mapping, long jobExecutionId) {
        Supplier<Long> job = () -> jobExecutionId;
        InboxReader reader = new InboxReader(mapping, home, deliveries, exchange, jdbc, job);
        RowNormaliser normaliser = new RowNormaliser(mapping, creditCodeAllowList, () -> LocalDate.now(JobRunner.ZONE));
        return new IntakeRun(reader,
                new IntakeProcessor(normaliser, reader, mapping.key().stream().mapToInt(mapping::indexOf).toArray()),
                new StagingWriter(mapping, staging, deliveries, jdbc, job),
                new RejectRecorder(mapping.feed(), mapping.indexOf("uscc"), rejects));
    }
}
