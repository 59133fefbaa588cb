package cn.qeregistry.platform;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Holds the embedded server open for as long as this application context lives. */
@Component
class EmbeddedDatabaseUsage implements DisposableBean {

    private final EmbeddedDatabase database;

    EmbeddedDatabaseUsage(@Value("${spring.datasource.url:}") String url) {
        EmbeddedDatabase known = EmbeddedDatabase.known(QeHome.resolve());
        this.database = known != null && known.jdbcUrl().equals(url) ? known : null;
        if (database != null) {
            database.acquire();
        }
    }

    @Override
    public void destroy() {
        if (database != null) {
            database.release();
        }
    }
}
