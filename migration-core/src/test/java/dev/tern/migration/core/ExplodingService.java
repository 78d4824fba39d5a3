package dev.tern.migration.core;

import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.util.List;

/** A provider whose constructor fails, listed for ServiceLoader by the discovery tests. */
public final class ExplodingService implements MigrationService {
    /** Always fails. */
    public ExplodingService() {
        throw new IllegalStateException("boom in constructor");
    }

    @Override
    public String pluginId() {
        return "exploding";
    }

    @Override
    public List<Step> steps() {
        return List.of();
    }
}
