package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PluginOrderingTest {

    private static MigrationService plugin(String id, int priority) {
        return new MigrationService() {
            @Override
            public String pluginId() {
                return id;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public List<Step> steps() {
                return List.of();
            }
        };
    }

    @Test
    void lowerPriorityRunsFirstThenPluginId() {
        List<MigrationService> plugins = List.of(plugin("web", 0), plugin("audit", 5), plugin("jobs", 0),
                plugin("core", Integer.MIN_VALUE), plugin("billing", 5));

        assertThat(PluginOrdering.order(plugins)).extracting(MigrationService::pluginId)
                .containsExactly("core", "jobs", "web", "audit", "billing");
    }

    @Test
    void orderDoesNotDependOnTheOrderOfDiscovery() {
        List<MigrationService> plugins = new ArrayList<>(List.of(plugin("c", 1), plugin("a", 1), plugin("b", 0),
                plugin("d", -1)));
        List<String> expected = List.of("d", "b", "a", "c");
        Random random = new Random(42);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(plugins, random);
            assertThat(PluginOrdering.order(plugins)).extracting(MigrationService::pluginId).isEqualTo(expected);
        }
    }
}
