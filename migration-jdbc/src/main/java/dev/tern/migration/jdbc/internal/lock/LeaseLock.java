package dev.tern.migration.jdbc.internal.lock;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.LockException;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration lock that does not depend on a database session: a lease in a one-row table
 * {@code <history table>_lease} (columns {@code id} = 1, {@code owner_id}, {@code expires_ms}), for
 * set-ups where a session lock cannot die with its holder (a connection proxy or pooler keeping
 * server sessions open) or where the lock must survive a connection loss of its holder.
 *
 * <ul>
 *   <li>Time: {@code expires_ms} is milliseconds since the epoch by the DATABASE's clock, computed
 *       in SQL on every write and compared in SQL, so the nodes' clocks never matter.</li>
 *   <li>Acquire: {@code UPDATE ... SET owner_id = ?, expires_ms = now + lease WHERE id = 1 AND (owner_id
 *       IS NULL OR expires_ms <= now)}, one atomic statement in auto-commit mode, tried every
 *       lease/20 (25 ms to 500 ms) until it updates the row or the timeout passes. The table and its
 *       row are created first if absent.</li>
 *   <li>Heartbeat: a daemon thread per held lease sets {@code expires_ms = now + lease} every
 *       lease/3, only while it is still the owner. A holder that dies or freezes stops renewing,
 *       and another node takes the lease over once {@code expires_ms} has passed: between one lease
 *       and one lease plus one heartbeat period after the holder's last renewal.</li>
 *   <li>Release: stops the heartbeat and clears the owner (only if still the owner), so the next
 *       node gets in on its next try.</li>
 * </ul>
 *
 * <p>A holder that stays frozen longer than the lease (a long GC pause, a suspended VM) loses the
 * lease without knowing it until its next heartbeat, which then logs an error; choose a lease well
 * above such pauses. The default session locks have no such window.
 *
 * <p>Thread-safe; a {@link Held} belongs to the thread that took it.
 */
