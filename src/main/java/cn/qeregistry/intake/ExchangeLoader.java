package cn.qeregistry.intake;

import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Loads {@code DIR/exchange/finance_equity.csv} (the generator's stand-in for the exchange
 * database's rows) into {@code exchange.finance_equity}, appending: ids grow, so the next finance
 * extract takes exactly the loaded rows. For tests and the demo.
 */
@Component
public class ExchangeLoader {

    public static final String HEADER = "uscc,name,fiscal_year,listing_status,stock_code,equity_financing_wan,updated_at";

    private final ExchangeDatabase exchange;

    public ExchangeLoader(ExchangeDatabase exchange) {
        this.exchange = exchange;
    }

    /** Loads the CSV under {@code dir}; returns the number of rows loaded. */
    public long load(Path dir) throws IOException, SQLException {
        Path csv = dir.resolve("exchange").resolve("finance_equity.csv");
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header != null && header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            if (!HEADER.equals(header)) {
                throw new IllegalArgumentException(csv + ": header must be exactly " + HEADER + ", got " + header);
            }
            try (Connection connection = exchange.dataSource().getConnection()) {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy " + exchange.qualified("finance_equity") + " (" + HEADER + ") from stdin with (format csv)", reader);
            }
        }
    }
}
