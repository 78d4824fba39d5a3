package dev.tern.migration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.database.HistoryLocation;
import org.junit.jupiter.api.Test;

class JdbcHistoryStoreTests {

    @Test
    void shortErrorsAreKeptWhole() {
        String error = "x".repeat(JdbcHistoryStore.MAX_ERROR_LENGTH);
        assertThat(JdbcHistoryStore.truncateError(error)).isSameAs(error);
    }

    @Test
    void longErrorsKeepTheirStartAndSayHowMuchWasCut() {
        String error = "ERROR: boom\n" + "y".repeat(1_000_000);

        String stored = JdbcHistoryStore.truncateError(error);

        assertThat(stored).hasSizeLessThanOrEqualTo(JdbcHistoryStore.MAX_ERROR_LENGTH).startsWith("ERROR: boom\n");
        int kept = stored.indexOf("\n... [");
        assertThat(stored.substring(kept)).isEqualTo("\n... [" + (error.length() - kept) + " more characters cut]");
    }

    @Test
    void truncationDoesNotSplitASurrogatePair() {
        String error = "a".repeat(JdbcHistoryStore.MAX_ERROR_LENGTH - 65) + "🐦".repeat(1000);

        String stored = JdbcHistoryStore.truncateError(error);

        String head = stored.substring(0, stored.indexOf("\n... ["));
        assertThat(Character.isHighSurrogate(head.charAt(head.length() - 1))).isFalse();
    }

    @Test
    void unsupportedDialectIsAConfigurationError() {
        var dialect = new dev.tern.migration.api.database.Dialect() {
            @Override
            public String id() {
                return "sqlite";
            }

            @Override
            public java.util.List<String> variants() {
                return java.util.List.of("sqlite");
            }

            @Override
            public boolean supportsTransactionalDdl() {
                return true;
            }

            @Override
            public java.util.List<dev.tern.migration.api.database.SqlStatement> split(String source, String script) {
                return java.util.List.of();
            }

            @Override
            public boolean isTransient(java.sql.SQLException error) {
                return false;
            }
        };
        assertThatThrownBy(() -> new JdbcHistoryStore(DataSources.fromUrl("jdbc:h2:mem:x", "sa", ""), dialect,
                HistoryLocation.defaults()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_DATABASE));
    }
}
