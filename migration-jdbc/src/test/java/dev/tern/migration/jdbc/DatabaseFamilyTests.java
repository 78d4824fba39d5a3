package dev.tern.migration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import dev.tern.migration.jdbc.internal.lock.MariaDbNamedLock;
import dev.tern.migration.jdbc.internal.lock.PostgreSqlAdvisoryLock;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseFamilyTests {

    @Test
    void quotesFoldedNamesPerDatabase() {
        HistoryLocation location = new HistoryLocation("Ops", "Tern_History");
        assertThat(DatabaseFamily.POSTGRESQL.qualifiedTable(location)).isEqualTo("\"ops\".\"tern_history\"");
        assertThat(DatabaseFamily.H2.qualifiedTable(location)).isEqualTo("\"OPS\".\"TERN_HISTORY\"");
        assertThat(DatabaseFamily.MARIADB.qualifiedTable(location)).isEqualTo("`Ops`.`Tern_History`");
        assertThat(DatabaseFamily.POSTGRESQL.qualifiedTable(HistoryLocation.defaults())).isEqualTo("\"tern_history\"");
    }

    @Test
    void derivedNamesStayWithinIdentifierLimit() {
        assertThat(DatabaseFamily.derivedName("tern_history", "_lock")).isEqualTo("tern_history_lock");
        String longTable = "t".repeat(63);
        String derived = DatabaseFamily.derivedName(longTable, "_plugin_version_idx");
        assertThat(derived).hasSize(DatabaseFamily.MAX_IDENTIFIER).endsWith("_plugin_version_idx").matches("[a-z0-9_]+");
        assertThat(DatabaseFamily.derivedName("u".repeat(63), "_plugin_version_idx")).isNotEqualTo(derived);
    }

    @Test
    void unknownDialectIsRefused() {
        assertThatThrownBy(() -> DatabaseFamily.require(new OtherDialect()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_DATABASE))
                .hasMessageContaining("oracle");
    }

    @Test
    void recognisesMissingTablesPerDatabase() {
        assertThat(DatabaseFamily.POSTGRESQL.isMissingTable(new SQLException("x", "42P01"))).isTrue();
        assertThat(DatabaseFamily.POSTGRESQL.isMissingTable(new SQLException("x", "42601"))).isFalse();
        assertThat(DatabaseFamily.MARIADB.isMissingTable(new SQLException("x", "42S02", 1146))).isTrue();
        assertThat(DatabaseFamily.MARIADB.isMissingTable(new SQLException("x", "42000", 1064))).isFalse();
        assertThat(DatabaseFamily.H2.isMissingTable(new SQLException("x", "42S02", 42102))).isTrue();
        assertThat(DatabaseFamily.H2.isMissingTable(new SQLException("x", "42S04", 42104))).isTrue();
        assertThat(DatabaseFamily.H2.isMissingTable(new SQLException("x", "42001", 42001))).isFalse();
    }

    @Test
    void postgresqlLockKeyIsAStableHashOfTheName() {
        // First 8 bytes of SHA-256("tern:public.tern_history"), big-endian: fixed forever, since
        // nodes of different Tern versions must agree on it.
        assertThat(PostgreSqlAdvisoryLock.key("tern:public.tern_history")).isEqualTo(1178524133304585773L);
        assertThat(PostgreSqlAdvisoryLock.key("tern:other.tern_history")).isNotEqualTo(1178524133304585773L);
    }

    @Test
    void mariadbLockNamesFitTheServerLimit() {
        assertThat(MariaDbNamedLock.shorten("tern:app.tern_history")).isEqualTo("tern:app.tern_history");
        String full = "tern:" + "d".repeat(63) + "." + "t".repeat(63);
        String shortened = MariaDbNamedLock.shorten(full);
        assertThat(shortened).hasSize(64).startsWith("tern:ddd");
        assertThat(MariaDbNamedLock.shorten(full.replace('t', 'u'))).isNotEqualTo(shortened);
    }

    private static final class OtherDialect implements dev.tern.migration.api.database.Dialect {
        @Override
        public String id() {
            return "oracle";
        }

        @Override
        public List<String> variants() {
            return List.of("oracle");
        }

        @Override
        public boolean supportsTransactionalDdl() {
            return false;
        }

        @Override
        public List<dev.tern.migration.api.database.SqlStatement> split(String source, String script) {
            return List.of();
        }

        @Override
        public boolean isTransient(SQLException error) {
            return false;
        }
    }
}
