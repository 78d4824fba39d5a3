package dev.tern.migration.api;

/** Which way a history entry moved a plugin's schema. */
public enum Direction {
    /** The step's up action ran. */
    UP,
    /** The step's down action ran (a rollback). */
    DOWN
}
