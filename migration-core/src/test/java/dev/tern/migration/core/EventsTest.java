package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.DiscoveryException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.event.MigrationCompleted;
import dev.tern.migration.api.event.MigrationCreated;
import dev.tern.migration.api.event.MigrationEvent;
import dev.tern.migration.api.event.MigrationFailed;
import dev.tern.migration.api.event.MigrationListener;
import dev.tern.migration.api.event.MigrationStarted;
import dev.tern.migration.api.event.StepCompleted;
import dev.tern.migration.api.event.StepFailed;
import dev.tern.migration.api.event.StepStarted;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events of a run, their order and payloads, and the listener rules. */
class EventsTest {
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final RecordingListener listener = RecordingListener.recording();

    @TempDir
    Path dir;

    private Orchestrator.Builder builder(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .installedBy("tester").clock(new TickingClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis(10)))
                .listener(listener);
    }

    private static JavaStep ok(String version) {
        return JavaStep.of(version, "step " + version, ctx -> { });
    }

    @Test
    void successfulRunSendsEveryEventInOrder() {
        builder(FakeService.withPriority("jobs", 1, ok("1"), ok("2")), FakeService.withPriority("audit", 0, ok("1")))
                .build().runAll();

        assertThat(listener.names()).containsExactly(
                "migration.created audit",
                "migration.created jobs",
                "migration.started audit",
                "migration.step.started audit",
                "migration.step.completed audit",
                "migration.completed audit",
                "migration.started jobs",
                "migration.step.started jobs",
                "migration.step.completed jobs",
                "migration.step.started jobs",
                "migration.step.completed jobs",
                "migration.completed jobs");
        List<MigrationEvent> events = listener.events();
        assertThat(events.get(0)).isInstanceOfSatisfying(MigrationCreated.class,
                e -> assertThat(e.serviceClass()).isEqualTo(FakeService.class.getName()));
        assertThat(events.get(6)).isInstanceOfSatisfying(MigrationStarted.class, e -> {
            assertThat(e.fromVersion()).isEmpty();
            assertThat(e.targetVersion()).isEqualTo(Version.parse("2"));
            assertThat(e.pendingSteps()).isEqualTo(2);
        });
        assertThat(events.get(7)).isInstanceOfSatisfying(StepStarted.class, e -> {
            assertThat(e.version()).isEqualTo(Version.parse("1"));
            assertThat(e.attempt()).isEqualTo(1);
        });
        assertThat(events.get(8)).isInstanceOfSatisfying(StepCompleted.class, e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.duration()).isPositive();
        });
        assertThat(events.get(11)).isInstanceOfSatisfying(MigrationCompleted.class, e -> {
            assertThat(e.fromVersion()).isEmpty();
            assertThat(e.toVersion()).isEqualTo(Version.parse("2"));
            assertThat(e.stepsApplied()).isEqualTo(2);
            assertThat(e.duration()).isPositive();
        });
        // Timestamps come from the injected clock, so they only go forward.
        assertThat(events).extracting(MigrationEvent::timestamp).isSorted();
    }

    @Test
    void secondRunSendsNoCreatedEventsAndNothingWhenUpToDate() {
        Orchestrator tern = builder(FakeService.of("jobs", ok("1"))).build();
        tern.runAll();
        int first = listener.events().size();

        tern.runAll();

        assertThat(listener.events()).hasSize(first);
    }

    @Test
    void laterRunStartsFromTheInstalledVersion() {
        builder(FakeService.of("jobs", ok("1"))).build().runAll();
        RecordingListener second = RecordingListener.recording();

        builder(FakeService.of("jobs", ok("1"), ok("1.1"))).listener(second).build().runAll();

        assertThat(second.events()).filteredOn(MigrationStarted.class::isInstance).singleElement()
                .isInstanceOfSatisfying(MigrationStarted.class, e -> {
                    assertThat(e.fromVersion()).contains(Version.parse("1"));
                    assertThat(e.targetVersion()).isEqualTo(Version.parse("1.1"));
                });
    }

    @Test
    void failingStepSendsAFinalStepFailedThenMigrationFailedAndOtherPluginsGoOn() {
        JavaStep bad = JavaStep.of("2", "bad", ctx -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(builder(FakeService.withPriority("jobs", 0, ok("1"), bad, ok("3")),
                FakeService.withPriority("later", 1, ok("1"))).build()::runAll)
                .isInstanceOf(MigrationFailedException.class);

        assertThat(listener.names()).containsSubsequence(
                "migration.step.started jobs", "migration.step.completed jobs",
                "migration.step.started jobs", "migration.step.failed jobs", "migration.failed jobs",
                "migration.started later", "migration.step.started later", "migration.step.completed later",
                "migration.completed later");
        assertThat(listener.events()).filteredOn(StepFailed.class::isInstance).singleElement()
                .isInstanceOfSatisfying(StepFailed.class, e -> {
                    assertThat(e.isFinal()).isTrue();
                    assertThat(e.attempt()).isEqualTo(1);
                    assertThat(e.error().code()).isEqualTo(ErrorCode.STEP_FAILED);
                    assertThat(e.error()).hasMessageContaining("boom");
                });
        assertThat(listener.events()).filteredOn(MigrationFailed.class::isInstance).singleElement()
                .isInstanceOfSatisfying(MigrationFailed.class, e -> {
                    assertThat(e.fromVersion()).isEmpty();
                    assertThat(e.reachedVersion()).contains(Version.parse("1"));
                    assertThat(e.failedVersion()).isEqualTo(Version.parse("2"));
                });
        assertThat(listener.names()).doesNotContain("migration.completed jobs");
    }

    @Test
    void throwingListenerIsLoggedAndNeitherBreaksTheRunNorStopsTheNextListener() {
        MigrationListener throwing = event -> {
            throw new IllegalStateException("listener bug on " + event.name());
        };

        var report = Orchestrator.builder().historyStore(history).discovery(false)
                .addService(FakeService.of("jobs", ok("1"), ok("2"))).installedBy("tester")
                .listener(throwing, listener).build().runAll();

        assertThat(report.appliedCount()).isEqualTo(2);
        assertThat(history.read()).hasSize(2);
        assertThat(listener.names()).hasSize(7).last().isEqualTo("migration.completed jobs");
    }

    @Test
    void listenersAreCalledOnTheMigratingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

        builder(FakeService.of("jobs", ok("1"))).listener(e -> threads.add(Thread.currentThread())).build().runAll();

        assertThat(threads).isNotEmpty().allMatch(t -> t == caller);
    }

    private URLClassLoader loaderListing(String... providers) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(MigrationListener.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, EventsTest.class.getClassLoader());
    }

    @Test
    void listenersAreDiscoveredWithServiceLoaderAfterTheOnesAddedByHand() throws IOException {
        RecordingListener.DISCOVERED.clear();
        try (URLClassLoader loader = loaderListing(RecordingListener.class.getName())) {
            Orchestrator.builder().historyStore(history).classLoader(loader).addService(FakeService.of("jobs", ok("1")))
                    .installedBy("tester").listener(listener).build().runAll();
        }

        assertThat(RecordingListener.DISCOVERED).extracting(MigrationEvent::name)
                .containsExactly("migration.created", "migration.started", "migration.step.started",
                        "migration.step.completed", "migration.completed");
        assertThat(listener.events()).hasSize(5);
        RecordingListener.DISCOVERED.clear();
    }

    @Test
    void discoveryOffIgnoresListedListeners() throws IOException {
        RecordingListener.DISCOVERED.clear();
        try (URLClassLoader loader = loaderListing(RecordingListener.class.getName())) {
            Orchestrator.builder().historyStore(history).classLoader(loader).discovery(false)
                    .addService(FakeService.of("jobs", ok("1"))).installedBy("tester").build().runAll();
        }

        assertThat(RecordingListener.DISCOVERED).isEmpty();
    }

    @Test
    void listenerProviderThatFailsToLoadIsAnErrorNamingIt() throws IOException {
        try (URLClassLoader loader = loaderListing("com.example.MissingListener")) {
            Orchestrator tern = Orchestrator.builder().historyStore(history).classLoader(loader)
                    .addService(FakeService.of("jobs", ok("1"))).installedBy("tester").build();

            assertThatThrownBy(tern::runAll).isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("com.example.MissingListener")
                    .satisfies(e -> assertThat(((MigrationException) e).code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED));
        }
        assertThat(history.read()).isEmpty();
    }

    @Test
    void builderRefusesNullListenerSleeperRandomAndPolicy() {
        assertThatThrownBy(() -> Orchestrator.builder().listener((MigrationListener) null))
                .hasMessageContaining("listener must not be null");
        assertThatThrownBy(() -> Orchestrator.builder().sleeper(null)).hasMessageContaining("sleeper must not be null");
        assertThatThrownBy(() -> Orchestrator.builder().random(null)).hasMessageContaining("random must not be null");
        assertThatThrownBy(() -> Orchestrator.builder().retryPolicy(null))
                .hasMessageContaining("retryPolicy must not be null");
    }

    @Test
    void rollbackSendsMigrationRolledBackWithTheVersions() {
        JavaStep one = JavaStep.of("1", "one", ctx -> { }).withDown(ctx -> { });
        JavaStep two = JavaStep.of("2", "two", ctx -> { }).withDown(ctx -> { });
        Orchestrator tern = builder(FakeService.of("jobs", one, two)).build();
        tern.runAll();

        tern.rollback("jobs", "1");

        assertThat(listener.events()).last().isInstanceOfSatisfying(
                dev.tern.migration.api.event.MigrationRolledBack.class, e -> {
                    assertThat(e.name()).isEqualTo("migration.rolled_back");
                    assertThat(e.pluginId()).isEqualTo("jobs");
                    assertThat(e.fromVersion()).isEqualTo(Version.parse("2"));
                    assertThat(e.toVersion()).contains(Version.parse("1"));
                    assertThat(e.stepsRolledBack()).isEqualTo(1);
                });
    }

    @Test
    void eventNamesAreStable() {
        assertThat(List.of(MigrationCreated.NAME, MigrationStarted.NAME, StepStarted.NAME, StepCompleted.NAME,
                StepFailed.NAME, MigrationCompleted.NAME, dev.tern.migration.api.event.MigrationRolledBack.NAME,
                MigrationFailed.NAME)).containsExactly("migration.created", "migration.started",
                "migration.step.started", "migration.step.completed", "migration.step.failed", "migration.completed",
                "migration.rolled_back", "migration.failed");
        assertThat(new StepFailed("p", Version.parse("1"), "d", dev.tern.migration.api.StepKind.SQL, 1,
                new dev.tern.migration.api.StepExecutionException(ErrorCode.STEP_FAILED, "x"), Optional.empty(),
                Instant.EPOCH).name()).isEqualTo("migration.step.failed");
    }
}
