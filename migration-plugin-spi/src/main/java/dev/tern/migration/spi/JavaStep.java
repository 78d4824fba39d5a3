package dev.tern.migration.spi;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * A step written in Java: an up action and an optional down action, each receiving a
 * {@link StepContext}. Built with {@link #of} and the {@code with...} methods, each returning a
 * new instance:
 *
 * <pre>{@code
 * JavaStep.of("1.1.0", "backfill job priorities", ctx -> { try (var st = ctx.connection().createStatement()) { ... } })
 *         .withDown(ctx -> { ... })
 * }</pre>
 *
 * <p>A Java step has no checksum unless one is given (as Flyway's {@code JavaMigration}): give one
 * with {@link #withChecksum} to have an edit detected. Immutable and thread-safe when its actions are.
 */
public final class JavaStep implements Step {
    private final Version version;
    private final String description;
    private final StepAction up;
    private final StepAction down;
    private final String checksum;
    private final boolean transactional;
    private final boolean breaking;

    private JavaStep(Version version, String description, StepAction up, StepAction down, String checksum,
                     boolean transactional) {
        this(version, description, up, down, checksum, transactional, false);
    }

    private JavaStep(Version version, String description, StepAction up, StepAction down, String checksum,
                     boolean transactional, boolean breaking) {
        this.version = Objects.requireNonNull(version, "version");
        this.description = Objects.requireNonNull(description, "description");
        this.up = Objects.requireNonNull(up, "up");
        this.down = down;
        this.checksum = checksum;
        this.transactional = transactional;
        this.breaking = breaking;
    }

    /**
     * Creates a transactional step without down action or checksum.
     *
     * @param version the version, parsed by {@link Version#parse}
     * @param description a short description, not blank
     * @param up the up action, not null
     * @return the step
     * @throws dev.tern.migration.api.StepDefinitionException with {@code INVALID_VERSION} if the
     *     version is null or does not parse, with {@code INVALID_STEP} if the description is null or
     *     blank
     */
    public static JavaStep of(String version, String description, StepAction up) {
        if (version == null) {
            throw new StepDefinitionException(ErrorCode.INVALID_VERSION, "a Java step's version must not be null");
        }
        Version parsed = Version.parse(version);
        if (description == null || description.isBlank()) {
            throw new StepDefinitionException(ErrorCode.INVALID_STEP, "Java step " + parsed + " has a "
                    + (description == null ? "null" : "blank") + " description; give it a short description", null,
                    parsed.toString(), null, 0, null);
        }
        return new JavaStep(parsed, description, up, null, null, true);
    }

    /**
     * @param downAction the down action, not null
     * @return a copy with the down action, so the step can be rolled back
     */
    public JavaStep withDown(StepAction downAction) {
        return new JavaStep(version, description, up, Objects.requireNonNull(downAction, "down"), checksum, transactional,
                breaking);
    }

    /**
     * @param value a checksum of the step's logic, e.g. a hand-kept revision string; change it when the
     *     logic changes and the step has already been applied somewhere on purpose
     * @return a copy with the checksum
     */
    public JavaStep withChecksum(String value) {
        return new JavaStep(version, description, up, down, Objects.requireNonNull(value, "checksum"), transactional,
                breaking);
    }

    /** @return a copy that runs with auto-commit on, outside any transaction */
    public JavaStep nonTransactional() {
        return new JavaStep(version, description, up, down, checksum, false, breaking);
    }

    /**
     * Marks the step as a {@linkplain Step#breaking() breaking change}. Named {@code asBreaking}
     * because {@link #breaking()} is the flag's accessor.
     *
     * @return a copy that is breaking
     */
    public JavaStep asBreaking() {
        return new JavaStep(version, description, up, down, checksum, transactional, true);
    }

    @Override
    public Version version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public StepKind kind() {
        return StepKind.JAVA;
    }

    @Override
    public boolean transactional() {
        return transactional;
    }

    @Override
    public boolean reversible() {
        return down != null;
    }

    @Override
    public boolean breaking() {
        return breaking;
    }

    /** @return the up action */
    public StepAction up() {
        return up;
    }

    /** @return the down action, if any */
    public Optional<StepAction> down() {
        return Optional.ofNullable(down);
    }

    /** @return the checksum, if one was given */
    public Optional<String> checksum() {
        return Optional.ofNullable(checksum);
    }

    @Override
    public String toString() {
        return "JavaStep[" + version + " " + description + "]";
    }
}
