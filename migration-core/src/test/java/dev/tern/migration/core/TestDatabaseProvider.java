package dev.tern.migration.core;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.database.Database;
import dev.tern.migration.api.database.DatabaseProvider;
import dev.tern.migration.api.database.HistoryLocation;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Test-only provider, registered in the test resources' META-INF/services: recognises H2 and
 * gives it a {@link TestDialect} (non-transactional when the database name contains
 * {@code nontx}), an {@link H2HistoryStore} and a {@link CountingLock} per URL.
 */
public final class TestDatabaseProvider implements DatabaseProvider {

    /** For ServiceLoader. */
    public TestDatabaseProvider() {
    }

    @Override
    public Optional<Database> open(DataSource dataSource, HistoryLocation location) {
        String url;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            if (!meta.getDatabaseProductName().equals("H2")) {
                return Optional.empty();
            }
            url = meta.getURL();
        } catch (SQLException e) {
            throw new ConfigurationException(ErrorCode.CONNECTION_FAILED, e.getMessage(), e);
        }
        boolean transactional = !url.toLowerCase(Locale.ROOT).contains("nontx");
        return Optional.of(new Database(dataSource, new TestDialect(transactional),
                new H2HistoryStore(dataSource, location), CountingLock.forUrl(url)));
    }
}
