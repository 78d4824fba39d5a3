package dev.tern.migration.api.event;

import java.time.Instant;

/**
 * One event of a migration run. The set is closed (sealed); each event is an immutable record with
 * a stable {@link #name()}:
 *
 * <table>
 *   <caption>events</caption>
 *   <tr><th>name</th><th>record</th><th>when</th></tr>
 *   <tr><td>{@code migration.created}</td><td>{@link MigrationCreated}</td><td>a plugin was discovered (or added by hand), once per orchestrator</td></tr>
 *   <tr><td>{@code migration.started}</td><td>{@link MigrationStarted}</td><td>a plugin's pending steps start</td></tr>
 *   <tr><td>{@code migration.step.started}</td><td>{@link StepStarted}</td><td>an attempt of a step starts</td></tr>
 *   <tr><td>{@code migration.step.completed}</td><td>{@link StepCompleted}</td><td>a step was applied</td></tr>
 *   <tr><td>{@code migration.step.failed}</td><td>{@link StepFailed}</td><td>an attempt of a step failed (retried or final)</td></tr>
 *   <tr><td>{@code migration.completed}</td><td>{@link MigrationCompleted}</td><td>a plugin's pending steps were all applied</td></tr>
 *   <tr><td>{@code migration.rolled_back}</td><td>{@link MigrationRolledBack}</td><td>a rollback of a plugin finished</td></tr>
 *   <tr><td>{@code migration.failed}</td><td>{@link MigrationFailed}</td><td>a plugin stopped because a step failed</td></tr>
 * </table>
 *
 * <p>Timestamps come from the orchestrator's clock.
 */
public sealed interface MigrationEvent
        permits MigrationCreated, MigrationStarted, StepStarted, StepCompleted, StepFailed, MigrationCompleted,
                MigrationRolledBack, MigrationFailed {

    /** @return the stable event name, e.g. {@code migration.step.failed} */
    String name();

    /** @return the plugin the event is about */
    String pluginId();

    /** @return when the event happened, by the orchestrator's clock */
    Instant timestamp();
}
