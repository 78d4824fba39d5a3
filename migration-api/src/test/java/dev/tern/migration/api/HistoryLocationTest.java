package dev.tern.migration.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.database.HistoryLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryLocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "tern history", "t;DROP TABLE users", "t\"", "t'", "1abc", "a-b", "x.y",
            "tern_history; DROP SCHEMA public CASCADE --", "ａbc"})
    void hostileOrMalformedNamesAreRefused(String name) {
        assertThatThrownBy(() -> new HistoryLocation(null, name)).isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.INVALID_IDENTIFIER);
        assertThatThrownBy(() -> new HistoryLocation(name, "t")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schema");
    }

    @Test
    void plainIdentifiersAreAccepted() {
        assertThat(new HistoryLocation("app_1", "History_2").qualifiedName()).isEqualTo("app_1.History_2");
        assertThat(HistoryLocation.defaults().qualifiedName()).isEqualTo("tern_history");
    }
}
