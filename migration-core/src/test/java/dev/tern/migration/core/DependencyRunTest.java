package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.migration.api.DependencyException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Dependencies and conflicts between plugins, with an in-memory history store and Java steps. */
class DependencyRunTest {
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> ran.add(ctx.pluginId() + " " + ctx.version()));
    }

    private static JavaStep failing(String version) {
        return JavaStep.of(version, "failing " + version, ctx -> {
            throw new IllegalStateException("boom");
        });
    }

    private Orchestrator orchestrator(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .installedBy("tester").lockTimeout(Duration.ofSeconds(5)).build();
    }

    /** Runs and expects a DependencyException before any step ran and before anything was written. */
    private DependencyException refused(MigrationService... services) {
        DependencyException e = catchThrowableOfType(DependencyException.class, () -> orchestrator(services).runAll());
        assertThat(e).as("a DependencyException").isNotNull();
        assertThat(ran).as("steps run").isEmpty();
        assertThat(history.entries()).as("history").isEmpty();
        assertThat(history.isPrepared()).as("history store prepared").isFalse();
        return e;
    }

    @Test
    void neededPluginsRunFirstWhateverTheirPriorityAndId() {
        MigrationReport report = orchestrator(
                DependentService.of("alpha", step("1")).needs("sagas", "*"),
                DependentService.of("sagas", step("1")).needs("outbox", ">=1.0 <2"),
                DependentService.of("outbox", step("1"), step("1.1")).needs("jobs", "^1.0").priority(-5),
                DependentService.of("jobs", step("1")).priority(100)).runAll();

        assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs", "outbox", "sagas", "alpha");
        assertThat(ran).containsExactly("jobs 1.0.0", "outbox 1.0.0", "outbox 1.1.0", "sagas 1.0.0", "alpha 1.0.0");
    }

    @Test
    void pluginsTheGraphDoesNotOrderRunByPriorityThenIdDeterministically() {
        List<DependentService> plugins = new ArrayList<>(List.of(
                DependentService.of("c", step("1")).priority(1),
                DependentService.of("b", step("1")).priority(1),
                DependentService.of("a", step("1")).needs("c", "*").priority(0),
                DependentService.of("d", step("1")).priority(0),
                DependentService.of("e", step("1")).priority(-1)));
        // e (-1) first; then d (0; a waits for c); then b, c (1, by id); then a, freed by c.
        List<String> expected = List.of("e", "d", "b", "c", "a");
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(plugins, random);
            InMemoryHistoryStore store = new InMemoryHistoryStore();
            MigrationReport report = Orchestrator.builder().historyStore(store).discovery(false)
                    .addService(plugins.toArray(MigrationService[]::new)).build().runAll();
            assertThat(report.plugins()).extracting(PluginReport::pluginId).isEqualTo(expected);
        }
    }

    @Test
    void cycleFailsBeforeAnythingRunsNamingThePath() {
        DependencyException e = refused(
                DependentService.of("b", step("1")).needs("c", "*"),
                DependentService.of("a", step("1")).needs("b", "*"),
                DependentService.of("c", step("1")).needs("a", "*"),
                DependentService.of("free", step("1")));

        assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_CYCLE);
        assertThat(e.getMessage()).contains("a -> b -> c -> a");
    }

    @Test
    void pluginNeedingItselfIsACycle() {
        DependencyException e = refused(DependentService.of("self", step("1")).needs("self", "*"));

        assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_CYCLE);
        assertThat(e.getMessage()).contains("self -> self");
    }

    @Test
    void missingDependencyFailsBeforeAnythingRunsNamingBothPlugins() {
        DependencyException e = refused(DependentService.of("sagas", step("1")).needs("outbox", "^1.0"),
                DependentService.of("jobs", step("1")));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_DEPENDENCY);
        assertThat(e.getMessage()).contains("plugin 'sagas': needs 'outbox' (^1.0), which is not present");
        assertThat(e.pluginId()).contains("sagas");
    }

    @Test
    void rangeNotSatisfiedByTheTargetVersionFailsBeforeAnythingRuns() {
        DependencyException e = refused(
                DependentService.of("outbox", step("1")).needs("jobs", "^1.0"),
                DependentService.of("jobs", step("1"), step("2.0.0")));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSATISFIED_DEPENDENCY);
        assertThat(e.getMessage()).contains("plugin 'outbox': needs 'jobs' at ^1.0")
                .contains("the target version of 'jobs' is 2.0.0");
    }

    @Test
    void malformedRangeFailsBeforeAnythingRunsNamingThePlugin() {
        DependencyException e = refused(
                DependentService.of("outbox", step("1")).needs("jobs", "^^1"),
                DependentService.of("jobs", step("1")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RANGE);
        assertThat(e.getMessage()).contains("plugin 'outbox'").contains("'^^1' is not a version range");
        assertThat(e.pluginId()).contains("outbox");
    }

    @Test
    void conflictFailsBeforeAnythingRunsNamingBothPlugins() {
        DependencyException e = refused(
                DependentService.of("legacy-jobs", step("1")).conflictsWith("jobs", ">=1.0"),
                DependentService.of("jobs", step("1.2")));

        assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_CONFLICT);
        assertThat(e.getMessage()).contains("plugin 'legacy-jobs': cannot be installed together with 'jobs' >=1.0")
                .contains("target version 1.2.0");
    }

    @Test
    void conflictOutsideTheRangeIsAllowed() {
        orchestrator(DependentService.of("legacy-jobs", step("1")).conflictsWith("jobs", "<1.0"),
                DependentService.of("jobs", step("1.2"))).runAll();

        assertThat(ran).containsExactlyInAnyOrder("legacy-jobs 1.0.0", "jobs 1.2.0");
    }

    @Test
    void everyDependencyProblemIsReportedTogether() {
        DependencyException e = refused(
                DependentService.of("a", step("1")).needs("b", "*"),
                DependentService.of("b", step("1")).needs("a", "*"),
                DependentService.of("sagas", step("1")).needs("outbox", "^1.0"),
                DependentService.of("web", step("1")).needs("jobs", "^2"),
                DependentService.of("jobs", step("1")),
                DependentService.of("old", step("1")).conflictsWith("jobs", "*"));

        assertThat(e.getMessage()).contains("4 problems found in the plugins' dependencies")
                .contains("a -> b -> a")
                .contains("plugin 'sagas': needs 'outbox' (^1.0), which is not present")
                .contains("plugin 'web': needs 'jobs' at ^2")
                .contains("plugin 'old': cannot be installed together with 'jobs'");
        assertThat(e.getSuppressed()).extracting(t -> ((MigrationException) t).code()).containsExactlyInAnyOrder(
                ErrorCode.MISSING_DEPENDENCY, ErrorCode.DEPENDENCY_CYCLE, ErrorCode.UNSATISFIED_DEPENDENCY,
                ErrorCode.PLUGIN_CONFLICT);
    }

    @Test
    void failingPluginSkipsItsDependantsTransitivelyButNotUnrelatedPlugins() {
        Orchestrator tern = orchestrator(
                DependentService.of("jobs", step("1"), failing("1.1"), step("1.2")),
                DependentService.of("outbox", step("1")).needs("jobs", "^1.0"),
                DependentService.of("sagas", step("1"), step("1.1")).needs("outbox", "*"),
                DependentService.of("audit", step("1")));

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, tern::runAll);

        assertThat(ran).containsExactly("audit 1.0.0", "jobs 1.0.0");
        List<PluginReport> plugins = e.report().plugins();
        assertThat(plugins).extracting(PluginReport::pluginId).containsExactly("audit", "jobs", "outbox", "sagas");
        assertThat(plugins.get(1).steps()).extracting(StepReport::outcome)
                .containsExactly(StepOutcome.APPLIED, StepOutcome.FAILED, StepOutcome.SKIPPED);
        assertThat(plugins.get(2).steps()).extracting(s -> s.version().toString(), StepReport::outcome, StepReport::error)
                .containsExactly(tuple("1.0.0", StepOutcome.SKIPPED, "skipped: plugin 'outbox' needs 'jobs', which failed"));
        assertThat(plugins.get(3).steps()).extracting(StepReport::outcome, StepReport::error).containsExactly(
                tuple(StepOutcome.SKIPPED, "skipped: plugin 'sagas' needs 'outbox', which was stopped because 'jobs' failed"),
                tuple(StepOutcome.SKIPPED, "skipped: plugin 'sagas' needs 'outbox', which was stopped because 'jobs' failed"));
        assertThat(plugins.get(3).after()).isEmpty();
        assertThat(history.entries()).extracting(h -> h.pluginId() + " " + h.version() + " " + h.status())
                .containsExactly("audit 1.0.0 SUCCESS", "jobs 1.0.0 SUCCESS", "jobs 1.1.0 FAILED");
    }

    @Test
    void aPluginThatNeedsNothingPendingStillRunsWhenItsDependencyIsUpToDate() {
        orchestrator(DependentService.of("jobs", step("1"))).runAll();
        ran.clear();

        MigrationReport report = orchestrator(DependentService.of("jobs", step("1")),
                DependentService.of("outbox", step("1")).needs("jobs", "1.x")).runAll();

        assertThat(ran).containsExactly("outbox 1.0.0");
        assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs", "outbox");
    }

    @Test
    void dependencyDeclarationThatThrowsIsReportedWithThePluginName() {
        MigrationService broken = new MigrationService() {
            @Override
            public String pluginId() {
                return "broken";
            }

            @Override
            public List<dev.tern.migration.spi.PluginDependency> dependencies() {
                throw new IllegalStateException("cannot read the manifest");
            }

            @Override
            public List<dev.tern.migration.spi.Step> steps() {
                return List.of(step("1"));
            }
        };

        DependencyException e = refused(broken);

        assertThat(e.getMessage()).contains("plugin 'broken'").contains("dependencies()")
                .contains("cannot read the manifest");
    }

    @Test
    void dependencyProblemsComeFromPlanToo() {
        Orchestrator tern = orchestrator(DependentService.of("sagas", step("1")).needs("outbox", "^1.0"));

        assertThatThrownBy(tern::plan).isInstanceOf(DependencyException.class)
                .hasMessageContaining("plugin 'sagas': needs 'outbox' (^1.0), which is not present");
        // The history is read while the steps are loaded (DatabaseStart), but nothing is written.
        assertThat(history.isPrepared()).as("history store prepared").isFalse();
        assertThat(history.read()).isEmpty();
    }
}
