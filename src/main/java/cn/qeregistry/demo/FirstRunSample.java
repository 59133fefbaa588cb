package cn.qeregistry.demo;

import cn.qeregistry.generator.SampleProvince;
import cn.qeregistry.intake.ExchangeLoader;
import cn.qeregistry.platform.EmbeddedDatabase;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.RunPreparation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The first {@code run nightly} on a new installation with the embedded database and nothing ever
 * delivered seeds the sample province (about 2,000 firms, seed 1, as of the business date) into
 * the inboxes and the exchange schema, so a newcomer sees the whole flow at once. Never happens
 * against an external database, once a delivery exists, or with {@code qe.demo.sample-on-first-run=false}.
 */
@Component
class FirstRunSample implements RunPreparation {

    private final JdbcClient jdbc;
    private final ExchangeLoader exchange;
    private final String datasourceUrl;
    private final boolean enabled;

    FirstRunSample(JdbcClient jdbc, ExchangeLoader exchange, @Value("${spring.datasource.url:}") String datasourceUrl,
                   @Value("${qe.demo.sample-on-first-run:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.exchange = exchange;
        this.datasourceUrl = datasourceUrl;
        this.enabled = enabled;
    }

    @Override
    public Optional<String> beforeRun(String job, LocalDate date) throws Exception {
        QeHome home = QeHome.resolve();
        if (!enabled || !"nightly".equals(job) || !onEmbeddedDatabase(home) || anyDelivery()) {
            return Optional.empty();
        }
        if (!SampleProvince.seedIfEmpty(home.root(), date)) {
            return Optional.empty();
        }
        long exchangeRows = exchange.load(home.root());
        return Optional.of("first run on an empty home: seeded a sample province of " + SampleProvince.ENTERPRISES
                + " firms (seed " + SampleProvince.SEED + ", as of " + date + ") into " + home.root().resolve("inbox")
                + " and " + exchangeRows + " rows into the exchange database; its ground truth is in "
                + home.root().resolve("truth"));
    }

    private boolean onEmbeddedDatabase(QeHome home) {
        EmbeddedDatabase embedded = EmbeddedDatabase.known(home);
        return embedded != null && embedded.jdbcUrl().equals(datasourceUrl);
    }

    private boolean anyDelivery() {
        return jdbc.sql("select exists (select 1 from delivery)").query(Boolean.class).single();
    }
}
