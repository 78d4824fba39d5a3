package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.Step;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link Orchestrator#rollback} with an {@link InMemoryHistoryStore} and Java steps. */
class RollbackTest {
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private JavaStep reversible(String version) {
        return JavaStep.of(version, "step " + version, ctx -> ran.add("up " + ctx.pluginId() + " " + ctx.version()))
                .withDown(ctx -> ran.add("down " + ctx.pluginId() + " " + ctx.version()));
    }

    private JavaStep oneWay(String version) {
        return JavaStep.of(version, "one-way " + version, ctx -> ran.add("up " + ctx.pluginId() + " " + ctx.version()));
    }

    private Orchestrator orchestrator(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .installedBy("tester").lockTimeout(Duration.ofMillis(200)).build();
    }

    private MigrationService jobs() {
        return FakeService.of("jobs", reversible("1.0.0"), reversible("1.1.0"), reversible("1.2.0"));
    }

    @Test
    void runsDownActionsNewestFirstAndRecordsOneDownRowEach() {
        orchestrator(jobs()).runAll();
        ran.clear();

        MigrationReport report = orchestrator(jobs()).rollback("jobs", "1.0.0");

        assertThat(ran).containsExactly("down jobs 1.2.0", "down jobs 1.1.0");
        assertThat(history.entries()).extracting(e -> e.version().toString(), HistoryEntry::direction, HistoryEntry::status)
                .containsExactly(tuple("1.0.0", Direction.UP, Status.SUCCESS), tuple("1.1.0", Direction.UP, Status.SUCCESS),
                        tuple("1.2.0", Direction.UP, Status.SUCCESS), tuple("1.2.0", Direction.DOWN, Status.SUCCESS),
                        tuple("1.1.0", Direction.DOWN, Status.SUCCESS));
        PluginReport plugin = report.plugins().get(0);
        assertThat(plugin.before()).contains(Version.parse("1.2.0"));
        assertThat(plugin.after()).contains(Version.parse("1.0.0"));
        assertThat(plugin.steps()).extracting(s -> s.version().toString(), StepReport::outcome)
                .containsExactly(tuple("1.2.0", StepOutcome.ROLLED_BACK), tuple("1.1.0", StepOutcome.ROLLED_BACK));
        assertThat(report.succeeded()).isTrue();
        assertThat(report.toTable()).contains("ROLLED_BACK").contains("2 rolled back");
        assertThat(orchestrator(jobs()).status().plugin("jobs").orElseThrow().installedVersion())
                .isEqualTo(Version.parse("1.0.0"));
    }

    @Test
    void runAllAfterRollbackAppliesTheRolledBackStepsAgain() {
        orchestrator(jobs()).runAll();
        orchestrator(jobs()).rollback("jobs", "1.0.0");
        ran.clear();

        MigrationReport report = orchestrator(jobs()).runAll();

        assertThat(ran).containsExactly("up jobs 1.1.0", "up jobs 1.2.0");
        assertThat(report.plugins().get(0).before()).contains(Version.parse("1.0.0"));
        assertThat(report.plugins().get(0).after()).contains(Version.parse("1.2.0"));
        assertThat(orchestrator(jobs()).validate().isValid()).isTrue();
    }

    @Test
    void zeroOrAVersionBelowTheFirstStepUndoesEveryStep() {
        orchestrator(jobs()).runAll();
        ran.clear();

        MigrationReport report = orchestrator(jobs()).rollback("jobs", "0");

        assertThat(ran).containsExactly("down jobs 1.2.0", "down jobs 1.1.0", "down jobs 1.0.0");
        assertThat(report.plugins().get(0).after()).isEmpty();
        orchestrator(jobs()).runAll();
        ran.clear();
        orchestrator(jobs()).rollback("jobs", "0.9");
        assertThat(ran).hasSize(3);
        assertThat(orchestrator(jobs()).status().plugin("jobs").orElseThrow().installed()).isEmpty();
    }

