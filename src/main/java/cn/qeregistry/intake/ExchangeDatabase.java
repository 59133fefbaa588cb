package cn.qeregistry.intake;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * The shared exchange database (前置库) the finance extract reads: {@code qe.exchange.url},
 * {@code .username}, {@code .password} and {@code .schema}; without a URL, the application's own
 * database, schema {@code exchange}. Its connections are never part of a chunk transaction.
 */
@Component
public class ExchangeDatabase {

    private final DataSource dataSource;
    private final String schema;
    private final String description;

    public ExchangeDatabase(DataSource main, @Value("${qe.exchange.url:}") String url,
                            @Value("${qe.exchange.username:}") String username,
                            @Value("${qe.exchange.password:}") String password,
                            @Value("${qe.exchange.schema:exchange}") String schema) {
        for (int i = 0; i < schema.length(); i++) {
            char c = schema.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                throw new IllegalStateException("qe.exchange.schema must be a lower-case SQL identifier, got '" + schema + "'");
            }
        }
        this.dataSource = url.isBlank() ? main : new DriverManagerDataSource(url, username, password);
        this.schema = schema;
        this.description = (url.isBlank() ? "main database" : url) + ", schema " + schema;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String schema() {
        return schema;
    }

    public String qualified(String table) {
        return schema + "." + table;
    }

    @Override
    public String toString() {
        return description;
    }
}
