package dev.tern.examples.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tern.migration.api.StepKind;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OutboxMigrationsTest {

    @Test
    void isFoundByServiceLoaderWithItsIdAndPriority() {
        assertThat(ServiceLoader.load(MigrationService.class).stream().map(ServiceLoader.Provider::get).toList())
                .singleElement().satisfies(plugin -> {
                    assertThat(plugin).isInstanceOf(OutboxMigrations.class);
                    assertThat(plugin.pluginId()).isEqualTo("outbox");
                    assertThat(plugin.priority()).isEqualTo(20);
                });
    }

    @Test
    void backfillRunsBetweenAddingAndRequiringTheEventKey() {
        // steps() lists the scripts, then the Java steps; Tern runs them in version order.
        List<Step> steps = new OutboxMigrations().steps().stream().sorted(Comparator.comparing(Step::version)).toList();

        assertThat(steps).extracting(s -> s.version().toString(), Step::kind, Step::reversible).containsExactly(
                tuple("1.0.0", StepKind.SQL, true),
                tuple("1.1.0", StepKind.SQL, true),
                tuple("1.2.0", StepKind.JAVA, true),
                tuple("1.3.0", StepKind.SQL, true));
    }

    @Test
    void onlyPostgreSqlGetsThePartialIndex() {
        SqlStep create = (SqlStep) new OutboxMigrations().steps().get(0);

        assertThat(create.up().get("postgresql").content()).contains("WHERE published_at IS NULL");
        assertThat(create.up().get("h2").content()).doesNotContain("WHERE");
        assertThat(create.up().get("mariadb").content()).doesNotContain("WHERE");
    }
}
