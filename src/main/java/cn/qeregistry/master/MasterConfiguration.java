package cn.qeregistry.master;

import cn.qeregistry.platform.ConfigFiles;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The survivorship rules (checked at start-up) and the {@code master} step of the nightly job. */
@Configuration(proxyBeanMethods = false)
class MasterConfiguration {

    static final String STEP = "master";

    @Bean
    Survivorship survivorship(ConfigFiles files) {
        return SurvivorshipFile.load(files.mappings());
    }

    @Bean
    Step masterStep(JobRepository repository, PlatformTransactionManager transactions, JdbcClient jdbc, Survivorship rules) {
        return new StepBuilder(STEP, repository).tasklet(new MasterBuild(jdbc, rules), transactions).build();
    }
}
