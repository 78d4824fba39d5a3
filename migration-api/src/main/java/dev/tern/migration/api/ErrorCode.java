package dev.tern.migration.api;

/**
 * Stable error codes carried by every {@link MigrationException}. The names are part of the
 * public contract: they may be matched by applications and appear in logs, so they are never
 * renamed. New codes are added at the end of their group.
 */
public enum ErrorCode {
    // configuration
    /** A builder parameter is missing or out of range. */
    INVALID_CONFIGURATION,
    /** A schema, table or other identifier from configuration is not a plain SQL identifier. */
    INVALID_IDENTIFIER,
    /** A plugin id does not match {@code [a-z0-9][a-z0-9._-]{0,63}}. */
    INVALID_PLUGIN_ID,
    /** No {@code DatabaseProvider} recognises the database behind the data source. */
    UNSUPPORTED_DATABASE,

    // discovery
    /** A {@code MigrationService} provider listed in {@code META-INF/services} could not be loaded. */
    PROVIDER_LOAD_FAILED,
    /** Two plugins declare the same plugin id. */
    DUPLICATE_PLUGIN,

    // step definitions
    /** A version string is not a semantic version (nor a short form of one). */
    INVALID_VERSION,
    /** A script file name does not follow {@code V<version>__<description>.sql}. */
    INVALID_SCRIPT_NAME,
    /** Two steps of one plugin share a version. */
    DUPLICATE_VERSION,
    /** A script holds no statement. */
    EMPTY_SCRIPT,
    /** A script cannot be split: unterminated string, comment, dollar quote or delimiter. */
    SQL_PARSE_ERROR,
    /** A script variant folder names a database Tern does not know. */
    UNKNOWN_DATABASE_VARIANT,
    /** A step has no script for the current database and no universal script. */
    MISSING_DATABASE_VARIANT,
    /** A step definition is malformed in another way (no up action, down without up, ...). */
    INVALID_STEP,
    /** The scripts of a plugin could not be read from the class path. */
    SCRIPT_READ_FAILED,

    // plugin graph
    /** A version range is malformed. */
    INVALID_RANGE,
    /** Plugins depend on each other in a cycle. */
    DEPENDENCY_CYCLE,
    /** A plugin depends on a plugin that is not present. */
    MISSING_DEPENDENCY,
    /** No version of a dependency satisfies the range a plugin requires. */
    UNSATISFIED_DEPENDENCY,
    /** Two plugins that declare a conflict are present together. */
    PLUGIN_CONFLICT,

    // validation against history
    /** An applied step's content changed since it was applied. */
    CHECKSUM_MISMATCH,
    /** The history holds a successfully applied step that the code no longer has. */
    APPLIED_STEP_MISSING,
    /** The history holds a failed step of the plugin that has not since succeeded. */
    FAILED_STEP_IN_HISTORY,
    /** A pending step has a version below the plugin's installed version. */
    OUT_OF_ORDER_STEP,
    /** The history table was written by a newer Tern whose format this one does not read. */
    HISTORY_FORMAT_UNSUPPORTED,
    /**
     * A plugin is installed at a version above every step the code knows (an older build of the
     * application against a newer schema), or above the version a run was asked to reach.
     */
    DOWNGRADE_REFUSED,
    /** A pending step is breaking and breaking steps were not allowed for the run. */
    BREAKING_STEP_REFUSED,

    // execution
    /** A step failed while running; the cause holds the database's error. */
    STEP_FAILED,
    /** The run finished with at least one failed plugin. */
    RUN_FAILED,
    /** The migration lock could not be taken or released. */
    LOCK_FAILED,
    /** The history store could not be read or written. */
    HISTORY_STORE_FAILED,
    /** No connection to the database could be opened. */
    CONNECTION_FAILED
}
