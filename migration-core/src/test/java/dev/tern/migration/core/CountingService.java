package dev.tern.migration.core;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider that counts its instances, listed for ServiceLoader by the discovery tests. */
public final class CountingService implements MigrationService {
    static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Counts the instance. */
    public CountingService() {
        INSTANCES.incrementAndGet();
    }

    @Override
    public String pluginId() {
        return "counting";
    }

    @Override
    public List<Step> steps() {
        return List.of(JavaStep.of("1.0.0", "nothing", ctx -> { }));
    }
}
