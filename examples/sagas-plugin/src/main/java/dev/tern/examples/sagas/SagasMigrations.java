package dev.tern.examples.sagas;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.ScriptMigrationService;
import java.util.List;

/**
 * The {@code sagas} plugin: SQL scripts from {@code db/sagas} plus one Java step that fills in the
 * step counts added in 1.2.0. Needs the {@code outbox} plugin at {@code >=1.0 <2} (sagas publish
 * their events through it), so it runs after outbox and, through outbox, after jobs; priority 30. Found through
 * {@link java.util.ServiceLoader}; thread-safe.
 */
public final class SagasMigrations extends ScriptMigrationService {
    /** The plugin id, as recorded in the history table. */
    public static final String PLUGIN_ID = "sagas";

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public SagasMigrations() {
        super(PLUGIN_ID, "db/sagas", 30);
    }

    /** @return {@code outbox >=1.0 <2} */
    @Override
    public List<PluginDependency> dependencies() {
        return List.of(PluginDependency.on("outbox", ">=1.0 <2"));
    }

    @Override
    protected List<JavaStep> javaSteps() {
        return List.of(StepCountBackfill.step());
    }
}
