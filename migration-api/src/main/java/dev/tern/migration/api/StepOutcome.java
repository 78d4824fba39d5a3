package dev.tern.migration.api;

/** What happened to one step in a run. */
public enum StepOutcome {
    /** The step ran and was recorded. */
    APPLIED,
    /** The step failed after its last attempt; its plugin stopped. */
    FAILED,
    /** The step did not run because an earlier step of its plugin (or of a plugin it needs) failed. */
    SKIPPED,
    /** The step's down action ran and was recorded (a rollback). */
    ROLLED_BACK
}
