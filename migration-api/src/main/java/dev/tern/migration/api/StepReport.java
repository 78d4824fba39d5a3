package dev.tern.migration.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step did in a run.
 *
 * @param version the step version, not null
 * @param description the step description, not null
 * @param kind what the step is made of, not null
 * @param outcome applied, failed or skipped, not null
 * @param attempts how many attempts were made, 0 for a skipped step
 * @param duration the time spent on all attempts, not null ({@link Duration#ZERO} when skipped)
 * @param error the error message of a failed step, the reason of a step skipped because a plugin it
 *     needs failed, or null
 */
public record StepReport(Version version, String description, StepKind kind, StepOutcome outcome, int attempts,
                         Duration duration, String error) {
    /** Checks the non-null components. */
    public StepReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }
}
