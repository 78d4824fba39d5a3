package dev.tern.migration.core.internal;

import dev.tern.migration.api.DiscoveryException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.event.MigrationListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link MigrationListener}s: those registered by hand, then those listed for
 * {@link ServiceLoader}. As for plugins, a provider that cannot be loaded is an error naming it,
 * never skipped: a missing listener would silently lose monitoring. Stateless.
 */
public final class ListenerDiscovery {
    // ServiceLoader recovers from a broken entry on a best-effort basis; stop if it keeps failing.
    private static final int MAX_LOAD_FAILURES = 100;

    private ListenerDiscovery() {
    }

    /**
     * Discovers the listeners.
     *
     * @param loader where {@code META-INF/services} entries are looked up
     * @param discover false to use only {@code added}
     * @param added listeners registered by hand, kept first
     * @return the listeners in dispatch order: added ones, then discovered ones
     * @throws MigrationException listing every problem: {@link DiscoveryException} with
     *     {@code PROVIDER_LOAD_FAILED} for a provider that could not be loaded or instantiated
     */
    public static List<MigrationListener> discover(ClassLoader loader, boolean discover, List<MigrationListener> added) {
        List<MigrationListener> all = new ArrayList<>(added);
        if (!discover) {
            return List.copyOf(all);
        }
        List<MigrationException> problems = new ArrayList<>();
        Iterator<ServiceLoader.Provider<MigrationListener>> providers =
                ServiceLoader.load(MigrationListener.class, loader).stream().iterator();
        int failures = 0;
        while (failures < MAX_LOAD_FAILURES) {
            ServiceLoader.Provider<MigrationListener> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                // The error message names the provider class ("Provider x.Y not found", ...).
                failures++;
                problems.add(new DiscoveryException(ErrorCode.PROVIDER_LOAD_FAILED,
                        "a MigrationListener provider listed in META-INF/services could not be loaded: "
                                + e.getMessage() + causeText(e), e));
                continue;
            }
            try {
                all.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures++;
                problems.add(new DiscoveryException(ErrorCode.PROVIDER_LOAD_FAILED, "MigrationListener provider "
                        + provider.type().getName() + " could not be instantiated: " + e + causeText(e), e));
            }
        }
        Problems.throwIfAny(problems, "the migration listeners");
        return List.copyOf(all);
    }

    private static String causeText(Throwable e) {
        Throwable cause = e.getCause();
        return cause == null ? "" : " (caused by " + cause + ")";
    }
}
