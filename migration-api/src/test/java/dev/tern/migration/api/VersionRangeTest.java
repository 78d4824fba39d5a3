package dev.tern.migration.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

    @ParameterizedTest
    @CsvSource({
            "'>=1.2 <2', 1.2.0, true", "'>=1.2 <2', 1.9.9, true", "'>=1.2 <2', 2.0.0, false", "'>=1.2 <2', 1.1.9, false",
            "^1.2, 1.2.0, true", "^1.2, 1.99.0, true", "^1.2, 2.0.0, false", "^0.2, 0.3.0, false",
            "~1.4, 1.4.7, true", "~1.4, 1.5.0, false", "1.x, 1.7.0, true", "1.x, 2.0.0, false", "*, 9.9.9, true",
            "'1.2 - 2.0', 2.0.0, true", "'1.2 - 2.0', 2.0.1, true", "'1.2 - 2.0', 2.1.0, false", "'<1 || >=3', 3.1.0, true", "'<1 || >=3', 2.0.0, false",
            "=1.0.0, 1.0.0, true", "1.0.0, 1.0.1, false", "'>=2.0.0-rc.1', 2.0.0-rc.2, true", "'>=1.0', 2.0.0-rc.1, false"})
    void rangesFollowNpmSemantics(String range, String version, boolean satisfied) {
        assertThat(VersionRange.parse(range).isSatisfiedBy(Version.parse(version))).isEqualTo(satisfied);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ">>1", "1.2.3.4", "^", "abc", ">=1.2 <", "1.2 -", "|| 1", "=>1.0", "1.2.3; DROP", "^1.2,<2"})
    void malformedRangesAreRefused(String text) {
        assertThatThrownBy(() -> VersionRange.parse(text)).isInstanceOf(DependencyException.class)
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.INVALID_RANGE);
    }
}
