package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.core.TestDialect;
import dev.tern.migration.spi.JavaStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner ignores STARTED markers; InterruptedSteps finds those without an outcome. */
class InterruptedStepsTest {
    private final List<HistoryEntry> history = new ArrayList<>();

    private void record(String plugin, String version, Status status) {
        Instant at = Instant.EPOCH.plusSeconds(history.size());
        history.add(new HistoryEntry(history.size() + 1, plugin, Version.parse(version), "step " + version, StepKind.JAVA,
                null, Direction.UP, status, 1, at, at, Duration.ZERO, "test", status == Status.FAILED ? "boom" : null));
    }

    private static PreparedPlugin plugin(String id, String... versions) {
        List<PreparedStep> steps = new ArrayList<>();
        for (String v : versions) {
            JavaStep step = JavaStep.of(v, "step " + v, ctx -> { }).nonTransactional();
            steps.add(new PreparedStep(id, step, null, null, List.of()));
        }
        return new PreparedPlugin(id, steps);
    }

    @Test
    void plannerIgnoresMarkersForInstalledVersionAndPendingSteps() {
        record("jobs", "1", Status.STARTED);
        record("jobs", "1", Status.SUCCESS);
        record("jobs", "2", Status.STARTED);

        Planner.Planning planning = Planner.plan(List.of(plugin("jobs", "1", "2", "3")), history, new TestDialect(false));

        assertThat(planning.problems()).isEmpty();
        assertThat(planning.plan().plugins().get(0).installed()).isEqualTo(Version.parse("1"));
        assertThat(planning.plan().plugins().get(0).pending()).extracting(s -> s.version().toString())
                .containsExactly("2.0.0", "3.0.0");
    }

    @Test
    void markerIsResolvedByAnOutcomeOfItsOwnStepOnly() {
        record("jobs", "1", Status.STARTED);
        record("jobs", "2", Status.SUCCESS);
        record("jobs", "3", Status.STARTED);
        record("jobs", "3", Status.FAILED);
        record("mail", "1", Status.STARTED);

        assertThat(InterruptedSteps.find(history)).extracting(e -> e.pluginId() + " " + e.version())
                .containsExactly("jobs 1.0.0", "mail 1.0.0");
    }

    @Test
    void interruptedStepsComeFirstAndOnlyForPluginsOfTheRun() {
        record("jobs", "1", Status.STARTED);
        record("gone", "1", Status.STARTED);
        MigrationException other = new ValidationException(ErrorCode.CHECKSUM_MISMATCH, "other");

        List<MigrationException> all = InterruptedSteps.withProblems(List.of(other), List.of(plugin("jobs", "1")), history);

        assertThat(all).extracting(MigrationException::code)
                .containsExactly(ErrorCode.INTERRUPTED_STEP_IN_HISTORY, ErrorCode.CHECKSUM_MISMATCH);
        assertThat(all.get(0).getMessage()).contains("plugin 'jobs'", "1.0.0", "history id 1");
    }
}
