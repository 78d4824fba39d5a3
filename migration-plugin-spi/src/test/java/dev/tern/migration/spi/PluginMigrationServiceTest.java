package dev.tern.migration.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.Version;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginMigrationServiceTest {

    /** Generates one step per tenant table, as a code-first plugin would. */
    static final class TenantTables extends PluginMigrationService {
        final List<String> ranges = new ArrayList<>();
        private final String target;
        private final boolean overshoot;

        TenantTables(String target, boolean overshoot) {
            super("tenants", 5);
            this.target = target;
            this.overshoot = overshoot;
        }

        @Override
        public Version targetVersion() {
            return Version.parse(target);
        }

        @Override
        protected List<Step> steps(Version from, Version to) {
            ranges.add(from + ".." + to);
            List<Step> all = new ArrayList<>();
            for (int i = 3; i >= 1; i--) {
                String table = "tenant_" + i;
                all.add(JavaStep.of(i + ".0", "create " + table, ctx -> ctx.connection()));
            }
            return overshoot ? all : all.stream().filter(s -> inRange(s.version(), from, to)).toList();
        }
    }

    @Test
    void stepsAreComputedUpToTheTargetAndOrderedByVersion() {
        TenantTables plugin = new TenantTables("2.0", false);
        assertThat(plugin.steps()).extracting(s -> s.version().toString()).containsExactly("1.0.0", "2.0.0");
        assertThat(plugin.ranges).containsExactly("null..2.0.0");
        assertThat(plugin.pluginId()).isEqualTo("tenants");
        assertThat(plugin.priority()).isEqualTo(5);
    }

    @Test
    void aStepAboveTheTargetIsRefused() {
        assertThatThrownBy(() -> new TenantTables("2.0", true).steps()).isInstanceOf(StepDefinitionException.class)
                .hasMessageContaining("plugin 'tenants' step 3.0.0").hasMessageContaining("above the target version")
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.INVALID_STEP);
    }

    @Test
    void aTargetWithoutItsOwnStepIsRefused() {
        assertThatThrownBy(() -> new TenantTables("2.5", false).steps()).isInstanceOf(StepDefinitionException.class)
                .hasMessageContaining("target version 2.5.0 has no step");
    }

    @Test
    void inRangeIsExclusiveBelowAndInclusiveAbove() {
        Version one = Version.parse("1");
        Version two = Version.parse("2");
        assertThat(PluginMigrationService.inRange(one, null, two)).isTrue();
        assertThat(PluginMigrationService.inRange(one, one, two)).isFalse();
        assertThat(PluginMigrationService.inRange(two, one, two)).isTrue();
    }
}
