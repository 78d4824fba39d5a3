package dev.tern.migration.spi;

import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import java.sql.Connection;

/**
 * What a {@link JavaStep} receives while it runs. Valid only during the call; not thread-safe.
 */
public interface StepContext {

    /** @return the plugin the step belongs to */
    String pluginId();

    /** @return the version of the running step */
    Version version();

    /**
     * The connection the step runs on. When the step is transactional and the database has
     * transactional DDL, auto-commit is off and Tern commits it together with the step's history
     * record; do not commit, roll back or close it.
     *
     * @return the connection
     * @throws dev.tern.migration.api.ConfigurationException with {@code INVALID_CONFIGURATION} if
     *     the orchestrator was built without a data source
     */
    Connection connection();

    /**
     * @return the dialect of the database, for steps whose SQL differs per database
     * @throws dev.tern.migration.api.ConfigurationException with {@code INVALID_CONFIGURATION} if
     *     the orchestrator was built without a data source
     */
    Dialect dialect();
}
