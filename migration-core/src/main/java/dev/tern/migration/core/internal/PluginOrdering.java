package dev.tern.migration.core.internal;

import dev.tern.migration.spi.MigrationService;
import java.util.Collection;
import java.util.List;

/**
 * The order in which plugins run: the deterministic topological order of {@link PluginGraph}
 * (needed plugins first; then lower {@link MigrationService#priority()}, then plugin id). Does not
 * check the graph; a run checks it through {@link RunPlanning}. Stateless.
 */
public final class PluginOrdering {

    private PluginOrdering() {
    }

    /**
     * @param services the plugins, with valid and unique ids
     * @return the plugins in run order, a new immutable list; plugins caught in a dependency cycle
     *     come last, by priority then id
     */
    public static List<MigrationService> order(Collection<MigrationService> services) {
        return PluginGraph.of(services).order();
    }
}
