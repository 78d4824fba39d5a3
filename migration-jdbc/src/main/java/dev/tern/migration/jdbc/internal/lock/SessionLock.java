package dev.tern.migration.jdbc.internal.lock;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.LockException;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration lock held by one database session: each {@link #acquire(Duration)} takes a dedicated
 * connection from the data source and keeps it until the {@link Held} is closed. Because the
 * database ties the lock to that session, a node that dies (or whose connection is cut) loses
 * the lock without anyone's help.
 *
 * <p>Subclasses say how the database names, takes and gives back the lock.
 *
 * <p>Thread-safe; a {@link Held} belongs to the thread that took it.
 */
public abstract class SessionLock implements MigrationLock {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLock.class);

    /** Where connections come from. */
    protected final DataSource dataSource;
    /** The history table the lock protects. */
    protected final HistoryLocation location;

    /**
     * @param dataSource where the dedicated connections come from, not null
     * @param location the history table the lock protects, not null
     */
    protected SessionLock(DataSource dataSource, HistoryLocation location) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.location = Objects.requireNonNull(location, "location");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws LockException with {@code LOCK_FAILED} naming the history table and the wait if the
     *     lock is held elsewhere for longer than {@code timeout}, or if the database fails
     */
    @Override
    public Held acquire(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("lock timeout must be positive, was " + timeout);
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new LockException(ErrorCode.LOCK_FAILED, "cannot open a connection for the migration lock on history table "
                    + location.qualifiedName() + ": " + e.getMessage(), e);
        }
        String name = null;
        try {
            name = lockName(connection);
            Release release = tryLock(connection, name, timeout);
            if (release == null) {
                throw new LockException(ErrorCode.LOCK_FAILED, "migration lock on history table " + location.qualifiedName()
                        + " not obtained within " + describe(timeout) + ": another node is migrating this database ("
                        + describe(name) + "); retry later or raise the lock timeout");
            }
            LOG.debug("took migration lock {}", describe(name));
            return new SessionHeld(connection, name, release);
        } catch (SQLException e) {
            abort(connection);
            throw new LockException(ErrorCode.LOCK_FAILED, "cannot take the migration lock on history table "
                    + location.qualifiedName() + (name == null ? "" : " (" + describe(name) + ")") + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * The lock for a database family.
     *
     * @param family the database family
     * @param dataSource where the dedicated connections come from, not null
     * @param location the history table the lock protects, not null
     * @return a PostgreSQL advisory lock, a MariaDB named lock or an H2 row lock
     */
    public static SessionLock forFamily(DatabaseFamily family, DataSource dataSource, HistoryLocation location) {
        return switch (family) {
            case H2 -> new H2RowLock(dataSource, location);
            case POSTGRESQL -> new PostgreSqlAdvisoryLock(dataSource, location);
            case MARIADB -> new MariaDbNamedLock(dataSource, location);
        };
    }

    /**
     * Names the lock for this session, e.g. by the history table qualified with the session's
     * current schema.
     *
     * @param connection the dedicated connection
     * @return the lock's name, a stable function of the database, schema and table
     * @throws SQLException if the database fails
     */
    protected abstract String lockName(Connection connection) throws SQLException;

    /**
     * Takes the lock on the dedicated connection, waiting at most {@code timeout}.
     *
     * @param connection the dedicated connection
     * @param name the lock's name from {@link #lockName(Connection)}
     * @param timeout the longest wait, positive
     * @return how to give the lock back, or null if the wait timed out
     * @throws SQLException if the database fails
     */
    protected abstract Release tryLock(Connection connection, String name, Duration timeout) throws SQLException;

    /** Gives a taken lock back. */
    @FunctionalInterface
    protected interface Release {
        /**
         * Gives the lock back; the connection is closed afterwards.
         *
         * @param connection the dedicated connection
         * @throws SQLException if the database fails
         */
        void release(Connection connection) throws SQLException;
    }

    /**
     * @param name the lock's name
     * @return how the lock is known in the database, for messages
     */
    protected abstract String describe(String name);

    private static String describe(Duration timeout) {
        return timeout.toMillis() + " ms";
    }

    /** Drops the physical connection, so that a pool does not hand out a session that may still hold the lock. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("aborting the lock connection failed: {}", e.getMessage());
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the lock connection failed: {}", e.getMessage());
        }
    }

    private static boolean isAlive(Connection connection) {
        try {
            return !connection.isClosed() && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private final class SessionHeld implements Held {
        private final Connection connection;
        private final String name;
        private final Release release;
        private final AtomicBoolean released = new AtomicBoolean();

        SessionHeld(Connection connection, String name, Release release) {
            this.connection = connection;
            this.name = name;
            this.release = release;
        }

        /**
         * Releases the lock and closes the dedicated connection. If the session already died, the
         * database released the lock with it; that is logged, not thrown.
         */
        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                release.release(connection);
                connection.close();
                LOG.debug("released migration lock {}", describe(name));
            } catch (SQLException e) {
                boolean alive = isAlive(connection);
                abort(connection);
                if (alive) {
                    throw new LockException(ErrorCode.LOCK_FAILED, "cannot release the migration lock on history table "
                            + location.qualifiedName() + " (" + describe(name) + "); its connection was closed, which releases it: "
                            + e.getMessage(), e);
                }
                LOG.warn("migration lock on history table {} ({}): its session had already ended, which released the lock ({})",
                        location.qualifiedName(), describe(name), e.getMessage());
            }
        }
    }
}
