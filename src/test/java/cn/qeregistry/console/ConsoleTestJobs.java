package cn.qeregistry.console;

import cn.qeregistry.runs.CountingReader;
import cn.qeregistry.platform.QeHome;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Steps of the {@code console-test} job: {@code console.prepare} always completes; {@code console.load}
 * reads {@value #ITEMS} items in chunks of 10 and fails at item {@value #FAIL_AT} while the mapping file
 * says "broken" (as a real intake fails on a broken mapping), and sleeps per item while it says "slow".
 */
@TestConfiguration
public class ConsoleTestJobs {

    public static final String JOB = "console-test";
    public static final int ITEMS = 50;
    public static final int FAIL_AT = 35;

    public static Path mapping() {
        return QeHome.resolve().root().resolve("console-test").resolve("mapping.txt");
    }

    public static void writeMapping(String content) {
        try {
            Files.createDirectories(mapping().getParent());
            Files.writeString(mapping(), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String mappingContent() {
        try {
            return Files.exists(mapping()) ? Files.readString(mapping(), StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    Step consolePrepare(JobRepository repository, PlatformTransactionManager transactions) {
        return new StepBuilder("console.prepare", repository)
                .tasklet((contribution, context) -> RepeatStatus.FINISHED, transactions).build();
    }

    @Bean
    Step consoleLoad(JobRepository repository, PlatformTransactionManager transactions) {
        return new StepBuilder("console.load", repository).<Integer, Integer>chunk(10)
                .transactionManager(transactions)
                .reader(new CountingReader(ITEMS))
                .processor(n -> {
                    String mapping = mappingContent();
                    if (mapping.equals("slow")) {
                        Thread.sleep(200);
                    }
                    if (n == FAIL_AT && mapping.equals("broken")) {
                        throw new IllegalStateException("mapping console-test: no column for 研发费用 at item " + n);
                    }
                    return n;
                })
                .writer(chunk -> { })
                .build();
    }
}
