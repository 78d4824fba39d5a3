package dev.tern.migration.jdbc.internal.lock;

import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * PostgreSQL session-level advisory lock ({@code pg_advisory_lock(bigint)}), released by the server
 * when the session ends.
 *
 * <p>Key: the first 8 bytes, big-endian, of the SHA-256 of the UTF-8 text
 * {@code "tern:" + schema + "." + table} in lower case, where the schema is the configured one or
 * else the session's {@code current_schema()}. Advisory locks are per database, so the key tells
 * apart history tables of one database.
 *
 * <p>Wait: the lock is requested in a short transaction with {@code set_config('lock_timeout', ...,
 * true)} (a {@code SET LOCAL}), so the wait is bounded by the timeout and the setting does not
 * outlive the transaction; the session-level lock stays after the commit. A timeout is SQLState
 * {@code 55P03}.
 *
 * <p>Thread-safe.
 */
public final class PostgreSqlAdvisoryLock extends SessionLock {

    /**
     * @param dataSource where the dedicated connections come from, not null
     * @param location the history table the lock protects, not null
     */
    public PostgreSqlAdvisoryLock(DataSource dataSource, HistoryLocation location) {
        super(dataSource, location);
    }

    /**
     * The advisory lock key of a lock name.
     *
     * @param name the lock's name, e.g. {@code tern:public.tern_history}
     * @return the first 8 bytes of its SHA-256, big-endian
     */
    public static long key(String name) {
        return ByteBuffer.wrap(DatabaseFamily.sha256(name)).getLong();
    }

    @Override
    protected String lockName(Connection connection) throws SQLException {
        String schema = location.schema();
        if (schema == null) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT current_schema()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                schema = rs.getString(1);
            }
        }
        return ("tern:" + (schema == null ? "" : schema + ".") + location.table()).toLowerCase(Locale.ROOT);
    }

    @Override
    protected Release tryLock(Connection connection, String name, Duration timeout) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                ps.setString(1, Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())) + "ms");
                ps.execute();
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, key(name));
                ps.execute();
            }
            connection.commit();
            return c -> unlock(c, name);
        } catch (SQLException e) {
            connection.rollback();
            if ("55P03".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void unlock(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new SQLException("pg_advisory_unlock(" + key(name) + ") found no lock held by this session");
                }
            }
        }
    }

    @Override
    protected String describe(String name) {
        return "PostgreSQL advisory lock " + key(name) + " for '" + name + "'";
    }
}
