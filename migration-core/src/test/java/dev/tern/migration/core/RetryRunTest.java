package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.RetryPolicy;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.event.StepFailed;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Retries without a database: Java steps that fail with JDBC transient exceptions, an injected
 * clock, sleeper and random source, so every delay is exact and nothing sleeps.
 */
class RetryRunTest {
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final ManualClock clock = new ManualClock();
    private final RecordingListener listener = RecordingListener.recording();

    private Orchestrator.Builder builder(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .installedBy("tester").clock(clock).sleeper(clock.sleeper()).random(new FixedRandom(0.5))
                .listener(listener);
    }

    /** A Java step failing with a transient error its first {@code failures} runs. */
    private static JavaStep flaky(String version, int failures, AtomicInteger runs) {
        return JavaStep.of(version, "flaky " + version, ctx -> {
            if (runs.incrementAndGet() <= failures) {
                throw new SQLTransientConnectionException("connection reset", "08006");
            }
        });
    }

    private static RetryPolicy policy(int attempts, Duration initial, double multiplier, Duration max, double jitter) {
        return RetryPolicy.builder().maxAttempts(attempts).initialDelay(initial).multiplier(multiplier).maxDelay(max)
                .jitter(jitter).build();
    }

    @Test
    void transientFailureIsRetriedWithExactJitteredDelaysAndOneSuccessRowCountingEveryAttempt() {
        AtomicInteger runs = new AtomicInteger();
        RetryPolicy policy = policy(5, Duration.ofMillis(100), 3, Duration.ofSeconds(1), 0.5);
        MigrationReport report = builder(FakeService.of("jobs", flaky("1", 2, runs).withRetryPolicy(policy)))
                .random(new FixedRandom(0.25)).build().runAll();

        // u = 0.25 with jitter 0.5 gives a factor of 0.75: 100 ms -> 75 ms, 300 ms -> 225 ms.
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(75), Duration.ofMillis(225));
        assertThat(runs).hasValue(3);
        StepReport step = report.plugins().get(0).steps().get(0);
        assertThat(step.outcome()).isEqualTo(StepOutcome.APPLIED);
        assertThat(step.attempts()).isEqualTo(3);
        assertThat(step.duration()).isEqualTo(Duration.ofMillis(300));
        assertThat(history.read()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(Status.SUCCESS);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.executionTime()).isEqualTo(Duration.ofMillis(300));
        });
    }

    @Test
    void exhaustedRetriesRecordOneFailedRowWithMaxAttemptsAndOneFailedEventPerAttempt() {
        AtomicInteger runs = new AtomicInteger();
        RetryPolicy policy = policy(6, Duration.ofMillis(100), 2, Duration.ofMillis(300), 0);
        Orchestrator tern = builder(FakeService.of("jobs", flaky("1", Integer.MAX_VALUE, runs).withRetryPolicy(policy)))
                .build();

        MigrationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(MigrationFailedException.class,
                tern::runAll);

        assertThat(runs).hasValue(6);
        assertThat(clock.sleeps()).extracting(Duration::toMillis).containsExactly(100L, 200L, 300L, 300L, 300L);
        assertThat(e.report().plugins().get(0).steps().get(0).attempts()).isEqualTo(6);
        assertThat(history.read()).singleElement().satisfies(h -> {
            assertThat(h.status()).isEqualTo(Status.FAILED);
            assertThat(h.attempts()).isEqualTo(6);
            assertThat(h.error()).contains("connection reset");
        });
        assertThat(listener.events()).filteredOn(StepFailed.class::isInstance).map(StepFailed.class::cast)
                .extracting(StepFailed::attempt, f -> f.nextDelay().map(Duration::toMillis))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Optional.of(100L)),
                        org.assertj.core.groups.Tuple.tuple(2, Optional.of(200L)),
                        org.assertj.core.groups.Tuple.tuple(3, Optional.of(300L)),
                        org.assertj.core.groups.Tuple.tuple(4, Optional.of(300L)),
                        org.assertj.core.groups.Tuple.tuple(5, Optional.of(300L)),
                        org.assertj.core.groups.Tuple.tuple(6, Optional.empty()));
    }

    @Test
    void maxTotalTimeShortensTheLastDelayAndStopsWhenNoTimeIsLeft() {
        AtomicInteger runs = new AtomicInteger();
        RetryPolicy policy = policy(10, Duration.ofMillis(400), 2, Duration.ofSeconds(5), 0).toBuilder()
                .maxTotalTime(Duration.ofSeconds(1)).build();
        Orchestrator tern = builder(FakeService.of("jobs", flaky("1", Integer.MAX_VALUE, runs).withRetryPolicy(policy)))
                .build();

        assertThatThrownBy(tern::runAll).isInstanceOf(MigrationFailedException.class);

        // t=0 fails, waits 400 ms; t=400 fails, 800 ms wanted but 600 ms left; t=1000 fails, no time left.
        assertThat(clock.sleeps()).extracting(Duration::toMillis).containsExactly(400L, 600L);
        assertThat(runs).hasValue(3);
        assertThat(history.read()).extracting(HistoryEntry::attempts).containsExactly(3);
    }

    @Test
    void permanentErrorFailsAtOnceWithoutSleeping() {
        AtomicInteger runs = new AtomicInteger();
        JavaStep step = JavaStep.of("1", "bad", ctx -> {
            runs.incrementAndGet();
            throw new SQLException("syntax error at or near \"CRATE\"", "42601");
        }).withRetryPolicy(RetryPolicy.defaults());

        assertThatThrownBy(builder(FakeService.of("jobs", step)).build()::runAll)
                .isInstanceOf(MigrationFailedException.class);

        assertThat(runs).hasValue(1);
        assertThat(clock.sleeps()).isEmpty();
        assertThat(history.read()).extracting(HistoryEntry::status, HistoryEntry::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.FAILED, 1));
        assertThat(listener.events()).filteredOn(StepFailed.class::isInstance).map(StepFailed.class::cast)
                .singleElement().satisfies(f -> assertThat(f.isFinal()).isTrue());
    }

    @Test
    void javaStepOutsideATransactionIsNotRetriedWithoutItsOwnPolicy() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(builder(FakeService.of("jobs", flaky("1", 1, runs))).build()::runAll)
                .isInstanceOf(MigrationFailedException.class);

        assertThat(runs).hasValue(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void stepPolicyNoneSwitchesRetriesOffForThatStep() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(builder(FakeService.of("jobs", flaky("1", 1, runs).withRetryPolicy(RetryPolicy.none())))
                .build()::runAll).isInstanceOf(MigrationFailedException.class);

        assertThat(runs).hasValue(1);
    }

    @Test
    void pluginPolicyViaRetryPolicyForAppliesToItsSteps() {
        AtomicInteger runs = new AtomicInteger();
        JavaStep step = flaky("1", 1, runs);
        MigrationService plugin = new MigrationService() {
            @Override
            public String pluginId() {
                return "jobs";
            }

            @Override
            public java.util.List<dev.tern.migration.spi.Step> steps() {
                return java.util.List.of(step);
            }

            @Override
            public Optional<RetryPolicy> retryPolicyFor(dev.tern.migration.spi.Step s) {
                return Optional.of(policy(2, Duration.ofMillis(50), 2, Duration.ofMillis(50), 0));
            }
        };

        MigrationReport report = builder(plugin).build().runAll();

        assertThat(runs).hasValue(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50));
        assertThat(report.plugins().get(0).steps().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void interruptedWhileWaitingStopsRetryingAndRecordsTheFailure() {
        AtomicInteger runs = new AtomicInteger();
        Orchestrator tern = builder(FakeService.of("jobs", flaky("1", 5, runs).withRetryPolicy(RetryPolicy.defaults())))
                .sleeper(delay -> {
                    throw new InterruptedException("shutting down");
                }).build();
        try {
            assertThatThrownBy(tern::runAll).isInstanceOf(MigrationFailedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(runs).hasValue(1);
        assertThat(history.read()).extracting(HistoryEntry::status, HistoryEntry::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.FAILED, 1));
    }
}
