package cn.qeregistry.platform;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points the datasource at the embedded PostgreSQL of {@code $QE_HOME} unless
 * {@code spring.datasource.url} (e.g. {@code SPRING_DATASOURCE_URL}) names a real server.
 */
public class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String home = environment.getProperty(QeHome.PROPERTY);
        if (home != null && !home.isBlank()) {
            System.setProperty(QeHome.PROPERTY, home);
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            return;
        }
        EmbeddedDatabase database = EmbeddedDatabase.forHome(QeHome.resolve());
        environment.getPropertySources().addFirst(new MapPropertySource("qeEmbeddedDatabase", Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", EmbeddedDatabase.USER,
                "spring.datasource.password", "")));
    }
}
