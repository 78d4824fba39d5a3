package dev.tern.migration.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.JdbcDatabases;
import dev.tern.migration.jdbc.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node's JVM is killed ({@code SIGKILL}) in the middle of a step, holding the migration lock;
 * another node then starts with a lock timeout far below the killed step's duration (10 minutes)
 * and must get the lock without any manual unlock, because the database drops the killed
 * session's lock with its connection.
 *
 * <p>PostgreSQL: the step ran in a transaction, so nothing of it is kept and the second node
 * applies it. H2 and MariaDB: DDL commits on its own, so the step ran without a transaction after a
 * STARTED marker; the second node finds the marker without an outcome and refuses to run
 * ({@code INTERRUPTED_STEP_IN_HISTORY}) until the operator removes the half-applied changes and
 * the marker.
 */
class CrashedNodeTests {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** The lock must come free well within the lock timeout: a released session lock is immediate. */
    private static final Duration MAX_LOCK_WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nodeKilledMidStepLeavesNoStuckLockAndItsStepIsRedoneOrReported(TestDatabase kind) throws Exception {
        try (SharedDatabase db = SharedDatabase.create(kind, dir)) {
            Path start = dir.resolve("start");
            Files.createFile(start);
            try (NodeProcess victim = NodeProcess.start("crash", db, start, "victim", LOCK_TIMEOUT, dir)) {
                victim.await(NodePlugins.STEP_RUNNING, Duration.ofSeconds(90));
                victim.kill();
            }
            long killed = System.nanoTime();
            DataSource dataSource = db.dataSource();
            TimedLock lock = new TimedLock(JdbcDatabases.open(dataSource, HistoryLocation.defaults()).lock());
            Orchestrator second = Orchestrator.builder().dataSource(dataSource).discovery(false)
                    .addService(NodePlugins.crash(false)).installedBy("survivor").lockTimeout(LOCK_TIMEOUT).lock(lock).build();

            if (kind == TestDatabase.POSTGRESQL) {
                MigrationReport report = second.runAll();
                long waitMs = lock.waitedMs();
                assertThat(report.appliedCount()).as("1.1.0 again, then 1.2.0").isEqualTo(2);
                assertThat(db.count("SELECT COUNT(*) FROM crash_b")).isEqualTo(1);
                assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE status <> 'SUCCESS'")).isZero();
                assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE installed_by = 'victim'"))
                        .as("only 1.0.0 was recorded by the killed node").isEqualTo(1);
                assertThat(waitMs).isLessThan(MAX_LOCK_WAIT.toMillis());
                figure(db, "the killed step was rolled back and re-applied by the next node", waitMs, killed);
                return;
            }

            assertThatThrownBy(second::runAll).isInstanceOfSatisfying(ValidationException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INTERRUPTED_STEP_IN_HISTORY);
                assertThat(e.pluginId()).contains("crash");
                assertThat(e.version()).contains("1.1.0");
                assertThat(e.getMessage()).contains("was interrupted", "by victim", "may have been applied",
                        "remove the step's half-applied changes", "repair()", "delete the STARTED history row");
            });
            long waitMs = lock.waitedMs();
            assertThat(waitMs).isLessThan(MAX_LOCK_WAIT.toMillis());
            assertThat(db.count("SELECT COUNT(*) FROM crash_b")).as("the half-applied change is there").isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE version = '1.1.0'")).isEqualTo(1);
            assertThatThrownBy(() -> db.count("SELECT COUNT(*) FROM crash_c")).as("1.2.0 never ran");

            // What the message tells the operator to do: undo the half-applied step, drop the marker.
            db.execute("DROP TABLE crash_b");
            db.execute("DELETE FROM tern_history WHERE version = '1.1.0' AND status = 'STARTED'");
            MigrationReport report = second.runAll();

            assertThat(report.appliedCount()).isEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM crash_b")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE plugin_id = 'crash' AND status = 'SUCCESS'")).isEqualTo(3);
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE status = 'FAILED'")).isZero();
            figure(db, "the interrupted step was reported, then re-applied after the documented clean-up", waitMs, killed);
        }
    }

    private static void figure(SharedDatabase db, String outcome, long waitMs, long killed) {
        System.out.printf("TERN-FIGURE crash %s: 1 JVM killed mid-step holding the lock; the next node waited %d ms for"
                + " the lock (lock timeout %d ms); %s; %d ms from the kill to the end%n", db, waitMs,
                LOCK_TIMEOUT.toMillis(), outcome, (System.nanoTime() - killed) / 1_000_000);
    }

    /** The database's own lock, timing the wait of its first acquisition. */
    private static final class TimedLock implements MigrationLock {
        private final MigrationLock lock;
        private final AtomicLong waitedNanos = new AtomicLong(-1);

        TimedLock(MigrationLock lock) {
            this.lock = lock;
        }

        @Override
        public Held acquire(Duration timeout) {
            long t0 = System.nanoTime();
            Held held = lock.acquire(timeout);
            waitedNanos.compareAndSet(-1, System.nanoTime() - t0);
            return held;
        }

        long waitedMs() {
            assertThat(waitedNanos.get()).as("the lock was taken").isNotNegative();
            return waitedNanos.get() / 1_000_000;
        }
    }
}
