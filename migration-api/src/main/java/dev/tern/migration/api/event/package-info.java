/**
 * Typed events of a migration run, with stable names ({@code migration.started},
 * {@code migration.step.failed}, ...), and the {@link dev.tern.migration.api.event.MigrationListener}
 * that receives them. Events are immutable records; listeners are called synchronously, in
 * registration order, on the thread running the migrations.
 */
package dev.tern.migration.api.event;
