package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.HistoryStore;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.spi.JavaStep;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** STARTED markers in the history, and a lock given to the builder. */
class InterruptedStepTest {
    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final AtomicInteger runs = new AtomicInteger();

    private JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> runs.incrementAndGet());
    }

    private void record(String version, Status status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        store.append(new HistoryEntry(0, "jobs", Version.parse(version), "step " + version, StepKind.JAVA, null,
                Direction.UP, status, 1, at, at, Duration.ZERO, "node-a", null), null);
    }

    private Orchestrator.Builder orchestrator() {
        return Orchestrator.builder().historyStore(store).discovery(false)
                .addService(FakeService.of("jobs", step("1"), step("2"), step("3")));
    }

    @Test
    void markerFollowedByItsOutcomeIsIgnored() {
        record("1", Status.STARTED);
        record("1", Status.SUCCESS);
        record("2", Status.STARTED);
        record("2", Status.SUCCESS);
        record("3", Status.STARTED);
        record("3", Status.SUCCESS);

        AtomicInteger reads = new AtomicInteger();
        AtomicInteger locks = new AtomicInteger();
        HistoryStore counting = new HistoryStore() {
            @Override
            public List<HistoryEntry> read() {
                reads.incrementAndGet();
                return store.read();
            }

            @Override
            public void prepare() {
                store.prepare();
            }

            @Override
            public void append(HistoryEntry entry, Connection connection) {
                store.append(entry, connection);
            }
        };

        MigrationReport report = Orchestrator.builder().historyStore(counting).discovery(false)
                .addService(FakeService.of("jobs", step("1"), step("2"), step("3")))
                .lock(timeout -> {
                    locks.incrementAndGet();
                    return () -> { };
                }).build().runAll();

        assertThat(report.appliedCount()).isZero();
        assertThat(report.plugins().get(0).versionAfter()).isEqualTo(Version.parse("3"));
        assertThat(runs).hasValue(0);
        assertThat(reads).as("history reads of a no-op start").hasValue(1);
        assertThat(locks).as("lock acquisitions of a no-op start").hasValue(0);
    }

    @Test
    void markerWithoutOutcomeBlocksTheRunBeforeAnythingRuns() {
        record("1", Status.STARTED);
        record("1", Status.SUCCESS);
        record("2", Status.STARTED);

        assertThatThrownBy(() -> orchestrator().build().runAll())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERRUPTED_STEP_IN_HISTORY);
                    assertThat(e.getMessage()).contains("plugin 'jobs'", "2.0.0", "was interrupted", "node-a",
                            "history id 3", "may have been applied", "remove the step's half-applied changes",
                            "repair()", "delete the STARTED history row (id 3)");
                });
        assertThat(runs).hasValue(0);
        assertThat(store.read()).hasSize(3);
    }

    @Test
    void markerOfAPluginNotInTheRunIsNotLookedAt() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        store.append(new HistoryEntry(0, "gone", Version.parse("1"), "old", StepKind.JAVA, null, Direction.UP,
                Status.STARTED, 1, at, at, Duration.ZERO, "node-a", null), null);

        MigrationReport report = orchestrator().build().runAll();

        assertThat(report.appliedCount()).isEqualTo(3);
    }

    @Test
    void lockGivenToTheBuilderIsTheOneTaken() {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        MigrationLock lock = timeout -> {
            taken.incrementAndGet();
            return released::incrementAndGet;
        };

        orchestrator().lock(lock).build().runAll();
        orchestrator().lock(lock).build().runAll();

        assertThat(taken).hasValue(1);
        assertThat(released).hasValue(1);
        assertThat(runs).hasValue(3);
    }
}
