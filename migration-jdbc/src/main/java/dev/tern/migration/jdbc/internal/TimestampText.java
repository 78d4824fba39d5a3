package dev.tern.migration.jdbc.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Decodes the text form in which H2, PostgreSQL and MariaDB return a timestamp without time zone,
 * {@code yyyy-MM-dd HH:mm:ss} with an optional fraction of one to nine digits, as an instant in
 * UTC. A history read decodes two timestamps per row, and the drivers' own {@code LocalDateTime}
 * decoding costs several times as much as this. Stateless; thread-safe.
 */
public final class TimestampText {
    private static final int SECONDS_PER_DAY = 86_400;
    /** {@code yyyy-MM-dd HH:mm:ss}. */
    private static final int WHOLE_SECONDS_LENGTH = 19;
    private static final int MAX_FRACTION_DIGITS = 9;

    private TimestampText() {
    }

    /**
     * Reads a timestamp's text as UTC.
     *
     * @param text the text, not null
     * @return the instant, or null if the text has another shape (a year outside 0000-9999, a
     *     {@code T} separator, a zone, an invalid date or time...): the caller decodes it otherwise
     */
    public static Instant parseUtc(String text) {
        int length = text.length();
        if (length < WHOLE_SECONDS_LENGTH || length == WHOLE_SECONDS_LENGTH + 1
                || length > WHOLE_SECONDS_LENGTH + 1 + MAX_FRACTION_DIGITS
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':'
                || length > WHOLE_SECONDS_LENGTH && text.charAt(WHOLE_SECONDS_LENGTH) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > WHOLE_SECONDS_LENGTH ? digits(text, WHOLE_SECONDS_LENGTH + 1, length) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        int nanos = fraction;
        for (int digits = Math.max(0, length - WHOLE_SECONDS_LENGTH - 1); digits < MAX_FRACTION_DIGITS; digits++) {
            nanos *= 10;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** @return the decimal number in {@code [from, to)}, or -1 if a character is not a digit */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
