package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.spi.StepContext;
import java.sql.Connection;

/** The context of one Java step run; without a database, asking for the connection is an error. */
final class DefaultStepContext implements StepContext {
    private final String pluginId;
    private final Version version;
    private final Connection connection;
    private final Dialect dialect;

    DefaultStepContext(String pluginId, Version version, Connection connection, Dialect dialect) {
        this.pluginId = pluginId;
        this.version = version;
        this.connection = connection;
        this.dialect = dialect;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public Version version() {
        return version;
    }

    @Override
    public Connection connection() {
        if (connection == null) {
            throw noDatabase("connection");
        }
        return connection;
    }

    @Override
    public Dialect dialect() {
        if (dialect == null) {
            throw noDatabase("dialect");
        }
        return dialect;
    }

    private ConfigurationException noDatabase(String what) {
        return new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "the step asked for a " + what
                + ", but the orchestrator was built without a dataSource", pluginId, version.toString(), null, 0, null);
    }
}
