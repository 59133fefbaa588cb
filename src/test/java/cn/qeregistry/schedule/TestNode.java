package cn.qeregistry.schedule;

import cn.qeregistry.QeRegistryApplication;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application instance ("node") on the shared test database, started the way a server starts,
 * with its own Quartz instance id. Several can run at once in one JVM, like servers on one database.
 */
final class TestNode {

    private TestNode() {
    }

    static ConfigurableApplicationContext start(String configDir, String instanceId, boolean schedulerRunning,
                                                String... extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String property : List.of(
                "qe.jobs-dir=" + configDir + "/jobs",
                "spring.quartz.auto-startup=" + schedulerRunning,
                "spring.quartz.wait-for-jobs-to-complete-on-shutdown=true",
                "spring.quartz.properties.org.quartz.scheduler.instanceId=" + instanceId,
                "spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                "qe.schedule.recover-at-start-up=false",
                "qe.schedule.load-at-start-up=true",
                "spring.main.banner-mode=off")) {
            put(properties, property);
        }
        for (String property : extraProperties) {
            put(properties, property); // a test's own value replaces the default above
        }
        return new SpringApplicationBuilder(QeRegistryApplication.class, Steps.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory().registerSingleton("onlyMainClasses", new OnlyMainClasses()))
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                        .toArray(String[]::new)); // arguments, so they win over application.properties
    }

    private static void put(Map<String, String> properties, String property) {
        int eq = property.indexOf('=');
        properties.put(property.substring(0, eq), property.substring(eq + 1));
    }

    /** Removes a test job's rows from Spring Batch's tables and this feature's tables. */
    static void forgetJob(JdbcClient jdbc, String job) {
        String executions = "select e.job_execution_id from batch_job_execution e join batch_job_instance i"
                + " on i.job_instance_id = e.job_instance_id where i.job_name = :job";
        String steps = "select step_execution_id from batch_step_execution where job_execution_id in (" + executions + ")";
        for (String sql : List.of(
                "delete from batch_step_execution_context where step_execution_id in (" + steps + ")",
                "delete from batch_step_execution where job_execution_id in (" + executions + ")",
                "delete from batch_job_execution_context where job_execution_id in (" + executions + ")",
                "delete from batch_job_execution_params where job_execution_id in (" + executions + ")",
                "delete from schedule_execution_owner where job_execution_id in (" + executions + ")",
                "delete from batch_job_execution where job_instance_id in (select job_instance_id from batch_job_instance where job_name = :job)",
                "delete from batch_job_instance where job_name = :job",
                "delete from schedule_fire where job_name = :job",
                "delete from schedule_run_guard where job_name = :job")) {
            jdbc.sql(sql).param("job", job).update();
        }
    }

    /** Keeps other test classes' configurations (which scanning would find on the test class path) out of a node. */
    static class OnlyMainClasses extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }
    }

    /** The steps of the test jobs in src/test/resources/schedule/…/jobs. */
    static class Steps {

        /** Completes after a short while, long enough that fires of both nodes overlap with it. */
        @Bean
        Step tickStep(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("schedule.tick", repository)
                    .tasklet((contribution, chunk) -> {
                        Thread.sleep(1500);
                        return RepeatStatus.FINISHED;
                    }, transactions)
                    .build();
        }

        @Bean
        Step quickStep(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("schedule.quick", repository)
                    .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactions)
                    .build();
        }
    }
}
