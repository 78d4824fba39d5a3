package dev.tern.migration.core.internal;

import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.spi.Step;
import java.util.List;
import java.util.Objects;

/**
 * A step ready to run on one database: for a SQL step the script chosen for the dialect, already
 * split, and its checksum; for a Java step its optional checksum.
 *
 * @param pluginId the plugin, not null
 * @param step the step as the plugin defined it, not null
 * @param checksum the checksum recorded in the history, or null (a Java step without one)
 * @param source the chosen script's source, or null for a Java step
 * @param statements the chosen script's statements in order; empty for a Java step
 */
public record PreparedStep(String pluginId, Step step, String checksum, String source, List<SqlStatement> statements) {
    // A statement that starts with one of these ends or starts a transaction (BEGIN ATOMIC and
    // MariaDB's BEGIN NOT ATOMIC open compound statements instead).
    private static final java.util.regex.Pattern TRANSACTION_CONTROL = java.util.regex.Pattern.compile(
            "(?i)(COMMIT|END|START\\s+TRANSACTION|ROLLBACK(?!\\s+TO\\b)|BEGIN(?!\\s+(?:NOT\\s+)?ATOMIC\\b))\\b");

    /** Checks and copies the components. */
    public PreparedStep {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(step, "step");
        statements = List.copyOf(statements);
    }

    /** @return the step version */
    public Version version() {
        return step.version();
    }

    /** @return the step description */
    public String description() {
        return step.description();
    }

    /** @return what the step is made of */
    public StepKind kind() {
        return step.kind();
    }

    /**
     * Tells whether the step runs in one transaction with its history record, so that a failure
     * leaves nothing of it behind.
     *
     * @param dialect the database's dialect, or null when there is no database
     * @return true if the step is transactional, the database has transactional DDL, and the script
     *     does not control transactions itself
     */
    public boolean runsInTransaction(Dialect dialect) {
        return dialect != null && step.transactional() && dialect.supportsTransactionalDdl() && !controlsTransactions();
    }

    /**
     * Tells whether the script ends or starts transactions itself ({@code COMMIT}, {@code ROLLBACK},
     * {@code BEGIN}, {@code START TRANSACTION}, {@code END}), as Quartz's {@code tables_postgres.sql}
     * does with a final {@code COMMIT}. Such a script would commit the step's work in the middle of
     * Tern's transaction and break the promise that a step and its record commit together, so it
     * runs statement by statement with auto-commit instead, like a step on MariaDB.
     *
     * @return true if a statement of the script is transaction control
     */
    public boolean controlsTransactions() {
        return statements.stream().anyMatch(s -> TRANSACTION_CONTROL.matcher(s.sql()).lookingAt());
    }
}
