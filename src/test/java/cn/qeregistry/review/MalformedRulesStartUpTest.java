package cn.qeregistry.review;

import cn.qeregistry.QeRegistryApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application does not start on a rule file it cannot use, and says which file, rule and problem. */
class MalformedRulesStartUpTest {

    @Test
    void applicationRefusesToStartWithAMalformedRuleFile(@TempDir Path config) throws Exception {
        Path rules = Files.createDirectories(config.resolve("jobs/review-rules"));
        Path file = Files.writeString(rules.resolve("broken.yml"), """
                name: broken
                version: "1"
                effective_from: 2022-01-01
                rules:
                  LITTLE_GIANT:
                    - id: lg.debt_ratio_max
                      require: total_liabilities@Y / total_assets@Y <= seventy
                """, StandardCharsets.UTF_8);
        SpringApplication application = new SpringApplication(QeRegistryApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--qe.review-rules-dir=" + rules, "--spring.quartz.auto-startup=false").close())
                .rootCause()
                .hasMessageStartingWith(file + ": rule 'lg.debt_ratio_max': require: unknown name 'seventy'");
    }
}
