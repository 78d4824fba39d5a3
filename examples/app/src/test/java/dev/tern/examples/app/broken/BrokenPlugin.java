package dev.tern.examples.app.broken;

import dev.tern.migration.spi.ScriptMigrationService;

/**
 * A plugin whose second step fails (it writes to a table that does not exist), put on the class
 * path beside the fat jar to see how the application reports a failed run. Runs last (priority 40).
 */
public final class BrokenPlugin extends ScriptMigrationService {
    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public BrokenPlugin() {
        super("broken", "db/broken", 40);
    }
}
