package dev.tern.examples.jobs;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.ScriptMigrationService;
import java.util.List;

/**
 * The {@code jobs} plugin: SQL scripts from {@code db/jobs} plus one Java step that seeds the
 * default {@code provider_configs}. Priority 10, so it runs before the outbox (20) and sagas (30)
 * plugins. Found through {@link java.util.ServiceLoader}; thread-safe.
 */
public final class JobsMigrations extends ScriptMigrationService {
    /** The plugin id, as recorded in the history table. */
    public static final String PLUGIN_ID = "jobs";

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public JobsMigrations() {
        super(PLUGIN_ID, "db/jobs", 10);
    }

    @Override
    protected List<JavaStep> javaSteps() {
        return List.of(ProviderDefaults.step());
    }
}
