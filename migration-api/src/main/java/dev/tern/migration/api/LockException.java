package dev.tern.migration.api;

/**
 * Thrown when the migration lock could not be taken or released.
 *
 * <p>Immutable; see {@link MigrationException} for the location fields and message format.
 */
public class LockException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code the stable error code, not null
     * @param message what went wrong, not null
     */
    public LockException(ErrorCode code, String message) {
        super(code, message);
    }

    /**
     * @param code the stable error code, not null
     * @param message what went wrong, not null
     * @param cause the underlying error, may be null
     */
    public LockException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /**
     * @param code the stable error code, not null
     * @param message what went wrong, not null
     * @param pluginId the plugin concerned, or null
     * @param version the step version concerned, or null
     * @param source the script or resource concerned, or null
     * @param line the 1-based line in {@code source}, or 0 when unknown
     * @param cause the underlying error, or null
     */
    public LockException(ErrorCode code, String message, String pluginId, String version, String source, int line,
                 Throwable cause) {
        super(code, message, pluginId, version, source, line, cause);
    }
}
