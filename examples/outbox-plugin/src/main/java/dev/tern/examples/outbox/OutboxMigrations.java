package dev.tern.examples.outbox;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.ScriptMigrationService;
import java.util.List;

/**
 * The {@code outbox} plugin: SQL scripts from {@code db/outbox} plus one Java step that backfills
 * the event keys added in 1.1.0. Needs the {@code jobs} plugin at {@code ^1.0} (its events refer to
 * jobs), so it runs after it; priority 20.
 * Found through {@link java.util.ServiceLoader}; thread-safe.
 */
public final class OutboxMigrations extends ScriptMigrationService {
    /** The plugin id, as recorded in the history table. */
    public static final String PLUGIN_ID = "outbox";

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public OutboxMigrations() {
        super(PLUGIN_ID, "db/outbox", 20);
    }

    /** @return {@code jobs ^1.0}: any 1.x version of the jobs plugin */
    @Override
    public List<PluginDependency> dependencies() {
        return List.of(PluginDependency.on("jobs", "^1.0"));
    }

    @Override
    protected List<JavaStep> javaSteps() {
        return List.of(EventKeyBackfill.step());
    }
}
