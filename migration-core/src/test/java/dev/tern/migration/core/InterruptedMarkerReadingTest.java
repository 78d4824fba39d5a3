package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.spi.JavaStep;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The read-only operations see a STARTED marker without outcome for what it is: no run, no failure. */
class InterruptedMarkerReadingTest {

    @Test
    void validateReportsAnInterruptedStepAndStatisticsDoNotCountItsMarker() {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        Orchestrator tern = Orchestrator.builder().historyStore(store).discovery(false)
                .addService(FakeService.of("jobs", JavaStep.of("1", "one", ctx -> { }), JavaStep.of("2", "two", ctx -> { })))
                .build();
        tern.runAll();
        Instant now = Instant.parse("2026-11-22T05:00:00Z");
        store.append(new HistoryEntry(0, "jobs", Version.parse("3"), "three", StepKind.SQL, null, Direction.UP,
                Status.STARTED, 1, now, now, Duration.ZERO, "node-a", null), null);

        assertThat(tern.validate().problems(ErrorCode.INTERRUPTED_STEP_IN_HISTORY)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("node-a").contains("repair()"));
        assertThat(tern.statistics().plugin("jobs")).hasValueSatisfying(s -> {
            assertThat(s.stepsRun()).isEqualTo(2);
            assertThat(s.failures()).isZero();
        });
    }
}