    @Test
    void rollbackToTheInstalledVersionDoesNothingAndTakesNoLock() {
        orchestrator(jobs()).runAll();
        int rows = history.entries().size();
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            MigrationReport report = orchestrator(jobs()).rollback("jobs", "1.2.0");
            assertThat(report.plugins().get(0).steps()).isEmpty();
            assertThat(report.plugins().get(0).after()).contains(Version.parse("1.2.0"));
        }
        assertThat(history.entries()).hasSize(rows);
    }

    @Test
    void refusesBeforeDoingAnythingWhenStepsToUndoHaveNoDownActionNamingEveryOne() {
        MigrationService plugin = FakeService.of("jobs", reversible("1.0.0"), oneWay("1.1.0"), reversible("1.2.0"),
                oneWay("1.3.0"));
        orchestrator(plugin).runAll();
        ran.clear();
        List<HistoryEntry> before = history.entries();

        assertThatThrownBy(() -> orchestrator(plugin).rollback("jobs", "1.0.0"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("1.3.0 'one-way 1.3.0'").hasMessageContaining("1.1.0 'one-way 1.1.0'")
                .hasMessageContaining("plugin 'jobs'")
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.MISSING_DOWN_STEP);
        assertThat(ran).isEmpty();
        assertThat(history.entries()).isEqualTo(before);
        // Above the one-way steps it works.
        orchestrator(plugin).rollback("jobs", "1.3.0");
        assertThat(ran).isEmpty();
    }

    @Test
    void refusesAVersionAboveTheInstalledOneOrNotOfThePluginOrAnUnknownPlugin() {
        MigrationService two = FakeService.of("jobs", reversible("1.0.0"), reversible("1.1.0"));
        orchestrator(FakeService.of("jobs", reversible("1.0.0"))).runAll();
        List<HistoryEntry> before = history.entries();

        assertThatThrownBy(() -> orchestrator(two).rollback("jobs", "1.1.0"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("above the installed version 1.0.0");
        assertThatThrownBy(() -> orchestrator(two).rollback("jobs", "1.0.5"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not a version of the plugin");
        assertThatThrownBy(() -> orchestrator(two).rollback("nope", "1.0.0"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no such plugin");
        assertThatThrownBy(() -> orchestrator(two).rollback("jobs", "one"))
                .isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.INVALID_VERSION);
        assertThatThrownBy(() -> orchestrator(two).rollback("jobs", " "))
                .isInstanceOf(ConfigurationException.class);
        assertThat(history.entries()).isEqualTo(before);
        assertThat(ran).containsExactly("up jobs 1.0.0");
    }

    @Test
    void refusesWhenAnInstalledDependantNeedsAVersionBeingRemoved() {
        MigrationService outbox = new DependentService("outbox", List.of(PluginDependency.on("jobs", "^1.1")),
                reversible("1.0.0"));
        orchestrator(jobs(), outbox).runAll();
        ran.clear();
        List<HistoryEntry> before = history.entries();

        assertThatThrownBy(() -> orchestrator(jobs(), outbox).rollback("jobs", "1.0.0"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'outbox'").hasMessageContaining("^1.1")
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.ROLLBACK_BLOCKED_BY_DEPENDANT);
        assertThat(history.entries()).isEqualTo(before);
        assertThat(ran).isEmpty();

        orchestrator(jobs(), outbox).rollback("jobs", "1.1.0");
        assertThat(ran).containsExactly("down jobs 1.2.0");
        // Once the dependant is rolled back itself, nothing holds jobs any more.
        orchestrator(jobs(), outbox).rollback("outbox", "0");
        orchestrator(jobs(), outbox).rollback("jobs", "0");
        assertThat(orchestrator(jobs(), outbox).status().plugins()).allSatisfy(p -> assertThat(p.installed()).isEmpty());
    }

    @Test
    void aFailingDownActionStopsTheRollbackAndIsRecordedAsFailed() {
        JavaStep broken = JavaStep.of("1.1.0", "step 1.1.0", ctx -> ran.add("up jobs 1.1.0"))
                .withDown(ctx -> {
                    throw new IllegalStateException("cannot drop it");
                });
        MigrationService plugin = FakeService.of("jobs", reversible("1.0.0"), broken, reversible("1.2.0"));
        orchestrator(plugin).runAll();
        ran.clear();

        MigrationFailedException failure = org.junit.jupiter.api.Assertions.assertThrows(MigrationFailedException.class,
                () -> orchestrator(plugin).rollback("jobs", "0"));

        assertThat(failure.code()).isEqualTo(ErrorCode.RUN_FAILED);
        assertThat(failure).hasMessageContaining("cannot drop it");
        assertThat(ran).containsExactly("down jobs 1.2.0");
        PluginReport report = failure.report().plugins().get(0);
        assertThat(report.steps()).extracting(s -> s.version().toString(), StepReport::outcome).containsExactly(
                tuple("1.2.0", StepOutcome.ROLLED_BACK), tuple("1.1.0", StepOutcome.FAILED),
                tuple("1.0.0", StepOutcome.SKIPPED));
        assertThat(report.after()).contains(Version.parse("1.1.0"));
        HistoryEntry last = history.entries().get(history.entries().size() - 1);
        assertThat(last.direction()).isEqualTo(Direction.DOWN);
        assertThat(last.status()).isEqualTo(Status.FAILED);
        assertThat(last.error()).contains("cannot drop it");
    }

    @Test
    void takesTheLockAndReadsTheHistoryAgainUnderIt() {
        orchestrator(jobs()).runAll();
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> orchestrator(jobs()).rollback("jobs", "1.0.0"))
                    .isInstanceOf(MigrationException.class)
                    .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.LOCK_FAILED);
        }
        int reads = history.readCount();
        orchestrator(jobs()).rollback("jobs", "1.0.0");
        assertThat(history.readCount() - reads).isEqualTo(2);
    }

    @Test
    void refusesWhenTheHistoryOfThePluginDisagreesWithItsCode() {
        MigrationService v1 = FakeService.of("jobs", reversible("1.0.0").withChecksum("a"), reversible("1.1.0"));
        orchestrator(v1).runAll();
        MigrationService edited = FakeService.of("jobs", reversible("1.0.0").withChecksum("b"), reversible("1.1.0"));
        ran.clear();

        assertThatThrownBy(() -> orchestrator(edited).rollback("jobs", "0"))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
        assertThat(ran).isEmpty();
    }

    /** A plugin with dependencies, for the dependant checks. */
    private static final class DependentService implements MigrationService {
        private final String pluginId;
        private final List<PluginDependency> dependencies;
        private final List<Step> steps;

        DependentService(String pluginId, List<PluginDependency> dependencies, Step... steps) {
            this.pluginId = pluginId;
            this.dependencies = dependencies;
            this.steps = List.of(steps);
        }

        @Override
        public String pluginId() {
            return pluginId;
        }

        @Override
        public List<PluginDependency> dependencies() {
            return dependencies;
        }

        @Override
        public List<Step> steps() {
            return steps;
        }
    }
}
