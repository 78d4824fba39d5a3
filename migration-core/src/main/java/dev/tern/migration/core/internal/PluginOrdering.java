package dev.tern.migration.core.internal;

import dev.tern.migration.spi.MigrationService;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which plugins run: lower {@link MigrationService#priority()} first, then plugin id.
 * Deterministic for a given set of plugins. Kept apart so that the dependency graph, which orders
 * plugins before priority applies, replaces this one place. Stateless.
 */
public final class PluginOrdering {
    private static final Comparator<MigrationService> PRIORITY_THEN_ID =
            Comparator.comparingInt(MigrationService::priority).thenComparing(MigrationService::pluginId);

    private PluginOrdering() {
    }

    /**
     * @param services the plugins, with valid and unique ids
     * @return the plugins in run order, a new immutable list
     */
    public static List<MigrationService> order(Collection<MigrationService> services) {
        return services.stream().sorted(PRIORITY_THEN_ID).toList();
    }
}
