package dev.tern.migration.spi;

import dev.tern.migration.spi.internal.ScriptScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The recommended parent of a plugin: its steps are the SQL scripts of one class-path folder, plus
 * any Java steps it adds. A whole plugin:
 *
 * <pre>{@code
 * public final class JobsMigrations extends ScriptMigrationService {
 *     public JobsMigrations() {
 *         super("jobs", "db/jobs");
 *     }
 *
 *     @Override
 *     protected List<JavaStep> javaSteps() {
 *         return List.of(JavaStep.of("1.1.0", "seed providers", ctx -> { ... }));
 *     }
 * }
 * }</pre>
 *
 * <p>Script names follow Flyway's: {@code V<version>__<description>.sql} for the up script and
 * {@code U<version>__<description>.sql} for the down script; the version may use {@code .} or
 * {@code _} as separators and short forms ({@code V1__init.sql} is 1.0.0); underscores in the
 * description read as spaces. A sub-folder named after a database variant ({@code h2},
 * {@code postgresql}, {@code mariadb}, {@code mysql}) holds scripts for that database only, used
 * instead of the universal script of the same version. Directive lines at the top of an up script
 * (leading lines starting with {@code -- tern:}, in any order): {@code -- tern:transactional=false}
 * runs the step outside a transaction; {@code -- tern:breaking=true} marks it as a
 * {@linkplain Step#breaking() breaking change}. Files not ending in
 * {@code .sql} are ignored; a name ending in {@code .SQL} (any other case) is refused, as are a
 * blank description and a version that is not one ({@code StepDefinitionException}). The folder is read from the plugin class's class loader and from the jar or directory the
 * plugin class was loaded from (which also works for jars written without directory entries), once, when {@link #steps()} is first called.
 *
 * <p>Thread-safe.
 */
public abstract class ScriptMigrationService implements MigrationService {
    private final String pluginId;
    private final String location;
    private final int priority;
    private volatile List<Step> steps;

    /**
     * @param pluginId the plugin id
     * @param location the class-path folder of the scripts, e.g. {@code db/jobs}, without leading slash
     */
    protected ScriptMigrationService(String pluginId, String location) {
        this(pluginId, location, 0);
    }

    /**
     * @param pluginId the plugin id
     * @param location the class-path folder of the scripts, without leading slash
     * @param priority the plugin's {@linkplain MigrationService#priority() priority}
     */
    protected ScriptMigrationService(String pluginId, String location, int priority) {
        this.pluginId = pluginId;
        this.location = location;
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

    /** @return the class-path folder the scripts are read from */
    public final String location() {
        return location;
    }

    /**
     * The Java steps of the plugin, beside its scripts. None by default.
     *
     * @return the Java steps, not null
     */
    protected List<JavaStep> javaSteps() {
        return List.of();
    }

    /**
     * @return the scripts' steps followed by the {@linkplain #javaSteps() Java steps}
     * @throws dev.tern.migration.api.StepDefinitionException if a script is misnamed, two scripts
     *     share a version, a variant folder is unknown, or the folder cannot be read
     */
    @Override
    public final List<Step> steps() {
        List<Step> result = steps;
        if (result == null) {
            List<Step> all = new ArrayList<>(ScriptScanner.scan(pluginId, getClass(), location));
            all.addAll(javaSteps());
            result = List.copyOf(all);
            steps = result;
        }
        return result;
    }
}
