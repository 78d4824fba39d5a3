package dev.tern.migration.api;

/**
 * Thrown when the plugins cannot be ordered or installed together: a malformed range, a cycle, a
 * missing dependency, a range no version satisfies, or a conflict. Thrown before anything runs; the
 * message names the plugins and versions involved.
 *
 * <p>Immutable; see {@link MigrationException} for the location fields and message format.
 */
public class DependencyException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code the stable error code, not null
     * @param message what went wrong, naming the plugins and versions, not null
     */
    public DependencyException(ErrorCode code, String message) {
        super(code, message);
    }

    /**
     * @param code the stable error code, not null
     * @param message what went wrong, not null
     * @param pluginId the plugin whose declaration is at fault, or null
     * @param cause the underlying error, or null
     */
    public DependencyException(ErrorCode code, String message, String pluginId, Throwable cause) {
        super(code, message, pluginId, null, null, 0, cause);
    }
}
