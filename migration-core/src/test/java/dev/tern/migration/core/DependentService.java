package dev.tern.migration.core;

import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A plugin with dependencies and conflicts, for tests; each {@code with...} method returns a copy. */
public final class DependentService implements MigrationService {
    private final String pluginId;
    private final int priority;
    private final List<Supplier<PluginDependency>> dependencies;
    private final List<Supplier<PluginDependency>> conflicts;
    private final List<Step> steps;

    private DependentService(String pluginId, int priority, List<Supplier<PluginDependency>> dependencies,
                             List<Supplier<PluginDependency>> conflicts, List<Step> steps) {
        this.pluginId = pluginId;
        this.priority = priority;
        this.dependencies = dependencies;
        this.conflicts = conflicts;
        this.steps = steps;
    }

    /**
     * @param pluginId the plugin id
     * @param steps its steps
     * @return a plugin of priority 0 without dependencies
     */
    public static DependentService of(String pluginId, Step... steps) {
        return new DependentService(pluginId, 0, List.of(), List.of(), List.of(steps));
    }

    /**
     * @param id the needed plugin
     * @param range its range, parsed when {@link #dependencies()} is called (so a bad one fails there)
     * @return a copy that needs it
     */
    public DependentService needs(String id, String range) {
        List<Supplier<PluginDependency>> all = new ArrayList<>(dependencies);
        all.add(() -> PluginDependency.on(id, range));
        return new DependentService(pluginId, priority, all, conflicts, steps);
    }

    /**
     * @param id the conflicting plugin
     * @param range its range
     * @return a copy that conflicts with it
     */
    public DependentService conflictsWith(String id, String range) {
        List<Supplier<PluginDependency>> all = new ArrayList<>(conflicts);
        all.add(() -> PluginDependency.on(id, range));
        return new DependentService(pluginId, priority, dependencies, all, steps);
    }

    /**
     * @param value the priority
     * @return a copy with it
     */
    public DependentService priority(int value) {
        return new DependentService(pluginId, value, dependencies, conflicts, steps);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public List<PluginDependency> dependencies() {
        return dependencies.stream().map(Supplier::get).toList();
    }

    @Override
    public List<PluginDependency> conflicts() {
        return conflicts.stream().map(Supplier::get).toList();
    }

    @Override
    public List<Step> steps() {
        return steps;
    }
}
