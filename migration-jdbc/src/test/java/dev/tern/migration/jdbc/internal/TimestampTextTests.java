package dev.tern.migration.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampTextTests {
    /** The shape the databases write, decoded by java.time, as the reference. */
    private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-31 01:30:00.123", "2000-01-01 00:00:00", "1999-12-31 23:59:59.999",
            "2024-03-31 03:15:42.98", "2024-03-31 03:15:42.9", "2024-02-29 12:00:00.000000", "1970-01-01 00:00:00.000000001",
            "1969-12-31 23:59:59.5", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999999", "2030-06-01 12:00:01.100"})
    void readsTheDatabasesTextAsJavaTimeDoes(String text) {
        Instant expected = LocalDateTime.parse(text, REFERENCE).toInstant(ZoneOffset.UTC);
        assertThat(TimestampText.parseUtc(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-03-31", "2024-03-31T01:30:00", "2024-03-31 01:30:00.", "2024-03-31 01:30:00Z",
            "2024-03-31 01:30:00+00", "2024-03-31 01:30:00.1234567890", "2023-02-29 00:00:00", "2024-13-01 00:00:00",
            "2024-00-10 00:00:00", "2024-01-32 00:00:00", "2024-01-01 24:00:00", "2024-01-01 00:60:00",
            "2024-01-01 00:00:60", "infinity", "0001-01-01 00:00:00 BC", "+12024-01-01 00:00:00", "2024-01-01 0a:00:00",
            "2024-01-01 00:00:00.1a", "2024/01/01 00:00:00"})
    void leavesEveryOtherShapeToTheCaller(String text) {
        assertThat(TimestampText.parseUtc(text)).isNull();
    }
}
