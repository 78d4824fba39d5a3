package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationPlan;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** plan() and plan(plugin, version) with an in-memory history store: what would run, nothing done. */
class PlanTest {
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> ran.add(ctx.pluginId() + " " + ctx.version()));
    }

    private Orchestrator.Builder builder(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .lockTimeout(Duration.ofMillis(50));
    }

    private void seed(String pluginId, String version) {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        history.append(new HistoryEntry(0, pluginId, Version.parse(version), "step " + version, StepKind.JAVA, null,
                Direction.UP, Status.SUCCESS, 1, at, at, Duration.ZERO, "seed", null), null);
    }

    private MigrationService[] shop() {
        return new MigrationService[] {
            DependentService.of("sagas", step("1"), step("1.1").withDown(ctx -> { })).needs("outbox", ">=1.0 <2"),
            DependentService.of("outbox", step("1"), step("1.1").nonTransactional()).needs("jobs", ">=1.0"),
            DependentService.of("jobs", step("1"), step("1.1"), step("2").asBreaking()).priority(9)};
    }

    @Test
    void planListsEveryPendingStepInRunOrderWithoutLockWriteOrSecondRead() {
        seed("jobs", "1");
        int reads = history.readCount();
        MigrationPlan plan;
        // The store's lock is not reentrant: if plan() tried to take it, it would time out.
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            plan = builder(DependentService.of("sagas", step("1")).needs("outbox", "*"),
                    DependentService.of("outbox", step("1"), step("1.1").nonTransactional()).needs("jobs", "^1.0"),
                    DependentService.of("jobs", step("1"), step("1.1").withDown(ctx -> { })).priority(9))
                    .build().plan();
        }

        assertThat(history.readCount() - reads).isEqualTo(1);
        assertThat(history.isPrepared()).isFalse();
        assertThat(history.entries()).hasSize(1);
        assertThat(ran).isEmpty();
        assertThat(plan.databaseId()).isEmpty();
        assertThat(plan.plugins()).extracting(MigrationPlan.PluginPlan::pluginId, p -> String.valueOf(p.installed()),
                        p -> p.target().toString())
                .containsExactly(tuple("jobs", "1.0.0", "1.1.0"),
                        tuple("outbox", "null", "1.1.0"),
                        tuple("sagas", "null", "1.0.0"));
        assertThat(plan.steps()).extracting(s -> s.pluginId() + " " + s.version())
                .containsExactly("jobs 1.1.0", "outbox 1.0.0", "outbox 1.1.0", "sagas 1.0.0");
        MigrationPlan.PlannedStep jobs = plan.steps().get(0);
        assertThat(jobs.kind()).isEqualTo(StepKind.JAVA);
        assertThat(jobs.reversible()).isTrue();
        assertThat(jobs.breaking()).isFalse();
        // Without a database nothing runs in a transaction.
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.transactional()).isFalse());
        assertThat(jobs.source()).isNull();
        assertThat(jobs.statements()).isEmpty();
    }

    @Test
    void planOfOnePluginHoldsItAndTheOnesItNeeds() {
        MigrationPlan plan = builder(shop()).allowBreaking(true).build().plan("outbox", "1.0.0");

        assertThat(plan.plugins()).extracting(MigrationPlan.PluginPlan::pluginId).containsExactly("jobs", "outbox");
        assertThat(plan.steps()).extracting(s -> s.pluginId() + " " + s.version())
                .containsExactly("jobs 1.0.0", "jobs 1.1.0", "jobs 2.0.0", "outbox 1.0.0");
    }

    @Test
    void planThrowsWhatARunWouldThrow() {
        seed("jobs", "1");
        Orchestrator tern = builder(shop()).build();

        assertThatThrownBy(tern::plan).isInstanceOf(ValidationException.class)
                .hasMessageContaining("plugin 'jobs' step 2.0.0: 'step 2' is breaking")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.BREAKING_STEP_REFUSED);
        assertThatThrownBy(() -> tern.plan("jobs", "3")).hasMessageContaining("plugin 'jobs': has no step 3");
        assertThat(ran).isEmpty();
        assertThat(history.entries()).hasSize(1);
    }

    @Test
    void planMarksBreakingStepsAsTheRunWouldJudgeThem() {
        seed("jobs", "1");

        MigrationPlan plan = builder(DependentService.of("jobs", step("1"), step("1.1").asBreaking(), step("2")))
                .allowBreaking(true).majorVersionIsBreaking(true).build().plan();

        assertThat(plan.steps()).extracting(s -> s.version().toString(), MigrationPlan.PlannedStep::breaking)
                .containsExactly(tuple("1.1.0", true),
                        tuple("2.0.0", true));
    }

    @Test
    void planOfAnUpToDateApplicationIsEmptyAndItsTableSaysSo() {
        seed("jobs", "1");

        MigrationPlan plan = builder(DependentService.of("jobs", step("1"))).build().plan();

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.toTable()).contains("up to date").contains("1 plugin(s), 0 step(s) to apply");
    }

    @Test
    void planThenRunAllAppliesExactlyThePlannedSteps() {
        seed("jobs", "1");
        Orchestrator tern = builder(shop()).allowBreaking(true).build();

        MigrationPlan plan = tern.plan();
        tern.runAll();

        assertThat(ran).isEqualTo(plan.steps().stream().map(s -> s.pluginId() + " " + s.version()).toList());
    }
}
