package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.core.TestDialect;
import dev.tern.migration.spi.JavaStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner as a pure function of steps, history and dialect. */
class PlannerTest {
    private final List<HistoryEntry> history = new ArrayList<>();

    private static PreparedPlugin plugin(String id, JavaStep... steps) {
        List<PreparedStep> prepared = new ArrayList<>();
        for (JavaStep step : steps) {
            prepared.add(new PreparedStep(id, step, step.checksum().orElse(null), null, List.of()));
        }
        return new PreparedPlugin(id, prepared);
    }

    private static JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> { });
    }

    private void record(String plugin, String version, Direction direction, Status status) {
        Instant at = Instant.EPOCH.plusSeconds(history.size());
        history.add(new HistoryEntry(history.size() + 1, plugin, Version.parse(version), "step " + version, StepKind.JAVA,
                null, direction, status, 1, at, at, Duration.ZERO, "test", status == Status.FAILED ? "boom" : null));
    }

    private static List<String> pending(Planner.Planning planning, int plugin) {
        return planning.plan().plugins().get(plugin).pending().stream().map(s -> s.version().toString()).toList();
    }

    @Test
    void pendingStepsAreThoseAboveTheInstalledVersionInVersionOrder() {
        record("jobs", "1", Direction.UP, Status.SUCCESS);

        Planner.Planning planning = Planner.plan(List.of(plugin("jobs", step("3"), step("1"), step("2"))), history, null);

        assertThat(planning.problems()).isEmpty();
        assertThat(planning.plan().plugins().get(0).installed()).isEqualTo(Version.parse("1"));
        assertThat(pending(planning, 0)).containsExactly("2.0.0", "3.0.0");
    }

    @Test
    void failedTransactionalStepOnTransactionalDatabaseIsPendingAgain() {
        record("jobs", "1", Direction.UP, Status.FAILED);

        Planner.Planning planning = Planner.plan(List.of(plugin("jobs", step("1"))), history, new TestDialect(true));

        assertThat(planning.problems()).isEmpty();
        assertThat(pending(planning, 0)).containsExactly("1.0.0");
    }

    @Test
    void failedStepBlocksWhereDdlIsNotTransactionalOrTheStepIsNot() {
        record("jobs", "1", Direction.UP, Status.FAILED);

        List<MigrationException> mariaLike = Planner.plan(List.of(plugin("jobs", step("1"))), history,
                new TestDialect(false)).problems();
        List<MigrationException> nonTransactionalStep = Planner.plan(List.of(plugin("jobs", step("1").nonTransactional())),
                history, new TestDialect(true)).problems();

        assertThat(mariaLike).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_STEP_IN_HISTORY));
        assertThat(nonTransactionalStep).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_STEP_IN_HISTORY));
    }

    @Test
    void failedStepNoLongerInTheCodeStillBlocks() {
        record("jobs", "2", Direction.UP, Status.FAILED);

        List<MigrationException> problems = Planner.plan(List.of(plugin("jobs", step("1"))), history,
                new TestDialect(true)).problems();

        assertThat(problems).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_STEP_IN_HISTORY);
            assertThat(e.getMessage()).contains("no longer in the code");
        });
    }

    @Test
    void laterDownEntryUnappliesAndTheInstalledVersionDropsBack() {
        record("jobs", "1", Direction.UP, Status.SUCCESS);
        record("jobs", "2", Direction.UP, Status.SUCCESS);
        record("jobs", "2", Direction.DOWN, Status.SUCCESS);

        Planner.Planning planning = Planner.plan(List.of(plugin("jobs", step("1"), step("2"))), history, null);

        assertThat(planning.plan().plugins().get(0).installed()).isEqualTo(Version.parse("1"));
        assertThat(pending(planning, 0)).containsExactly("2.0.0");
    }

    @Test
    void historyOfPluginsThatAreNotPresentIsIgnored() {
        record("retired", "1", Direction.UP, Status.SUCCESS);

        Planner.Planning planning = Planner.plan(List.of(plugin("jobs", step("1"))), history, null);

        assertThat(planning.problems()).isEmpty();
        assertThat(planning.plan().pendingCount()).isEqualTo(1);
    }

    @Test
    void planningIsPureAndGivesTheSameAnswerTwice() {
        record("jobs", "1", Direction.UP, Status.SUCCESS);
        List<PreparedPlugin> plugins = List.of(plugin("jobs", step("1"), step("2")));

        assertThat(Planner.plan(plugins, history, null)).isEqualTo(Planner.plan(plugins, history, null));
    }
}
