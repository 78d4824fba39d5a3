package dev.tern.migration.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history: one attempt-series of one step's up or down action. Rows are appended,
 * never rewritten, except by an explicit repair.
 *
 * @param id the store's sequence number, increasing in insertion order; 0 for an entry not yet stored
 * @param pluginId the plugin, not null
 * @param version the step version, not null
 * @param description the step description, not null (may be empty)
 * @param kind what the step is made of, not null
 * @param checksum the checksum of the step content that ran, or null for a step without one
 * @param direction up or down, not null
 * @param status success or failure, not null
 * @param attempts how many attempts were made, 1 or more
 * @param startedAt when the first attempt started, not null
 * @param finishedAt when the last attempt ended, not null
 * @param executionTime the time spent, not null, never negative
 * @param installedBy who ran it (user name), not null
 * @param error the error of the last attempt for a failed entry, or null
 */
public record HistoryEntry(long id, String pluginId, Version version, String description, StepKind kind,
                           String checksum, Direction direction, Status status, int attempts, Instant startedAt,
                           Instant finishedAt, Duration executionTime, String installedBy, String error) {

    /** Checks the non-null components and that {@code attempts} is positive. */
    public HistoryEntry {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(executionTime, "executionTime");
        Objects.requireNonNull(installedBy, "installedBy");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be 1 or more, was " + attempts);
        }
    }

    /**
     * Returns a copy with the store's sequence number set.
     *
     * @param newId the id the store assigned
     * @return the copy
     */
    public HistoryEntry withId(long newId) {
        return new HistoryEntry(newId, pluginId, version, description, kind, checksum, direction, status, attempts,
                startedAt, finishedAt, executionTime, installedBy, error);
    }
}
