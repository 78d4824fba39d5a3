package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.spi.JavaStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the planner reads DOWN, BASELINE and REPAIR rows when it computes the installed version. */
class PlannerHistoryKindsTest {
    private final List<HistoryEntry> history = new ArrayList<>();

    private static PreparedPlugin jobs(JavaStep... steps) {
        List<PreparedStep> prepared = new ArrayList<>();
        for (JavaStep step : steps) {
            prepared.add(new PreparedStep("jobs", step, step.checksum().orElse(null), null, List.of()));
        }
        return new PreparedPlugin("jobs", prepared);
    }

    private static JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> { });
    }

    private void record(String version, StepKind kind, Direction direction, Status status, String checksum) {
        Instant at = Instant.EPOCH.plusSeconds(history.size());
        history.add(new HistoryEntry(history.size() + 1, "jobs", Version.parse(version), "row", kind, checksum,
                direction, status, 1, at, at, Duration.ZERO, "test", null));
    }

    private Plan.PluginPlan plan(PreparedPlugin plugin) {
        Planner.Planning planning = Planner.plan(List.of(plugin), history, null);
        assertThat(planning.problems()).isEmpty();
        return planning.plan().plugins().get(0);
    }

    @Test
    void aLaterSuccessfulDownRowUnappliesItsVersion() {
        record("1", StepKind.JAVA, Direction.UP, Status.SUCCESS, null);
        record("2", StepKind.JAVA, Direction.UP, Status.SUCCESS, null);
        record("2", StepKind.JAVA, Direction.DOWN, Status.SUCCESS, null);

        Plan.PluginPlan plan = plan(jobs(step("1"), step("2")));

        assertThat(plan.installed()).isEqualTo(Version.parse("1"));
        assertThat(plan.pending()).extracting(s -> s.version().toString()).containsExactly("2.0.0");
        assertThat(Planner.applied(history, "jobs")).containsOnlyKeys(Version.parse("1"));
    }

    @Test
    void aFailedDownRowLeavesTheVersionApplied() {
        record("1", StepKind.JAVA, Direction.UP, Status.SUCCESS, null);
        record("1", StepKind.JAVA, Direction.DOWN, Status.FAILED, null);

        Planner.Planning planning = Planner.plan(List.of(jobs(step("1"))), history, null);

        assertThat(planning.plan().plugins().get(0).installed()).isEqualTo(Version.parse("1"));
        assertThat(planning.plan().plugins().get(0).pending()).isEmpty();
    }

    @Test
    void repairRowsAreIgnored() {
        record("1", StepKind.JAVA, Direction.UP, Status.SUCCESS, "a");
        record("2", StepKind.REPAIR, Direction.UP, Status.SUCCESS, "b");

        Plan.PluginPlan plan = plan(jobs(step("1").withChecksum("a"), step("2")));

        assertThat(plan.installed()).isEqualTo(Version.parse("1"));
        assertThat(plan.pending()).extracting(s -> s.version().toString()).containsExactly("2.0.0");
    }

    @Test
    void aBaselineCountsStepsAtOrBelowItAsAppliedAndChecksNone() {
        record("1.5", StepKind.BASELINE, Direction.UP, Status.SUCCESS, null);

        Plan.PluginPlan plan = plan(jobs(step("1").withChecksum("never compared"), step("1.5"), step("2")));

        assertThat(plan.installed()).isEqualTo(Version.parse("1.5"));
        assertThat(plan.pending()).extracting(s -> s.version().toString()).containsExactly("2.0.0");
        assertThat(Planner.baselines(history)).containsEntry("jobs", Version.parse("1.5"));
    }

    @Test
    void stepsAppliedAboveTheBaselineRaiseTheInstalledVersion() {
        record("1", StepKind.BASELINE, Direction.UP, Status.SUCCESS, null);
        record("2", StepKind.JAVA, Direction.UP, Status.SUCCESS, null);

        Plan.PluginPlan plan = plan(jobs(step("1"), step("2"), step("3")));

        assertThat(plan.installed()).isEqualTo(Version.parse("2"));
        assertThat(plan.pending()).extracting(s -> s.version().toString()).containsExactly("3.0.0");
    }
}
