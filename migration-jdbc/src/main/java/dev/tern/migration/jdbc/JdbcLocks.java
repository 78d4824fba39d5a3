package dev.tern.migration.jdbc;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.jdbc.internal.lock.LeaseLock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Migration locks other than the database's default session lock, to pass to
 * {@code Orchestrator.builder().lock(...)}.
 *
 * <p>Thread-safe (stateless).
 */
public final class JdbcLocks {
    /** The shortest lease accepted. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);

    private JdbcLocks() {
    }

    /**
     * A lease lock: a one-row table {@code <history table>_lease} (created on first use beside the
     * history table) holding the owner and the end of its lease by the database's clock. The holder
     * renews the lease every {@code lease / 3} from a daemon thread and clears it on release; when
     * the holder dies or freezes, another node takes the lease over once it has expired, between
     * {@code lease} and {@code lease + lease / 3} after the holder's last renewal. Use it where a
     * session lock cannot die with its holder, e.g. behind a connection pooler (PgBouncer in
     * transaction mode, a proxy) that keeps server sessions open after a node dies. Every node
     * migrating the database must use the same lock.
     *
     * <pre>{@code
     * MigrationLock lock = JdbcLocks.lease(dataSource, new PostgreSqlDialect(), HistoryLocation.defaults(),
     *         Duration.ofSeconds(30));
     * Orchestrator.builder().dataSource(dataSource).lock(lock).build().runAll();
     * }</pre>
     *
     * @param dataSource where the lease table lives, not null
     * @param dialect the database's dialect: {@link H2Dialect}, {@link PostgreSqlDialect} or
     *     {@link MariaDbDialect}, not null
     * @param location the history table the lock protects (its schema and name give the lease
     *     table's), not null
     * @param lease how long a lease lasts without renewal, at least {@link #MIN_LEASE}; choose it
     *     above the longest pause a node may have (GC, a suspended VM)
     * @return the lock; thread-safe
     * @throws ConfigurationException with {@code INVALID_CONFIGURATION} for a null argument or a
     *     lease under {@link #MIN_LEASE}, with {@code UNSUPPORTED_DATABASE} for another dialect
     */
    public static MigrationLock lease(DataSource dataSource, Dialect dialect, HistoryLocation location, Duration lease) {
        notNull(dataSource, "dataSource");
        notNull(dialect, "dialect");
        notNull(location, "location");
        notNull(lease, "lease");
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "lease must be at least "
                    + MIN_LEASE.toMillis() + " ms, was " + lease.toMillis() + " ms");
        }
        return new LeaseLock(dataSource, dialect, location, lease, lease.dividedBy(3));
    }

    private static void notNull(Object value, String parameter) {
        if (value == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, parameter + " must not be null");
        }
    }
}
