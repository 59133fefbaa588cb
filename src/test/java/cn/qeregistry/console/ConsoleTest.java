package cn.qeregistry.console;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The console's MVC tests: the whole application on a mock servlet environment, with the test job. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/console/jobs", "spring.quartz.auto-startup=false",
        "QE_ADMIN_PASSWORD=first-admin-secret", "qe.console.dashboard-job=console-test"})
@AutoConfigureMockMvc
@Import(ConsoleTestJobs.class)
public @interface ConsoleTest {
}
