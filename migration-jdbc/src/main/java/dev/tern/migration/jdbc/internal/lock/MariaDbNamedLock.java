package dev.tern.migration.jdbc.internal.lock;

import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * MariaDB / MySQL named lock ({@code GET_LOCK(name, seconds)} / {@code RELEASE_LOCK(name)}),
 * released by the server when the session ends.
 *
 * <p>Name: {@code "tern:" + database + "." + table}, where the database is the configured schema or
 * else the session's {@code DATABASE()}; named locks are server-wide, so the database is part of
 * the name. Names longer than 64 characters (the server's limit) keep their first 47 characters
 * followed by {@code ":"} and 16 hex digits of the SHA-256 of the full name.
 *
 * <p>Wait: {@code GET_LOCK} takes the timeout in (fractional) seconds; it answers 0 on timeout.
 *
 * <p>Thread-safe.
 */
public final class MariaDbNamedLock extends SessionLock {
    private static final int MAX_NAME = 64;

    /**
     * @param dataSource where the dedicated connections come from, not null
     * @param location the history table the lock protects, not null
     */
    public MariaDbNamedLock(DataSource dataSource, HistoryLocation location) {
        super(dataSource, location);
    }

    /**
     * Shortens a lock name to the server's limit.
     *
     * @param full the full name
     * @return {@code full} if at most 64 characters, else a 64-character prefix-and-hash form
     */
    public static String shorten(String full) {
        if (full.length() <= MAX_NAME) {
            return full;
        }
        String hash = HexFormat.of().formatHex(DatabaseFamily.sha256(full), 0, 8);
        return full.substring(0, MAX_NAME - hash.length() - 1) + ":" + hash;
    }

    @Override
    protected String lockName(Connection connection) throws SQLException {
        String database = location.schema();
        if (database == null) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT DATABASE()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                database = rs.getString(1);
            }
        }
        return shorten("tern:" + (database == null ? "" : database + ".") + location.table());
    }

    @Override
    protected Release tryLock(Connection connection, String name, Duration timeout) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, name);
            ps.setBigDecimal(2, BigDecimal.valueOf(Math.max(1, timeout.toMillis()), 3));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int result = rs.getInt(1);
                if (rs.wasNull()) {
                    throw new SQLException("GET_LOCK('" + name + "') returned NULL (error or killed thread)");
                }
                return result == 1 ? c -> unlock(c, name) : null;
            }
        }
    }

    private static void unlock(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new SQLException("RELEASE_LOCK('" + name + "') found no lock held by this session");
                }
            }
        }
    }

    @Override
    protected String describe(String name) {
        return "named lock '" + name + "'";
    }
}
