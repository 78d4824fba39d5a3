package dev.tern.migration.spi;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The parent of a plugin whose steps are computed in code rather than read from scripts: the
 * plugin states its {@linkplain #targetVersion() target version} and returns the
 * {@linkplain #steps(Version, Version) steps between two versions}. Useful when steps are generated
 * (one per tenant table, from a model, from a registry of Java classes) or when the target depends
 * on the plugin's configuration.
 *
 * <pre>{@code
 * public final class AuditMigrations extends PluginMigrationService {
 *     public AuditMigrations() {
 *         super("audit");
 *     }
 *
 *     @Override
 *     public Version targetVersion() {
 *         return Version.parse("1.1.0");
 *     }
 *
 *     @Override
 *     protected List<Step> steps(Version from, Version to) {
 *         return Stream.of(create, addIndex).filter(s -> inRange(s.version(), from, to)).toList();
 *     }
 * }
 * }</pre>
 *
 * <p>Tern asks for every step up to the target ({@code steps(null, targetVersion())}), because it
 * checks the applied ones against the history as well as running the pending ones. The result is
 * checked: every step must lie in the requested range, and one must have the target version.
 *
 * <p>Implementations must be thread-safe and return the same steps for the same range.
 */
public abstract class PluginMigrationService implements MigrationService {
    private final String pluginId;
    private final int priority;

    /** @param pluginId the plugin id */
    protected PluginMigrationService(String pluginId) {
        this(pluginId, 0);
    }

    /**
     * @param pluginId the plugin id
     * @param priority the plugin's {@linkplain MigrationService#priority() priority}
     */
    protected PluginMigrationService(String pluginId, int priority) {
        this.pluginId = pluginId;
        this.priority = priority;
    }

    @Override
    public final String pluginId() {
        return pluginId;
    }

    @Override
    public final int priority() {
        return priority;
    }

    /**
     * The version this plugin migrates to: the highest version {@link #steps(Version, Version)}
     * returns for the full range.
     *
     * @return the target version, not null
     */
    public abstract Version targetVersion();

    /**
     * The steps with versions in {@code (from, to]}.
     *
     * @param from the exclusive lower bound, or null for "from nothing installed"
     * @param to the inclusive upper bound, not null
     * @return the steps in that range, in any order
     */
    protected abstract List<Step> steps(Version from, Version to);

    /**
     * Tells whether a version lies in {@code (from, to]}, for implementations of
     * {@link #steps(Version, Version)}.
     *
     * @param version the version to test
     * @param from the exclusive lower bound, or null
     * @param to the inclusive upper bound
     * @return true if {@code from < version <= to}
     */
    protected static boolean inRange(Version version, Version from, Version to) {
        return (from == null || version.compareTo(from) > 0) && version.compareTo(to) <= 0;
    }

    /**
     * @return every step up to the target version, ordered by version
     * @throws StepDefinitionException with {@code INVALID_STEP} if a returned step lies outside the
     *     requested range or none has the target version
     */
    @Override
    public final List<Step> steps() {
        Version target = targetVersion();
        List<Step> steps = new ArrayList<>(steps(null, target));
        steps.sort(Comparator.comparing(Step::version));
        for (Step step : steps) {
            if (!inRange(step.version(), null, target)) {
                throw new StepDefinitionException(ErrorCode.INVALID_STEP, "steps(null, " + target + ") returned step "
                        + step.version() + ", above the target version", pluginId, step.version().toString(), null, 0, null);
            }
        }
        if (steps.isEmpty() || !steps.get(steps.size() - 1).version().equals(target)) {
            throw new StepDefinitionException(ErrorCode.INVALID_STEP, "target version " + target
                    + " has no step; steps returned: " + steps.stream().map(s -> s.version().toString()).toList(),
                    pluginId, target.toString(), null, 0, null);
        }
        return List.copyOf(steps);
    }
}
