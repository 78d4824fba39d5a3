package dev.tern.migration.api.event;

import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: an attempt of a step failed. Sent for every failed attempt: with the delay before
 * the next attempt when the step will be retried, without one when this failure is final (a
 * permanent error, no attempt or time left, or a step that cannot be retried safely).
 *
 * @param pluginId the plugin, not null
 * @param version the step version, not null
 * @param description the step description, not null
 * @param kind what the step is made of, not null
 * @param attempt the number of the attempt that failed, 1 for the first
 * @param error the failure, naming the plugin, step, script and line where known; its cause is
 *     the database's or the step's own exception; not null
 * @param nextDelay the wait before the next attempt if the step will be retried, else empty; not null
 * @param timestamp when the attempt failed, not null
 */
public record StepFailed(String pluginId, Version version, String description, StepKind kind, int attempt,
                         StepExecutionException error, Optional<Duration> nextDelay, Instant timestamp)
        implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.step.failed";

    /** Checks the components. */
    public StepFailed {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(nextDelay, "nextDelay");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** @return true if no further attempt follows, so the step is recorded as failed */
    public boolean isFinal() {
        return nextDelay.isEmpty();
    }

    @Override
    public String name() {
        return NAME;
    }
}
