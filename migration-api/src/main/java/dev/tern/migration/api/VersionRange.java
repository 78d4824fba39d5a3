package dev.tern.migration.api;

import java.util.Objects;
import java.util.regex.Pattern;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * A range of versions in npm's syntax (node-semver), evaluated by semver4j: comparators
 * ({@code >=1.2 <2}, {@code =1.0.0}, {@code 1.2.3}), caret ({@code ^1.2}: compatible, below the
 * next major), tilde ({@code ~1.4}: below the next minor), X-ranges ({@code 1.x}, {@code *}),
 * hyphen ranges ({@code 1.2 - 2.0}) and alternatives joined by {@code ||}. As in npm, a
 * pre-release version satisfies a range only if a comparator names a pre-release of the same
 * {@code major.minor.patch}.
 *
 * <p>semver4j's range parser accepts malformed input silently, so the syntax is checked here
 * first, and anything else is refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class VersionRange {
    private static final String PART = "(?:0|[1-9]\\d{0,8}|[xX*])";
    private static final String PARTIAL = PART + "(?:\\." + PART + "){0,2}(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
    private static final String COMPARATOR = "(?:(?:<=|>=|<|>|=|\\^|~>?)\\s*)?v?" + PARTIAL;
    private static final String SIMPLE = COMPARATOR + "(?:\\s+" + COMPARATOR + ")*";
    private static final String HYPHEN = "v?" + PARTIAL + "\\s+-\\s+v?" + PARTIAL;
    private static final String ALTERNATIVE = "\\s*(?:" + HYPHEN + "|" + SIMPLE + ")\\s*";
    private static final Pattern SYNTAX = Pattern.compile(ALTERNATIVE + "(?:\\|\\|" + ALTERNATIVE + ")*");

    private final String text;
    private final RangeList ranges;

    private VersionRange(String text, RangeList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /**
     * Parses a range.
     *
     * @param text a range in npm syntax, e.g. {@code >=1.2 <2} or {@code ^1.2}, not null
     * @return the range
     * @throws DependencyException with {@link ErrorCode#INVALID_RANGE} if {@code text} is not a range
     */
    public static VersionRange parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || !SYNTAX.matcher(text).matches()) {
            throw new DependencyException(ErrorCode.INVALID_RANGE, "'" + text
                    + "' is not a version range (npm syntax, e.g. >=1.2 <2, ^1.2, ~1.4, 1.x, 1.2 - 2.0)");
        }
        RangeList ranges;
        try {
            ranges = RangeListFactory.create(text.trim());
        } catch (RuntimeException e) {
            throw new DependencyException(ErrorCode.INVALID_RANGE, "'" + text + "' is not a version range: "
                    + e.getMessage(), null, e);
        }
        return new VersionRange(text.trim(), ranges);
    }

    /**
     * @param version the version to test, not null
     * @return true if the version lies in this range
     */
    public boolean isSatisfiedBy(Version version) {
        return ranges.isSatisfiedBy(version.semver());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRange && ((VersionRange) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** @return the range as written (trimmed) */
    @Override
    public String toString() {
        return text;
    }
}
