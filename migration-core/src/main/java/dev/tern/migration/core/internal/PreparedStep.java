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
     * @return true if the step is transactional and the database has transactional DDL
     */
    public boolean runsInTransaction(Dialect dialect) {
        return dialect != null && step.transactional() && dialect.supportsTransactionalDdl();
    }
}
