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
            "0.0.1,0.0.1", "10.20.30-alpha-1.x,10.20.30-alpha-1.x", "1-rc,1.0.0-rc", "01.2-rc.1,1.2.0-rc.1",
            "0,0.0.0", "000.000.000,0.0.0", "123456789.999999999.0,123456789.999999999.0", "1.0.0-01a,1.0.0-01a",
            "1.0.0--,1.0.0--", "1.0.0-0,1.0.0-0", "1.0.0-Z.z-9,1.0.0-Z.z-9"})
    void shortFormsAreCompletedWithZeros(String text, String canonical) {
        assertThat(Version.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "1.", "1..2", "1.2.3.4", "a.b.c", "1.2.3+build", "1.2.3-", "-1", "1.2.3-rc..1",
            "1 .2", "9999999999", "1.2.3-", "1-", "1.-rc", "1.2.-rc", "1.2.3-rc.", "1.2.3-.rc", "1.2.3-rc_1",
            "1.2.3-é", "0001234567890", "1.0000000001", " 1", "1 ", "1.2.3 ", "١", "1.2.3-rc+1", ".1", "1.2.3.",
            "1.2.3-rc.01.x.."})
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
    void precedenceAgreesWithSemver4jOnEveryPair() {
        List<String> versions = List.of("0.0.0", "0.0.1", "0.1.0", "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10",
                "1.0.0-9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0-A", "1.0.0-a-b", "1.0.0-x.7.z.92", "1.0.0", "1.2.3", "1.10.0",
                "2.0.0-rc.1", "2.0.0", "10.0.0", "123456789.0.0");
        for (String a : versions) {
            for (String b : versions) {
                int ours = Integer.signum(Version.parse(a).compareTo(Version.parse(b)));
                int theirs = Integer.signum(org.semver4j.Semver.parse(a).compareTo(org.semver4j.Semver.parse(b)));
                assertThat(ours).as("%s vs %s", a, b).isEqualTo(theirs);
                assertThat(Version.parse(a).equals(Version.parse(b))).isEqualTo(ours == 0);
            }
        }
    }

    @Test
    void numericPreReleaseIdentifiersMayNotHaveLeadingZeros() {
        assertThatThrownBy(() -> Version.parse("1.0.0-rc.01")).isInstanceOf(StepDefinitionException.class)
                .hasMessageContaining("leading zero");
        assertThatThrownBy(() -> Version.parse("1.0.0-00.007")).isInstanceOf(StepDefinitionException.class)
                .hasMessage("[INVALID_VERSION] '1.0.0-00.007' is not a semantic version: numeric pre-release identifier '00' has a"
                        + " leading zero");
    }

    @Test
    void aMalformedTextIsReportedAsSuchEvenWithALeadingZeroIdentifier() {
        assertThatThrownBy(() -> Version.parse("1.0.0-01.x..")).isInstanceOf(StepDefinitionException.class)
                .hasMessage("[INVALID_VERSION] '1.0.0-01.x..' is not a semantic version (expected MAJOR[.MINOR[.PATCH]][-PRERELEASE],"
                        + " e.g. 1.4.0)");
    }

    @Test
    void equalityFollowsPrecedenceSoShortAndLongFormsAreOneVersion() {
        assertThat(Version.parse("1.2")).isEqualTo(Version.parse("1.2.0")).hasSameHashCodeAs(Version.parse("1.2.0"));
        assertThat(Version.parse("2.0.0-rc.1").isPreRelease()).isTrue();
        assertThat(Version.parse("1.2.3").major()).isEqualTo(1);
    }

    /** The documented grammar as a regular expression, the parser's former implementation. */
    private static final java.util.regex.Pattern GRAMMAR = java.util.regex.Pattern.compile(
            "(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    @Test
    void acceptsExactlyTheDocumentedGrammarOnEveryShortText() {
        char[] alphabet = {'0', '1', '.', '-', 'a', '+'};
        for (int length = 0; length <= 6; length++) {
            int[] digits = new int[length];
            for (long n = 0; n < Math.pow(alphabet.length, length); n++) {
                StringBuilder text = new StringBuilder();
                for (int d : digits) {
                    text.append(alphabet[d]);
                }
                for (int i = 0; i < length && ++digits[i] == alphabet.length; i++) {
                    digits[i] = 0;
                }
                java.util.regex.Matcher m = GRAMMAR.matcher(text);
                boolean leadingZero = m.matches() && m.group(4) != null && Stream.of(m.group(4).split("\\."))
                        .anyMatch(id -> id.length() > 1 && id.startsWith("0") && id.chars().allMatch(Character::isDigit));
                String expected = m.matches() && !leadingZero ? canonical(m) : null;
                String actual;
                try {
                    actual = Version.parse(text.toString()).toString();
                } catch (StepDefinitionException e) {
                    actual = null;
                }
                assertThat(actual).as("'%s'", text).isEqualTo(expected);
            }
        }
    }

    private static String canonical(java.util.regex.Matcher m) {
        return Integer.parseInt(m.group(1)) + "." + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2))) + "."
                + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3))) + (m.group(4) == null ? "" : "-" + m.group(4));
    }
}
