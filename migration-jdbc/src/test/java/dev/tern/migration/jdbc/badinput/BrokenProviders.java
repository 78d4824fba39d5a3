package dev.tern.migration.jdbc.badinput;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.util.List;

/**
 * Providers named in the {@code META-INF/services} files the discovery rows write. Public, with
 * public no-argument constructors, as {@link java.util.ServiceLoader} requires.
 */
public final class BrokenProviders {
    private BrokenProviders() {
    }

    /** A provider whose constructor throws, as one whose configuration is missing would. */
    public static final class ThrowingConstructor implements MigrationService {
        /** Always throws. */
        public ThrowingConstructor() {
            throw new IllegalStateException("shop plugin misconfigured: no shop.region set");
        }

        @Override
        public String pluginId() {
            return "never";
        }

        @Override
        public List<Step> steps() {
            return List.of();
        }
    }

    /** A well-formed plugin {@code shop} with one Java step that does nothing. */
    public static final class Shop implements MigrationService {
        /** Creates the plugin. */
        public Shop() {
        }

        @Override
        public String pluginId() {
            return "shop";
        }

        @Override
        public List<Step> steps() {
            return List.of(JavaStep.of("1", "nothing", context -> { }));
        }
    }

    /** Listed as a provider but not a {@code MigrationService}. */
    public static final class NotAService {
        /** Creates the object. */
        public NotAService() {
        }
    }
}