public final class LeaseLock implements MigrationLock {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);
    private static final Duration MIN_POLL = Duration.ofMillis(25);
    private static final Duration MAX_POLL = Duration.ofMillis(500);
    private static final int PREPARE_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseFamily family;
    private final HistoryLocation location;
    private final String table;
    private final Duration lease;
    private final Duration heartbeat;
    private final Duration poll;
    private final String nowMs;

    /**
     * @param dataSource where the connections come from, not null
     * @param dialect the database's dialect ({@code h2}, {@code postgresql} or {@code mariadb}), not null
     * @param location the history table the lock protects, not null
     * @param lease how long a lease lasts without renewal, positive
     * @param heartbeat how often the holder renews it, shorter than {@code lease}; {@link Duration#ZERO}
     *     for no renewal (tests of a frozen holder)
     * @throws dev.tern.migration.api.ConfigurationException with {@code UNSUPPORTED_DATABASE} for another dialect
     * @throws IllegalArgumentException if {@code lease} is not positive or {@code heartbeat} is
     *     negative or not shorter than {@code lease}
     */
    public LeaseLock(DataSource dataSource, Dialect dialect, HistoryLocation location, Duration lease, Duration heartbeat) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.family = DatabaseFamily.require(dialect);
        this.location = Objects.requireNonNull(location, "location");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        if (lease.isZero() || lease.isNegative()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
        if (heartbeat.isNegative() || heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("heartbeat must be shorter than the lease " + lease + ", was " + heartbeat);
        }
        Duration p = lease.dividedBy(20);
        this.poll = p.compareTo(MIN_POLL) < 0 ? MIN_POLL : p.compareTo(MAX_POLL) > 0 ? MAX_POLL : p;
        this.table = family.qualified(location.schema(), DatabaseFamily.derivedName(location.table(), "_lease"));
        this.nowMs = switch (family) {
            case H2 -> "DATEDIFF(MILLISECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP)";
            case POSTGRESQL -> "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
            // UTC_TIMESTAMP and a DATETIME difference involve no session time zone (no DST ambiguity).
            case MARIADB -> "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)";
        };
    }

    /** @return how long a lease lasts without renewal */
    public Duration lease() {
        return lease;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws LockException with {@code LOCK_FAILED} naming the lease table, the current owner and
     *     when its lease ends, if another node holds an unexpired lease for longer than
     *     {@code timeout}; or if the database fails
     */
    @Override
    public Held acquire(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("lock timeout must be positive, was " + timeout);
        }
        String owner = ownerId();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            prepare(c);
            while (true) {
                if (tryTake(c, owner)) {
                    LOG.debug("took lease lock {} as {}", table, owner);
                    return new LeaseHeld(owner);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new LockException(ErrorCode.LOCK_FAILED, "migration lock on history table "
                            + location.qualifiedName() + " not obtained within " + timeout.toMillis() + " ms: "
                            + holder(c) + "; retry later or raise the lock timeout");
                }
                sleep(Math.min(left, poll.toNanos()));
            }
        } catch (SQLException e) {
            throw new LockException(ErrorCode.LOCK_FAILED, "cannot take the lease lock " + table + " on history table "
                    + location.qualifiedName() + ": " + e.getMessage(), e);
        }
    }

    private boolean tryTake(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET owner_id = ?, expires_ms = " + nowMs
                + " + ? WHERE id = 1 AND (owner_id IS NULL OR expires_ms <= " + nowMs + ")")) {
            ps.setString(1, owner);
            ps.setLong(2, lease.toMillis());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            // Two nodes updating the row at the same instant: the loser may get a lock-wait or
            // serialization error instead of waiting; it simply tries again.
            if (dialect.isTransient(e) || e.getErrorCode() == 90131) {
                LOG.debug("lease lock {}: contended update, trying again: {}", table, e.getMessage());
                return false;
            }
            throw e;
        }
    }

    private String holder(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner_id, expires_ms - " + nowMs + " FROM " + table
                + " WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getString(1) != null) {
                return "another node holds the lease (" + table + ", owner '" + rs.getString(1) + "', expires in "
                        + rs.getLong(2) + " ms unless renewed)";
            }
        } catch (SQLException e) {
            LOG.debug("reading the lease holder failed: {}", e.getMessage());
        }
        return "another node holds the lease (" + table + ")";
    }

    /** Creates the lease table and its row if absent; nodes racing here may fail once on a catalog conflict. */
    private void prepare(Connection c) throws SQLException {
        SQLException last = null;
        for (int attempt = 1; attempt <= PREPARE_ATTEMPTS; attempt++) {
            try {
                createTable(c);
                if (!rowPresent(c)) {
                    try (Statement st = c.createStatement()) {
                        st.execute("INSERT INTO " + table + " (id, owner_id, expires_ms) VALUES (1, NULL, 0)");
                    } catch (SQLException e) {
                        if (!rowPresent(c)) { // else another node inserted it first
                            throw e;
                        }
                    }
                }
                return;
            } catch (SQLException e) {
                last = e;
                LOG.debug("preparing lease table {} failed (attempt {} of {}): {}", table, attempt, PREPARE_ATTEMPTS,
                        e.getMessage());
            }
        }
        throw last;
    }

    private void createTable(Connection c) throws SQLException {
        String create = "CREATE TABLE IF NOT EXISTS " + table
                + " (id INT NOT NULL PRIMARY KEY, owner_id VARCHAR(200), expires_ms BIGINT NOT NULL)";
        try (Statement st = c.createStatement()) {
            try {
                st.execute(create);
            } catch (SQLException e) {
                if (location.schema() == null || !family.isMissingSchema(e)) {
                    throw e;
                }
                st.execute(family.createSchema(location.schema()));
                st.execute(create);
            }
        }
    }

    private boolean rowPresent(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE id = 1")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static String ownerId() {
        // Unique per acquisition; the pid tells an operator which process holds it.
        return "pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID();
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockException(ErrorCode.LOCK_FAILED, "interrupted while waiting for the migration lock", e);
        }
    }

    @Override
    public String toString() {
        return "LeaseLock[" + table + ", lease " + lease.toMillis() + " ms]";
    }

    private final class LeaseHeld implements Held {
        private final String owner;
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicBoolean lost = new AtomicBoolean();
        private final ScheduledExecutorService beat;

        LeaseHeld(String owner) {
            this.owner = owner;
            if (heartbeat.isZero()) {
                beat = null;
            } else {
                beat = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "tern-lease-heartbeat");
                    t.setDaemon(true); // never keeps a JVM alive; a dead JVM lets the lease expire
                    return t;
                });
                long period = heartbeat.toMillis();
                beat.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
            }
        }

        private void renew() {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                int renewed;
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET expires_ms = " + nowMs
                        + " + ? WHERE id = 1 AND owner_id = ?")) {
                    ps.setLong(1, lease.toMillis());
                    ps.setString(2, owner);
                    renewed = ps.executeUpdate();
                }
                if (renewed == 0 && lost.compareAndSet(false, true)) {
                    LOG.error("lease lock {}: lost the lease as {} (it expired before this renewal, and another node"
                            + " may be migrating now); raise the lease above the longest pause of this process", table, owner);
                    beat.shutdown();
                }
            } catch (SQLException | RuntimeException e) {
                // The next beat tries again; the lease covers three beats.
                LOG.warn("lease lock {}: renewing the lease failed: {}", table, e.getMessage());
            }
        }

        /**
         * Stops the heartbeat and clears the owner if this node still owns the lease.
         *
         * @throws LockException with {@code LOCK_FAILED} if the database fails; the lease then
         *     expires on its own at most one lease after the last renewal
         */
        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            if (beat != null) {
                beat.shutdownNow();
                try {
                    beat.awaitTermination(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET owner_id = NULL, expires_ms = 0"
                        + " WHERE id = 1 AND owner_id = ?")) {
                    ps.setString(1, owner);
                    if (ps.executeUpdate() == 0) {
                        LOG.warn("lease lock {}: the lease of {} had already expired and been taken over at release",
                                table, owner);
                    } else {
                        LOG.debug("released lease lock {} as {}", table, owner);
                    }
                }
            } catch (SQLException e) {
                throw new LockException(ErrorCode.LOCK_FAILED, "cannot release the lease lock " + table
                        + "; it expires on its own " + lease.toMillis() + " ms after its last renewal: " + e.getMessage(), e);
            }
        }
    }
}
