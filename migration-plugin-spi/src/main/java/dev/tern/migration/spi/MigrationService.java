package dev.tern.migration.spi;

import java.util.List;

/**
 * One plugin's migrations: its id, its priority and its steps. Found by the orchestrator through
 * {@link java.util.ServiceLoader}, so an implementation needs a public no-argument constructor and
 * an entry in {@code META-INF/services/dev.tern.migration.spi.MigrationService} (or a
 * {@code provides} clause in its module descriptor). Most plugins extend
 * {@link ScriptMigrationService} instead of implementing this directly.
 *
 * <p>New methods arrive with defaults, so implementations keep compiling. Implementations must be
 * thread-safe; {@link #steps()} may be called more than once and must return the same steps.
 */
public interface MigrationService {

    /**
     * The plugin id, unique in the application: {@code [a-z0-9][a-z0-9._-]{0,63}}. It names the
     * plugin's rows in the history, so it never changes once released.
     *
     * @return the plugin id
     */
    String pluginId();

    /**
     * The order among plugins that are not ordered by dependencies: lower runs first, then by
     * plugin id.
     *
     * @return the priority; 0 by default
     */
    default int priority() {
        return 0;
    }

    /**
     * The plugins this plugin needs, each at a version in a range. A needed plugin runs first,
     * and must be present with a target version inside the range; otherwise the whole run fails
     * before anything is applied.
     *
     * @return the dependencies; none by default
     */
    default List<PluginDependency> dependencies() {
        return List.of();
    }

    /**
     * The plugins this plugin cannot be installed together with (in the given ranges). If one is
     * present at a target version inside the range, the run fails before anything is applied.
     *
     * @return the conflicts; none by default
     */
    default List<PluginDependency> conflicts() {
        return List.of();
    }

    /**
     * The plugin's steps, in any order; Tern orders them by version.
     *
     * @return the steps, not null
     * @throws dev.tern.migration.api.StepDefinitionException if the steps are malformed (bad script
     *     names, versions, duplicate versions, unreadable scripts)
     */
    List<Step> steps();
}
