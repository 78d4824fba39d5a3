package dev.tern.migration.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.semver4j.Semver;

/**
 * A semantic version of a plugin's step, ordered by semver precedence (semver.org 2.0.0 §11).
 * Short forms are accepted and completed with zeros: {@code 1} reads as {@code 1.0.0}, {@code 1.4}
 * as {@code 1.4.0}; leading zeros in numeric parts are dropped ({@code 001} reads as {@code 1}), as
 * Flyway users write {@code V001__init.sql}. A pre-release ({@code 2.0.0-rc.1}) is accepted, with
 * numeric identifiers without leading zeros as semver requires; build metadata ({@code +build}) is
 * refused, because it does not take part in precedence and two steps differing only by it would
 * collide.
 *
 * <p>Precedence is computed here, because a start compares thousands of versions and semver4j's
 * constructor formats its text on every call; semver4j evaluates {@link VersionRange}s, for which
 * a version's semver4j form is created on first use.
 *
 * <p>Instances are immutable and thread-safe; {@link #equals} agrees with {@link #compareTo}.
 */
public final class Version implements Comparable<Version> {
    /** Numbers have at most nine digits, so that every one fits an int. */
    private static final int MAX_DIGITS = 9;
    private static final String[] NO_PRE_RELEASE = new String[0];

    private final int major;
    private final int minor;
    private final int patch;
    private final String[] preRelease;
    private final String text;
    private volatile Semver semver;

    private Version(int major, int minor, int patch, String[] preRelease, String text) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
        this.text = text;
    }

    /**
     * Parses a version.
     *
     * @param text a semantic version or a short form of one, not null
     * @return the version
     * @throws StepDefinitionException with {@link ErrorCode#INVALID_VERSION} if {@code text} is not
     *     a version
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        // A hand-written scanner for MAJOR[.MINOR[.PATCH]][-PRERELEASE]: every start parses
        // thousands of versions, and a regular expression costs several times as much.
        int length = text.length();
        int[] numbers = new int[3];
        int pos = 0;
        int parts = 0;
        boolean canonical = true;
        while (true) {
            int start = pos;
            while (pos < length && isDigit(text.charAt(pos)) && pos - start < MAX_DIGITS) {
                pos++;
            }
            if (pos == start || pos < length && isDigit(text.charAt(pos))) {
                throw notAVersion(text);
            }
            numbers[parts++] = Integer.parseInt(text, start, pos, 10);
            canonical &= text.charAt(start) != '0' || pos - start == 1;
            if (parts == 3 || pos == length || text.charAt(pos) != '.') {
                break;
            }
            pos++;
        }
        canonical &= parts == 3;
        String[] pre = NO_PRE_RELEASE;
        if (pos < length) {
            if (text.charAt(pos) != '-') {
                throw notAVersion(text);
            }
            pre = preRelease(text, pos + 1);
        }
        String canonicalText = canonical ? text : numbers[0] + "." + numbers[1] + "." + numbers[2]
                + (pre.length == 0 ? "" : text.substring(pos));
        return new Version(numbers[0], numbers[1], numbers[2], pre, canonicalText);
    }

    /** Splits the pre-release identifiers from {@code start} to the end, refusing empty and malformed ones. */
    private static String[] preRelease(String text, int start) {
        List<String> identifiers = new ArrayList<>(2);
        int from = start;
        for (int pos = start; pos <= text.length(); pos++) {
            if (pos < text.length() && text.charAt(pos) != '.') {
                if (!isIdentifierChar(text.charAt(pos))) {
                    throw notAVersion(text);
                }
                continue;
            }
            if (pos == from) {
                throw notAVersion(text);
            }
            identifiers.add(text.substring(from, pos));
            from = pos + 1;
        }
        // Leading zeros are refused only once the whole text is known to have the right shape.
        for (String identifier : identifiers) {
            if (identifier.length() > 1 && identifier.charAt(0) == '0' && isNumeric(identifier)) {
                throw new StepDefinitionException(ErrorCode.INVALID_VERSION, "'" + text
                        + "' is not a semantic version: numeric pre-release identifier '" + identifier
                        + "' has a leading zero");
            }
        }
        return identifiers.toArray(NO_PRE_RELEASE);
    }

    private static StepDefinitionException notAVersion(String text) {
        return new StepDefinitionException(ErrorCode.INVALID_VERSION, "'" + text
                + "' is not a semantic version (expected MAJOR[.MINOR[.PATCH]][-PRERELEASE], e.g. 1.4.0)");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierChar(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-';
    }

    private static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            if (!isDigit(identifier.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return the semver4j form, for {@link VersionRange} only: never exposed publicly */
    Semver semver() {
        Semver value = semver;
        if (value == null) {
            value = Semver.parse(text);
            semver = value;
        }
        return value;
    }

    /** @return the major number, zero or more */
    public int major() {
        return major;
    }

    /** @return the minor number, zero or more */
    public int minor() {
        return minor;
    }

    /** @return the patch number, zero or more */
    public int patch() {
        return patch;
    }

    /** @return true if this version has a pre-release part ({@code 2.0.0-rc.1}) */
    public boolean isPreRelease() {
        return preRelease.length > 0;
    }

    /**
     * Compares by semver precedence: major, minor, patch numerically; then a version without
     * pre-release ranks above one with; then pre-release identifiers left to right, numeric ones
     * numerically and below alphanumeric ones, alphanumeric ones in ASCII order, and a shorter list
     * below a longer one it starts.
     */
    @Override
    public int compareTo(Version other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.length == 0 || other.preRelease.length == 0) {
            return Integer.compare(other.preRelease.length == 0 ? 0 : 1, preRelease.length == 0 ? 0 : 1);
        }
        for (int i = 0; i < Math.min(preRelease.length, other.preRelease.length); i++) {
            c = compareIdentifiers(preRelease[i], other.preRelease[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.length, other.preRelease.length);
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version && text.equals(((Version) o).text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** @return the canonical form, {@code MAJOR.MINOR.PATCH[-PRERELEASE]} */
    @Override
    public String toString() {
        return text;
    }
}
