package cn.qeregistry.master;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@code master} step of the nightly job. */
@Configuration(proxyBeanMethods = false)
class MasterConfiguration {

    static final String STEP = "master";

    @Bean
    Step masterStep(JobRepository repository, PlatformTransactionManager transactions, JdbcClient jdbc,
                    SurvivorshipRules rules) {
        return new StepBuilder(STEP, repository).tasklet(new MasterBuild(jdbc, rules), transactions).build();
    }
}
