package dev.tern.migration.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The unchecked root of every error Tern raises, in the manner of Flyway's {@code FlywayException}
 * with its {@code ErrorCode}. Each exception carries a stable {@link ErrorCode} and, where known,
 * the plugin, the step version and the source (script file) and line the error concerns; the
 * message names all of them. A database error is kept as the {@linkplain #getCause() cause}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String detail;
    private final String pluginId;
    private final String version;
    private final String source;
    private final int line;

    /**
     * Creates an exception without location.
     *
     * @param code the stable error code, not null
     * @param message what went wrong and what to do about it, not null
     */
    public MigrationException(ErrorCode code, String message) {
        this(code, message, null, null, null, 0, null);
    }

    /**
     * Creates an exception without location, keeping its cause.
     *
     * @param code the stable error code, not null
     * @param message what went wrong and what to do about it, not null
     * @param cause the underlying error, may be null
     */
    public MigrationException(ErrorCode code, String message, Throwable cause) {
        this(code, message, null, null, null, 0, cause);
    }

    /**
     * Creates an exception located at a plugin, a step and a line of a source file.
     *
     * @param code the stable error code, not null
     * @param message what went wrong, not null
     * @param pluginId the plugin concerned, or null
     * @param version the step version concerned (as written), or null
     * @param source the script or resource concerned, or null
     * @param line the 1-based line in {@code source}, or 0 when unknown
     * @param cause the underlying error, or null
     */
    public MigrationException(ErrorCode code, String message, String pluginId, String version,
                              String source, int line, Throwable cause) {
        super(compose(Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message"),
                pluginId, version, source, line), cause);
        this.code = code;
        this.detail = message;
        this.pluginId = pluginId;
        this.version = version;
        this.source = source;
        this.line = line;
    }

    private static String compose(ErrorCode code, String message, String pluginId, String version,
                                  String source, int line) {
        StringBuilder where = new StringBuilder();
        if (pluginId != null) {
            where.append("plugin '").append(pluginId).append('\'');
        }
        if (version != null) {
            where.append(where.length() > 0 ? " " : "").append("step ").append(version);
        }
        if (source != null) {
            where.append(where.length() > 0 ? " " : "").append('(').append(source);
            if (line > 0) {
                where.append(':').append(line);
            }
            where.append(')');
        }
        return "[" + code.name() + "] " + (where.length() > 0 ? where + ": " : "") + message;
    }

    /** @return the stable error code, never null */
    public ErrorCode code() {
        return code;
    }

    /**
     * The message as given to the constructor, without the error code and location that
     * {@link #getMessage()} adds; for wrapping an exception with a more precise location without
     * repeating them.
     *
     * @return the bare message, never null
     */
    public String detail() {
        return detail;
    }

    /** @return the plugin the error concerns, if known */
    public Optional<String> pluginId() {
        return Optional.ofNullable(pluginId);
    }

    /** @return the step version the error concerns, as written, if known */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** @return the script or resource the error concerns, if known */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** @return the 1-based line in {@link #source()}, or 0 when unknown */
    public int line() {
        return line;
    }
}
