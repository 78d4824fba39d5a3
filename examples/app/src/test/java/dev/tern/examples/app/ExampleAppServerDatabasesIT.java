package dev.tern.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fat jar run against a fresh PostgreSQL schema and a fresh MariaDB database. Aborted with a
 * visible message when a server is unreachable, failed instead with {@code -Dtern.db.required=true}.
 */
class ExampleAppServerDatabasesIT {

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void migratesAFreshDatabaseThenFindsItUpToDate(TestDatabase kind, @TempDir Path dir) throws Exception {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            String[] args = {"--url", db.jdbcUrl(), "--user", db.user(), "--password", db.password()};

            AppProcess.Result first = AppProcess.runJar(dir, args);

            Runs.assertAppliedEverything(first);
            assertThat(first.stdout()).doesNotContain("H2 database file");
            try (Connection connection = db.dataSource().getConnection()) {
                ExampleSchema.assertMigrated(connection);
                ExampleSchema.assertHistoryHasOneSuccessPerStep(connection);
            }

            AppProcess.Result second = AppProcess.runJar(dir, args);

            Runs.assertUpToDate(second);
            try (Connection connection = db.dataSource().getConnection()) {
                ExampleSchema.assertHistoryHasOneSuccessPerStep(connection);
                ExampleSchema.assertStatusChangesAreAudited(connection);
            }
        }
    }
}
