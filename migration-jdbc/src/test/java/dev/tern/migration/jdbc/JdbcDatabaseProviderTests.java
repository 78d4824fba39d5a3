package dev.tern.migration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.database.DatabaseProvider;
import dev.tern.migration.api.database.HistoryLocation;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcDatabaseProviderTests {

    @Test
    void isRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(DatabaseProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(JdbcDatabaseProvider.class);
    }

    @Test
    void unknownDatabaseIsNotOffered() {
        DataSource oracle = dataSourceReporting("Oracle");

        assertThat(new JdbcDatabaseProvider().open(oracle, HistoryLocation.defaults())).isEmpty();
        assertThatThrownBy(() -> JdbcDatabases.open(oracle, HistoryLocation.defaults()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_DATABASE))
                .hasMessageContaining("Oracle");
    }

    @Test
    void mysqlUsesTheMariaDbDialect() {
        assertThat(new JdbcDatabaseProvider().open(dataSourceReporting("MySQL"), HistoryLocation.defaults()))
                .hasValueSatisfying(db -> assertThat(db.dialect()).isInstanceOf(MariaDbDialect.class));
    }

    @Test
    void unreachableDatabaseIsConnectionFailed() {
        DataSource nowhere = DataSources.fromUrl("jdbc:tern-no-such-driver://localhost/x", "u", "p");

        assertThatThrownBy(() -> new JdbcDatabaseProvider().open(nowhere, HistoryLocation.defaults()))
                .isInstanceOfSatisfying(MigrationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                .hasMessageContaining("cannot connect");
    }

    /** A data source whose one connection reports a product name and does nothing else. */
    private static DataSource dataSourceReporting(String product) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDatabaseProductName")) {
                        return product;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> metaData;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
