package dev.tern.migration.api;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A semantic version of a plugin's step, ordered by semver precedence (semver.org 2.0.0 §11, as
 * implemented by semver4j). Short forms are accepted and completed with zeros: {@code 1} reads as
 * {@code 1.0.0}, {@code 1.4} as {@code 1.4.0}; leading zeros in numeric parts are dropped
 * ({@code 001} reads as {@code 1}), as Flyway users write {@code V001__init.sql}. A pre-release
 * ({@code 2.0.0-rc.1}) is accepted; build metadata ({@code +build}) is refused, because it does
 * not take part in precedence and two steps differing only by it would collide.
 *
 * <p>Instances are immutable and thread-safe; {@link #equals} agrees with {@link #compareTo}.
 */
public final class Version implements Comparable<Version> {
    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    private final Semver semver;

    private Version(Semver semver) {
        this.semver = semver;
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
        String canonical = Integer.parseInt(m.group(1)) + "." + number(m.group(2)) + "." + number(m.group(3))
                + (m.group(4) == null ? "" : "-" + m.group(4));
        Semver parsed = Semver.parse(canonical);
        if (parsed == null) {
            throw new StepDefinitionException(ErrorCode.INVALID_VERSION, "'" + text + "' is not a semantic version");
        }
        return new Version(parsed);
    }

    private static int number(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }

    /** @return the semver4j form, for {@link VersionRange} only: never exposed publicly */
    Semver semver() {
        return semver;
    }

    /** @return the major number, zero or more */
    public int major() {
        return semver.getMajor();
    }

    /** @return the minor number, zero or more */
    public int minor() {
        return semver.getMinor();
    }

    /** @return the patch number, zero or more */
    public int patch() {
        return semver.getPatch();
    }

    /** @return true if this version has a pre-release part ({@code 2.0.0-rc.1}) */
    public boolean isPreRelease() {
        return !semver.getPreRelease().isEmpty();
    }

    @Override
    public int compareTo(Version other) {
        return semver.compareTo(other.semver);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version && compareTo((Version) o) == 0;
    }

    @Override
    public int hashCode() {
        return semver.getVersion().hashCode();
    }

    /** @return the canonical form, {@code MAJOR.MINOR.PATCH[-PRERELEASE]} */
    @Override
    public String toString() {
        return semver.getVersion();
    }
}
