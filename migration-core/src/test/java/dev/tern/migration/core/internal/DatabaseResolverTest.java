package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.database.Database;
import dev.tern.migration.api.database.DatabaseProvider;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.core.InMemoryHistoryStore;
import dev.tern.migration.core.TestDatabaseProvider;
import dev.tern.migration.core.TestDialect;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabaseResolverTest {
    private final DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                throw new SQLException("connection refused", "08001");
            });

    @Test
    void withoutAnyProviderTheMessageSaysToAddMigrationJdbc() {
        assertThatThrownBy(() -> DatabaseResolver.resolve(List.of(), unreachable, HistoryLocation.defaults()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_DATABASE);
                    assertThat(e.getMessage()).contains("dev.tern:migration-jdbc");
                });
    }

    @Test
    void firstProviderThatRecognisesTheDatabaseWins() {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        Database database = new Database(unreachable, new TestDialect(true), store, store.lock());
        DatabaseProvider declines = (ds, location) -> Optional.empty();
        DatabaseProvider accepts = (ds, location) -> Optional.of(database);
        DatabaseProvider unused = (ds, location) -> {
            throw new AssertionError("not asked");
        };

        assertThat(DatabaseResolver.resolve(List.of(declines, accepts, unused), unreachable, HistoryLocation.defaults()))
                .isSameAs(database);
    }

    @Test
    void unreachableDatabaseIsAConnectionFailure() {
        DatabaseProvider declines = (ds, location) -> Optional.empty();

        assertThatThrownBy(() -> DatabaseResolver.resolve(List.of(declines), unreachable, HistoryLocation.defaults()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("connection refused");
                });
    }

    @Test
    void providersAreFoundWithTernsClassLoader() {
        assertThat(DatabaseResolver.providers()).hasAtLeastOneElementOfType(TestDatabaseProvider.class);
    }
}
