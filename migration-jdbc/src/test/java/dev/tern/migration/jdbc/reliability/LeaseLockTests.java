package dev.tern.migration.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.LockException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.H2Dialect;
import dev.tern.migration.jdbc.JdbcDatabases;
import dev.tern.migration.jdbc.JdbcLocks;
import dev.tern.migration.jdbc.internal.lock.LeaseLock;
import dev.tern.migration.jdbc.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lease lock on each database: exclusion, renewal, takeover after expiry, release. */
class LeaseLockTests {
    private static final Duration LEASE = Duration.ofSeconds(2);
    /** Takeover happens at the first try after expiry: one poll (100 ms) plus a loaded machine's delays. */
    private static final Duration TAKEOVER_MARGIN = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    private static Dialect dialect(DataSource dataSource) {
        return JdbcDatabases.open(dataSource, HistoryLocation.defaults()).dialect();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void renewedLeaseExcludesOthersBeyondItsLengthAndReleaseLetsTheNextInAtOnce(TestDatabase kind) throws Exception {
        try (SharedDatabase db = SharedDatabase.create(kind, dir)) {
            DataSource ds = db.dataSource();
            MigrationLock lock = JdbcLocks.lease(ds, dialect(ds), HistoryLocation.defaults(), LEASE);
            MigrationLock.Held held = lock.acquire(Duration.ofSeconds(5));
            try {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> lock.acquire(LEASE.plus(Duration.ofSeconds(1))))
                        .isInstanceOfSatisfying(LockException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_FAILED);
                            assertThat(e.getMessage()).containsIgnoringCase("tern_history_lease")
                                    .contains("another node holds the lease", "owner 'pid ");
                        });
                assertThat(elapsedMs(t0)).as("waited the whole timeout, beyond one lease").isGreaterThanOrEqualTo(3000);
            } finally {
                held.close();
            }
            held.close();
            long t1 = System.nanoTime();
            MigrationLock.Held next = lock.acquire(Duration.ofSeconds(5));
            try {
                long waitMs = elapsedMs(t1);
                assertThat(waitMs).as("after release").isLessThan(500);
                System.out.printf("TERN-FIGURE lease %s: held past its %d ms lease by heartbeats; after release the"
                        + " next node got it in %d ms%n", db, LEASE.toMillis(), waitMs);
            } finally {
                next.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void holderWhoseHeartbeatStoppedIsTakenOverAfterTheLeaseAndNotBefore(TestDatabase kind) throws Exception {
        try (SharedDatabase db = SharedDatabase.create(kind, dir)) {
            DataSource ds = db.dataSource();
            Dialect dialect = dialect(ds);
            // A frozen holder: the same lease, never renewed.
            MigrationLock frozen = new LeaseLock(ds, dialect, HistoryLocation.defaults(), LEASE, Duration.ZERO);
            MigrationLock lock = JdbcLocks.lease(ds, dialect, HistoryLocation.defaults(), LEASE);

            long t0 = System.nanoTime();
            MigrationLock.Held stale = frozen.acquire(Duration.ofSeconds(5));
            MigrationLock.Held taken = lock.acquire(Duration.ofSeconds(10));
            try (stale) {
                long waitMs = elapsedMs(t0);
                assertThat(waitMs).as("takeover wait").isGreaterThanOrEqualTo(LEASE.toMillis())
                        .isLessThan(LEASE.plus(TAKEOVER_MARGIN).toMillis());
                // The stale holder's release must not free the lease it lost.
                stale.close();
                assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(300))).isInstanceOf(LockException.class);
                System.out.printf("TERN-FIGURE lease %s: a holder with a stopped heartbeat was taken over %d ms after"
                        + " it took a %d ms lease%n", db, waitMs, LEASE.toMillis());
            } finally {
                taken.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void killedHolderJvmIsTakenOverAfterTheLease(TestDatabase kind) throws Exception {
        try (SharedDatabase db = SharedDatabase.create(kind, dir);
             NodeProcess holder = NodeProcess.start("lease", db, dir.resolve("unused"), "holder", LEASE, dir)) {
            holder.await(NodeMain.LEASE_HELD, Duration.ofSeconds(90));
            holder.kill();
            long killed = System.nanoTime();
            DataSource ds = db.dataSource();
            MigrationLock.Held taken = JdbcLocks.lease(ds, dialect(ds), HistoryLocation.defaults(), LEASE)
                    .acquire(Duration.ofSeconds(10));
            try {
                long waitMs = elapsedMs(killed);
                // The last renewal was at most a third of a lease before the kill.
                assertThat(waitMs).as("takeover wait after the kill")
                        .isGreaterThanOrEqualTo(LEASE.minus(LEASE.dividedBy(3)).toMillis() - 50)
                        .isLessThan(LEASE.plus(TAKEOVER_MARGIN).toMillis());
                System.out.printf("TERN-FIGURE lease %s: a killed holder JVM was taken over %d ms after the kill%n", db, waitMs);
            } finally {
                taken.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void racingHoldersNeverOverlap(TestDatabase kind) throws Exception {
        int threads = 4;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SharedDatabase db = SharedDatabase.create(kind, dir)) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            AtomicInteger entries = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                DataSource ds = db.dataSource();
                MigrationLock lock = JdbcLocks.lease(ds, dialect(ds), HistoryLocation.defaults(), LEASE);
                done.add(pool.submit(() -> {
                    go.await();
                    for (int r = 0; r < rounds; r++) {
                        MigrationLock.Held held = lock.acquire(Duration.ofSeconds(30));
                        try {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            entries.incrementAndGet();
                            Thread.sleep(10);
                            inside.decrementAndGet(); // before the release, so an overlap is seen
                        } finally {
                            held.close();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
            assertThat(entries).hasValue(threads * rounds);
            assertThat(maxInside).as("holders at once").hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void orchestratorsRacingOnTheLeaseLockApplyEveryStepOnce(TestDatabase kind) throws Exception {
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try (SharedDatabase db = SharedDatabase.create(kind, dir)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<MigrationReport>> reports = new ArrayList<>();
            for (int i = 1; i <= nodes; i++) {
                DataSource ds = db.dataSource();
                Orchestrator tern = Orchestrator.builder().dataSource(ds).discovery(false)
                        .addService(NodePlugins.race("lease-" + i))
                        .lock(JdbcLocks.lease(ds, dialect(ds), HistoryLocation.defaults(), LEASE))
                        .lockTimeout(Duration.ofSeconds(60)).build();
                reports.add(pool.submit(() -> {
                    go.await();
                    return tern.runAll();
                }));
            }
            go.countDown();
            int applied = 0;
            for (Future<MigrationReport> f : reports) {
                applied += f.get(2, TimeUnit.MINUTES).appliedCount();
            }
            assertThat(applied).isEqualTo(NodePlugins.RACE_STEPS);
            assertThat(db.count("SELECT COUNT(*) FROM race_log")).isEqualTo(NodePlugins.RACE_STEPS);
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE plugin_id = 'race' AND status = 'SUCCESS'"))
                    .isEqualTo(NodePlugins.RACE_STEPS);
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE status = 'FAILED'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM tern_history_lease WHERE owner_id IS NOT NULL"))
                    .as("released after the runs").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leaseShorterThanOneSecondOrMissingArgumentsAreRefused() {
        DataSource ds = new org.h2.jdbcx.JdbcDataSource();
        assertThatThrownBy(() -> JdbcLocks.lease(ds, new H2Dialect(), HistoryLocation.defaults(), Duration.ofMillis(999)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).contains("lease must be at least 1000 ms, was 999 ms");
                });
        assertThatThrownBy(() -> JdbcLocks.lease(null, new H2Dialect(), HistoryLocation.defaults(), LEASE))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.getMessage()).contains("dataSource"));
        assertThatThrownBy(() -> JdbcLocks.lease(ds, new H2Dialect(), HistoryLocation.defaults(), null))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.getMessage()).contains("lease"));
        assertThatThrownBy(() -> new LeaseLock(ds, new H2Dialect(), HistoryLocation.defaults(), LEASE, LEASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heartbeat must be shorter than the lease");
    }

    private static long elapsedMs(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
