package dev.tern.migration.api;

/**
 * The status recorded in a history entry: an outcome ({@link #SUCCESS}, {@link #FAILED}), or the
 * {@link #STARTED} marker written before a step that does not run in a transaction.
 */
public enum Status {
    /** The action completed and was committed. */
    SUCCESS,
    /** The action failed after its last attempt. */
    FAILED,
    /**
     * Not an outcome: a marker appended, and committed, just before a step that does not run in a
     * transaction starts (on databases whose DDL commits implicitly, and for non-transactional
     * steps). The step's outcome ({@link #SUCCESS} or {@link #FAILED}) follows it. A marker with no
     * outcome after it means the run was interrupted (process killed, connection lost) while the
     * step ran, so some of its changes may have been committed: Tern then refuses to run until the
     * operator has cleaned up ({@link ErrorCode#INTERRUPTED_STEP_IN_HISTORY}). Planning, installed
     * versions and status reports ignore marker rows otherwise.
     */
    STARTED
}
