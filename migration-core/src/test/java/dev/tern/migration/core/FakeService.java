package dev.tern.migration.core;

import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.util.List;

/** A plugin made of the steps given, for tests. */
final class FakeService implements MigrationService {
    private final String pluginId;
    private final int priority;
    private final List<Step> steps;

    FakeService(String pluginId, int priority, List<Step> steps) {
        this.pluginId = pluginId;
        this.priority = priority;
        this.steps = steps;
    }

    static FakeService of(String pluginId, Step... steps) {
        return new FakeService(pluginId, 0, List.of(steps));
    }

    static FakeService withPriority(String pluginId, int priority, Step... steps) {
        return new FakeService(pluginId, priority, List.of(steps));
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
    public List<Step> steps() {
        return steps;
    }
}
