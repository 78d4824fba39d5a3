package dev.tern.migration.spi;

import dev.tern.migration.api.VersionRange;
import java.util.Objects;

/**
 * A plugin's relation to another plugin: "needs {@code pluginId} at a version in {@code range}"
 * (a dependency) or "cannot be installed together with {@code pluginId} in {@code range}" (a
 * conflict). Immutable.
 *
 * @param pluginId the other plugin's id, not null
 * @param range the versions concerned, not null
 */
public record PluginDependency(String pluginId, VersionRange range) {
    /** Checks that no component is null. */
    public PluginDependency {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(range, "range");
    }

    /**
     * @param pluginId the other plugin's id
     * @param range a range in npm syntax, e.g. {@code ^1.2} or {@code >=1.2 <2}
     * @return the relation
     * @throws dev.tern.migration.api.DependencyException with {@code INVALID_RANGE} if the range is malformed
     */
    public static PluginDependency on(String pluginId, String range) {
        return new PluginDependency(pluginId, VersionRange.parse(range));
    }

    /**
     * @param pluginId the other plugin's id
     * @return a relation to any version of that plugin ({@code *})
     */
    public static PluginDependency on(String pluginId) {
        return on(pluginId, "*");
    }

    @Override
    public String toString() {
        return pluginId + " " + range;
    }
}
