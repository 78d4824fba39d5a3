package dev.tern.migration.spi;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A step made of SQL scripts: an up script and an optional down script, each either universal or
 * in per-database variants (a {@code postgresql} and a {@code mariadb} script beside a universal
 * one). On a database, the first of its {@linkplain Dialect#variants() variants} that the step has
 * is used, else the universal script.
 *
 * @param version the step version, not null
 * @param description the description, not null
 * @param up the up scripts by variant, {@link #UNIVERSAL} for the universal one; not empty
 * @param down the down scripts by variant; empty if the step cannot be rolled back
 * @param transactional whether the step runs in a transaction with its history record
 * @param breaking whether the step is a {@linkplain Step#breaking() breaking change}
 */
public record SqlStep(Version version, String description, Map<String, SqlScript> up, Map<String, SqlScript> down,
                      boolean transactional, boolean breaking) implements Step {

    /** The variant key of a universal script. */
    public static final String UNIVERSAL = "";

    /**
     * Checks and copies the components.
     *
     * @throws StepDefinitionException with {@code INVALID_STEP} if there is no up script, and with
     *     {@code UNKNOWN_DATABASE_VARIANT} if a key is neither {@link #UNIVERSAL} nor one of
     *     {@link Dialect#KNOWN_VARIANTS}
     */
    public SqlStep {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        up = Map.copyOf(up);
        down = Map.copyOf(down);
        if (up.isEmpty()) {
            throw new StepDefinitionException(ErrorCode.INVALID_STEP, "step " + version + " has no up script");
        }
        checkVariants(version, up);
        checkVariants(version, down);
    }

    /**
     * Creates a step that is not breaking.
     *
     * @param version the step version, not null
     * @param description the description, not null
     * @param up the up scripts by variant, {@link #UNIVERSAL} for the universal one; not empty
     * @param down the down scripts by variant; empty if the step cannot be rolled back
     * @param transactional whether the step runs in a transaction with its history record
     * @throws StepDefinitionException as the canonical constructor
     */
    public SqlStep(Version version, String description, Map<String, SqlScript> up, Map<String, SqlScript> down,
                   boolean transactional) {
        this(version, description, up, down, transactional, false);
    }

    private static void checkVariants(Version version, Map<String, SqlScript> scripts) {
        for (String variant : scripts.keySet()) {
            if (!variant.equals(UNIVERSAL) && !Dialect.KNOWN_VARIANTS.contains(variant)) {
                throw new StepDefinitionException(ErrorCode.UNKNOWN_DATABASE_VARIANT, "step " + version
                        + " has a script for unknown database variant '" + variant + "' (known: "
                        + Dialect.KNOWN_VARIANTS.stream().sorted().toList() + ")");
            }
        }
    }

    @Override
    public StepKind kind() {
        return StepKind.SQL;
    }

    @Override
    public boolean reversible() {
        return !down.isEmpty();
    }

    /**
     * Picks the up script for a database.
     *
     * @param dialect the database's dialect, not null
     * @return the first variant of {@code dialect.variants()} this step has, else the universal script,
     *     else empty (the step has no script for this database)
     */
    public Optional<SqlScript> upFor(Dialect dialect) {
        return pick(up, dialect);
    }

    /**
     * Picks the down script for a database, as {@link #upFor} does.
     *
     * @param dialect the database's dialect, not null
     * @return the down script, or empty if there is none for this database
     */
    public Optional<SqlScript> downFor(Dialect dialect) {
        return pick(down, dialect);
    }

    private static Optional<SqlScript> pick(Map<String, SqlScript> scripts, Dialect dialect) {
        for (String variant : dialect.variants()) {
            SqlScript script = scripts.get(variant);
            if (script != null) {
                return Optional.of(script);
            }
        }
        return Optional.ofNullable(scripts.get(UNIVERSAL));
    }
}
