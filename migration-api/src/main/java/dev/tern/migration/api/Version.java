package dev.tern.migration.api;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
    private static final Pattern NUMERIC = Pattern.compile("\\d+");

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
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new StepDefinitionException(ErrorCode.INVALID_VERSION, "'" + text
                    + "' is not a semantic version (expected MAJOR[.MINOR[.PATCH]][-PRERELEASE], e.g. 1.4.0)");
        }
        String[] pre = m.group(4) == null ? new String[0] : m.group(4).split("\\.");
        for (String identifier : pre) {
            if (identifier.length() > 1 && identifier.charAt(0) == '0' && NUMERIC.matcher(identifier).matches()) {
                throw new StepDefinitionException(ErrorCode.INVALID_VERSION, "'" + text
                        + "' is not a semantic version: numeric pre-release identifier '" + identifier
                        + "' has a leading zero");
            }
        }
        int major = Integer.parseInt(m.group(1));
        int minor = number(m.group(2));
        int patch = number(m.group(3));
        String canonical = major + "." + minor + "." + patch + (m.group(4) == null ? "" : "-" + m.group(4));
        return new Version(major, minor, patch, pre, canonical);
    }

    private static int number(String group) {
        return group == null ? 0 : Integer.parseInt(group);
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
        boolean numericA = NUMERIC.matcher(a).matches();
        boolean numericB = NUMERIC.matcher(b).matches();
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
