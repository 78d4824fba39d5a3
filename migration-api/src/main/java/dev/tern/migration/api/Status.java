package dev.tern.migration.api;

/** The outcome recorded in a history entry. */
public enum Status {
    /** The action completed and was committed. */
    SUCCESS,
    /** The action failed after its last attempt. */
    FAILED
}
