package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.DiscoveryException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.spi.MigrationService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds the plugins: the {@link MigrationService}s listed for {@link ServiceLoader} plus those added
 * by hand, with their plugin ids checked. A provider that cannot be loaded is an error naming it,
 * never skipped, because a silently missing plugin would leave its schema behind. Stateless.
 */
public final class ServiceDiscovery {
    /** The shape of a plugin id. */
    public static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    // ServiceLoader recovers from a broken entry on a best-effort basis; stop if it keeps failing.
    private static final int MAX_LOAD_FAILURES = 100;

    private ServiceDiscovery() {
    }

    /**
     * Discovers the plugins.
     *
     * @param loader where {@code META-INF/services} entries are looked up
     * @param discover false to skip {@link ServiceLoader} and use only {@code added}
     * @param added services added by hand, kept after the discovered ones
     * @return every plugin, discovered first, with valid and unique plugin ids, in no particular order
     * @throws MigrationException listing every problem: {@link DiscoveryException} with
     *     {@code PROVIDER_LOAD_FAILED} for a provider that could not be loaded or instantiated,
     *     {@link ConfigurationException} with {@code INVALID_PLUGIN_ID} for a malformed plugin id,
     *     {@link DiscoveryException} with {@code DUPLICATE_PLUGIN} for two plugins with one id
     */
    public static List<MigrationService> discover(ClassLoader loader, boolean discover, List<MigrationService> added) {
        List<MigrationException> problems = new ArrayList<>();
        List<MigrationService> all = new ArrayList<>();
        if (discover) {
            load(loader, all, problems);
        }
        all.addAll(added);
        Map<String, MigrationService> byId = new LinkedHashMap<>();
        for (MigrationService service : all) {
            String id;
            try {
                id = service.pluginId();
            } catch (RuntimeException e) {
                problems.add(new ConfigurationException(ErrorCode.INVALID_PLUGIN_ID, "pluginId() of "
                        + service.getClass().getName() + " failed: " + e, e));
                continue;
            }
            if (id == null || !PLUGIN_ID.matcher(id).matches()) {
                problems.add(new ConfigurationException(ErrorCode.INVALID_PLUGIN_ID, "plugin id "
                        + (id == null ? "null" : "'" + id + "'") + " of " + service.getClass().getName()
                        + " does not match [a-z0-9][a-z0-9._-]{0,63}"));
                continue;
            }
            MigrationService previous = byId.putIfAbsent(id, service);
            if (previous != null) {
                problems.add(new DiscoveryException(ErrorCode.DUPLICATE_PLUGIN, "two plugins declare this id: "
                        + previous.getClass().getName() + " and " + service.getClass().getName()
                        + "; plugin ids must be unique in the application", id, null, null, 0, null));
            }
        }
        Problems.throwIfAny(problems, "the plugins");
        return List.copyOf(byId.values());
    }

    private static void load(ClassLoader loader, List<MigrationService> into, List<MigrationException> problems) {
        Iterator<ServiceLoader.Provider<MigrationService>> providers =
                ServiceLoader.load(MigrationService.class, loader).stream().iterator();
        int failures = 0;
        while (failures < MAX_LOAD_FAILURES) {
            ServiceLoader.Provider<MigrationService> provider;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                // The error message names the provider class ("Provider x.Y not found", ...).
                failures++;
                problems.add(new DiscoveryException(ErrorCode.PROVIDER_LOAD_FAILED,
                        "a MigrationService provider listed in META-INF/services could not be loaded: "
                                + e.getMessage() + causeText(e), e));
                continue;
            }
            try {
                into.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures++;
                problems.add(new DiscoveryException(ErrorCode.PROVIDER_LOAD_FAILED, "MigrationService provider "
                        + provider.type().getName() + " could not be instantiated: " + e + causeText(e), e));
            }
        }
    }

    private static String causeText(Throwable e) {
        Throwable cause = e.getCause();
        return cause == null ? "" : " (caused by " + cause + ")";
    }
}
