package dev.tern.migration.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VersionTest {

    @ParameterizedTest
    @CsvSource({"1,1.0.0", "1.4,1.4.0", "1.4.2,1.4.2", "001,1.0.0", "1.04,1.4.0", "2.0.0-rc.1,2.0.0-rc.1",
            "0.0.1,0.0.1", "10.20.30-alpha-1.x,10.20.30-alpha-1.x"})
    void shortFormsAreCompletedWithZeros(String text, String canonical) {
        assertThat(Version.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "1.", "1..2", "1.2.3.4", "a.b.c", "1.2.3+build", "1.2.3-", "-1", "1.2.3-rc..1",
            "1 .2", "9999999999"})
    void malformedVersionsAreRefusedWithTheirCode(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(StepDefinitionException.class)
                .hasMessageContaining("'" + text + "'")
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.INVALID_VERSION);
    }

    @Test
    void versionsAreOrderedBySemverPrecedence() {
        List<Version> sorted = Stream.of("1.10.0", "1.2.0", "2.0.0", "2.0.0-rc.1", "2.0.0-alpha", "1.2.1", "0.9")
                .map(Version::parse).sorted().toList();
        assertThat(sorted).extracting(Version::toString)
                .containsExactly("0.9.0", "1.2.0", "1.2.1", "1.10.0", "2.0.0-alpha", "2.0.0-rc.1", "2.0.0");
    }

    @Test
    void equalityFollowsPrecedenceSoShortAndLongFormsAreOneVersion() {
        assertThat(Version.parse("1.2")).isEqualTo(Version.parse("1.2.0")).hasSameHashCodeAs(Version.parse("1.2.0"));
        assertThat(Version.parse("2.0.0-rc.1").isPreRelease()).isTrue();
        assertThat(Version.parse("1.2.3").major()).isEqualTo(1);
    }
}
