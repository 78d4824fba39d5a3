package dev.tern.migration.spi;

import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;

/**
 * One versioned unit of change of a plugin: an {@link SqlStep} (scripts) or a {@link JavaStep}
 * (code). Implementations are immutable and thread-safe.
 */
public sealed interface Step permits SqlStep, JavaStep {

    /** @return the version, unique within the plugin */
    Version version();

    /** @return a short human description, e.g. {@code add index on jobs} */
    String description();

    /** @return what the step is made of */
    StepKind kind();

    /**
     * @return true if the step runs in a transaction with its history record (where the database
     *     has transactional DDL); false for statements that cannot run in a transaction, such as
     *     PostgreSQL's {@code CREATE INDEX CONCURRENTLY}
     */
    boolean transactional();

    /** @return true if the step has a down action, so it can be rolled back */
    boolean reversible();

    /**
     * Whether the step is a breaking change: it changes the schema so that a build of the
     * application that knows only the earlier steps can no longer work against it (a dropped or
     * renamed column, a changed meaning). A pending breaking step on an installed plugin is
     * refused unless the run allows breaking steps.
     *
     * @return true if the step is breaking; false by default
     */
    default boolean breaking() {
        return false;
    }
}
