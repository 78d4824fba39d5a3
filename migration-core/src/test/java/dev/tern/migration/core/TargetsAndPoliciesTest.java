package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** migrate(plugin, version), outOfOrder, downgrade refusal and breaking steps, in memory. */
class TargetsAndPoliciesTest {
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> ran.add(ctx.pluginId() + " " + ctx.version()));
    }

    private Orchestrator.Builder builder(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .installedBy("tester").lockTimeout(Duration.ofSeconds(5));
    }

    private void seed(String pluginId, String... versions) {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        for (String version : versions) {
            history.append(new HistoryEntry(0, pluginId, Version.parse(version), "step " + version, StepKind.JAVA, null,
                    Direction.UP, Status.SUCCESS, 1, at, at, Duration.ZERO, "seed", null), null);
        }
    }

    private <T extends MigrationException> T refused(Class<T> type, Runnable run) {
        int entries = history.entries().size();
        T e = catchThrowableOfType(type, run::run);
        assertThat(e).as(type.getSimpleName()).isNotNull();
        assertThat(ran).as("steps run").isEmpty();
        assertThat(history.entries()).as("history").hasSize(entries);
        return e;
    }

    private MigrationService[] shop() {
        return new MigrationService[] {
            DependentService.of("jobs", step("1"), step("1.1"), step("1.2")),
            DependentService.of("outbox", step("1"), step("1.1")).needs("jobs", "^1.0"),
            DependentService.of("sagas", step("1"), step("2")).needs("outbox", ">=1.0 <2"),
            DependentService.of("audit", step("1"))};
    }

    @Test
    void migrateBringsThePluginToTheVersionAndItsDependenciesToTheirTargetsAndNothingElse() {
        MigrationReport report = builder(shop()).build().migrate("outbox", "1.0");

        assertThat(ran).containsExactly("jobs 1.0.0", "jobs 1.1.0", "jobs 1.2.0", "outbox 1.0.0");
        assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs", "outbox");
        assertThat(report.plugins().get(1).after()).contains(Version.parse("1.0.0"));
    }

    @Test
    void migrateThenRunAllFinishesTheRest() {
        Orchestrator tern = builder(shop()).build();
        tern.migrate("sagas", "1.0.0");
        ran.clear();

        tern.runAll();

        assertThat(ran).containsExactly("audit 1.0.0", "sagas 2.0.0");
    }

    @Test
    void migrateToAVersionThePluginDoesNotHaveNamesTheKnownVersions() {
        ConfigurationException e = refused(ConfigurationException.class,
                () -> builder(shop()).build().migrate("jobs", "1.5"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(e.getMessage()).contains("plugin 'jobs': has no step 1.5")
                .contains("[1.0.0, 1.1.0, 1.2.0]");
    }

    @Test
    void migrateWithAMalformedVersionOrUnknownPluginIsAConfigurationError() {
        ConfigurationException bad = refused(ConfigurationException.class,
                () -> builder(shop()).build().migrate("jobs", "one"));
        ConfigurationException unknown = refused(ConfigurationException.class,
                () -> builder(shop()).build().migrate("billing", "1"));

        assertThat(bad.getMessage()).contains("has no step one").contains("1.2.0");
        assertThat(unknown.getMessage()).contains("no plugin 'billing'").contains("[audit, jobs, outbox, sagas]");
    }

    @Test
    void migrateBelowTheInstalledVersionIsRefused() {
        seed("jobs", "1", "1.1", "1.2");

        ValidationException e = refused(ValidationException.class,
                () -> builder(shop()).build().migrate("jobs", "1.1"));

        assertThat(e.code()).isEqualTo(ErrorCode.DOWNGRADE_REFUSED);
        assertThat(e.getMessage()).contains("installed at 1.2.0, above the requested 1.1.0");
    }

    @Test
    void migrateToTheInstalledVersionIsUpToDateWithoutLockOrWrite() {
        seed("jobs", "1", "1.1", "1.2");
        int reads = history.readCount();

        MigrationReport report = builder(shop()).build().migrate("jobs", "1.2.0");

        assertThat(report.upToDate()).isTrue();
        assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs");
        assertThat(history.readCount() - reads).isEqualTo(1);
        assertThat(history.isPrepared()).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void migrateChecksTheRangeAgainstTheTargetsOfThisRun() {
        MigrationService[] plugins = {
            DependentService.of("jobs", step("1"), step("2")),
            DependentService.of("outbox", step("1")).needs("jobs", "^1.0")};

        MigrationReport jobsOnly = builder(plugins).build().migrate("jobs", "1");
        assertThat(jobsOnly.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs");
        ran.clear();

        MigrationException e = refused(MigrationException.class, () -> builder(plugins).build().migrate("outbox", "1"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNSATISFIED_DEPENDENCY);
    }

    @Test
    void outOfOrderStepIsRefusedByDefaultAndAppliedWhenAllowed() {
        seed("jobs", "1", "1.2");
        MigrationService jobs = DependentService.of("jobs", step("1"), step("1.1"), step("1.2"), step("1.3"));

        ValidationException e = refused(ValidationException.class, () -> builder(jobs).build().runAll());
        assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_ORDER_STEP);
        assertThat(e.getMessage()).contains("outOfOrder");

        MigrationReport report = builder(jobs).outOfOrder(true).build().runAll();
        assertThat(ran).containsExactly("jobs 1.1.0", "jobs 1.3.0");
        assertThat(report.plugins().get(0).after()).contains(Version.parse("1.3.0"));
    }

    @Test
    void olderBuildAgainstNewerSchemaIsRefusedAsADowngrade() {
        seed("jobs", "1", "1.4", "2.0");

        ValidationException e = refused(ValidationException.class,
                () -> builder(DependentService.of("jobs", step("1"), step("1.4"))).build().runAll());

        assertThat(e.code()).isEqualTo(ErrorCode.DOWNGRADE_REFUSED);
        assertThat(e.getMessage()).contains("plugin 'jobs': is installed at 2.0.0 but this application only knows"
                + " steps up to 1.4.0; refusing to run an older build against a newer schema");
        assertThat(e.getSuppressed()).isEmpty();
    }

    @Test
    void breakingStepOnAnInstalledPluginIsRefusedUnlessAllowed() {
        seed("jobs", "1");
        MigrationService jobs = DependentService.of("jobs", step("1"), step("1.1"),
                step("1.2").asBreaking(), step("1.3"));

        ValidationException e = refused(ValidationException.class, () -> builder(jobs).build().runAll());
        assertThat(e.code()).isEqualTo(ErrorCode.BREAKING_STEP_REFUSED);
        assertThat(e.getMessage()).contains("plugin 'jobs' step 1.2.0: 'step 1.2' is breaking").contains("allowBreaking");
        assertThat(e.pluginId()).contains("jobs");
        assertThat(e.version()).contains("1.2.0");

        builder(jobs).allowBreaking(true).build().runAll();
        assertThat(ran).containsExactly("jobs 1.1.0", "jobs 1.2.0", "jobs 1.3.0");
    }

    @Test
    void breakingStepIsNotRefusedOnAFirstInstall() {
        builder(DependentService.of("jobs", step("1"), step("2").asBreaking())).majorVersionIsBreaking(true).build()
                .runAll();

        assertThat(ran).containsExactly("jobs 1.0.0", "jobs 2.0.0");
    }

    @Test
    void newMajorCountsAsBreakingOnlyWhenConfigured() {
        seed("jobs", "1");
        MigrationService jobs = DependentService.of("jobs", step("1"), step("1.5"), step("2"));

        ValidationException e = refused(ValidationException.class,
                () -> builder(jobs).majorVersionIsBreaking(true).build().runAll());
        assertThat(e.code()).isEqualTo(ErrorCode.BREAKING_STEP_REFUSED);
        assertThat(e.getMessage()).contains("step 2.0.0").contains("major 2 above the installed 1.0.0")
                .doesNotContain("1.5.0");

        builder(jobs).build().runAll();
        assertThat(ran).containsExactly("jobs 1.5.0", "jobs 2.0.0");
    }

    @Test
    void builderDefaultsAreSafeAndEachBuilderIsIndependent() {
        Orchestrator.Builder base = builder(DependentService.of("jobs", step("1"), step("1.1").asBreaking()));
        Orchestrator.Builder permissive = base.allowBreaking(true).outOfOrder(true).majorVersionIsBreaking(true);
        seed("jobs", "1");

        assertThat(catchThrowableOfType(ValidationException.class, () -> base.build().runAll()).code())
                .isEqualTo(ErrorCode.BREAKING_STEP_REFUSED);
        permissive.build().runAll();
        assertThat(ran).containsExactly("jobs 1.1.0");
    }
}
