package dev.tern.migration.jdbc.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A script that commits by itself (Quartz's {@code tables_postgres.sql} ends in {@code COMMIT})
 * would, inside Tern's transaction, commit half a step on PostgreSQL and leave Tern believing a
 * failure left nothing behind. Tern runs such a script with auto-commit instead, so a failure is
 * recorded as one that may have left changes, and the plugin is blocked rather than re-run blindly.
 */
class TransactionControlTests {

    private static MigrationService plugin(String script) {
        return new MigrationService() {
            @Override
            public String pluginId() {
                return "committer";
            }

            @Override
            public List<Step> steps() {
                return List.of(new SqlStep(Version.parse("1"), "commits itself",
                        Map.of(SqlStep.UNIVERSAL, new SqlScript("db/committer/V1__commits_itself.sql", script)), Map.of(), true));
            }
        };
    }

    @Test
    void aScriptThatCommitsItselfOnPostgreSqlIsNotTreatedAsAtomic() throws SQLException {
        try (FreshDatabase db = TestDatabases.create(TestDatabase.POSTGRESQL)) {
            Orchestrator tern = Orchestrator.builder().dataSource(db.dataSource()).discovery(false)
                    .addService(plugin("CREATE TABLE kept (id INT);\nCOMMIT;\nINSERT INTO missing_table VALUES (1);\n"))
                    .build();
            assertThatThrownBy(tern::runAll).isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("V1__commits_itself.sql:3");
            assertThat(tableExists(db, "kept")).as("the COMMIT made the first statement permanent").isTrue();
            // Re-running the step would fail on the table it already created: the plugin is blocked instead.
            assertThatThrownBy(tern::runAll).isInstanceOf(ValidationException.class)
                    .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.FAILED_STEP_IN_HISTORY);
        }
    }

    private static boolean tableExists(FreshDatabase db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(null, db.name(), table, null)) {
            return rs.next();
        }
    }
}
