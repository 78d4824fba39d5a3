package dev.tern.migration.api;

import java.util.Objects;

/**
 * Thrown by a run ({@code Orchestrator.runAll()}) that applied what it could but in which at least
 * one step failed. Its code is {@link ErrorCode#RUN_FAILED}; the {@linkplain #getCause() cause} is
 * the first {@link StepExecutionException}, and {@link #report()} tells what every plugin did: the
 * failing plugin's failed step and its skipped later steps, and the other plugins' applied steps,
 * which stay applied.
 *
 * <p>Immutable and safe to share between threads. The report is not serialized with the exception.
 */
public class MigrationFailedException extends MigrationException {
    private static final long serialVersionUID = 1L;

    // transient: the report is a plain record, and a deserialized exception keeps its message
    private final transient MigrationReport report;

    /**
     * @param message what failed, not null
     * @param report what the run did, not null
     * @param firstFailure the first step failure of the run, not null
     */
    public MigrationFailedException(String message, MigrationReport report, StepExecutionException firstFailure) {
        super(ErrorCode.RUN_FAILED, message, Objects.requireNonNull(firstFailure, "firstFailure"));
        this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * @return what the run did before and after the failure; null only on an instance that was
     *     deserialized
     */
    public MigrationReport report() {
        return report;
    }
}
