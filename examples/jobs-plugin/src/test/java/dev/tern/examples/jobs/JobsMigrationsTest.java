package dev.tern.examples.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.StepKind;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class JobsMigrationsTest {

    @Test
    void isFoundByServiceLoaderWithItsIdAndPriority() {
        List<MigrationService> found = ServiceLoader.load(MigrationService.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().satisfies(plugin -> {
            assertThat(plugin).isInstanceOf(JobsMigrations.class);
            assertThat(plugin.pluginId()).isEqualTo("jobs");
            assertThat(plugin.priority()).isEqualTo(10);
        });
    }

    @Test
    void stepsAreTwoReversibleScriptsAndOneReversibleJavaStep() {
        List<Step> steps = new JobsMigrations().steps();

        assertThat(steps).extracting(s -> s.version().toString(), Step::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1.0.0", StepKind.SQL),
                org.assertj.core.groups.Tuple.tuple("1.1.0", StepKind.SQL),
                org.assertj.core.groups.Tuple.tuple("1.2.0", StepKind.JAVA));
        assertThat(steps).allMatch(Step::reversible, "every step has a down action");
    }

    @Test
    void tablesAreCreatedPerDatabaseAndAltersAreUniversalExceptMariaDbIndexDrops() {
        SqlStep create = (SqlStep) new JobsMigrations().steps().get(0);
        SqlStep alter = (SqlStep) new JobsMigrations().steps().get(1);

        assertThat(create.up()).containsOnlyKeys("h2", "postgresql", "mariadb");
        assertThat(create.up().get("postgresql").content()).contains("JSONB");
        assertThat(create.up().get("mariadb").content()).contains("AUTO_INCREMENT");
        assertThat(create.down()).containsOnlyKeys(SqlStep.UNIVERSAL);
        assertThat(alter.up()).containsOnlyKeys(SqlStep.UNIVERSAL);
        assertThat(alter.down()).containsOnlyKeys(SqlStep.UNIVERSAL, "mariadb");
        assertThat(alter.down().get("mariadb").content()).contains("DROP INDEX idx_jobs_type_status ON jobs");
    }
}
