package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The five intake steps, {@code intake.market} … {@code intake.registry}, for {@code jobs/*.job.yml}:
 * in {@code nightly} and each alone in {@code intake.<feed>} (used by {@code ingest}).
 */
@Configuration
class IntakeSteps {

    @Bean
    Step intakeMarket(IntakeStepFactory factory) {
        return factory.build(Feed.MARKET);
    }

    @Bean
    Step intakeTax(IntakeStepFactory factory) {
        return factory.build(Feed.TAX);
    }

    @Bean
    Step intakeScience(IntakeStepFactory factory) {
        return factory.build(Feed.SCIENCE);
    }

    @Bean
    Step intakeFinance(IntakeStepFactory factory) {
        return factory.build(Feed.FINANCE);
    }

    @Bean
    Step intakeRegistry(IntakeStepFactory factory) {
        return factory.build(Feed.REGISTRY);
    }
}
