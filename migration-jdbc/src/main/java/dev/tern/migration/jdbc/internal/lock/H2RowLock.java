package dev.tern.migration.jdbc.internal.lock;

import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * H2 lock: H2 has no advisory or named locks, so Tern locks a row. A one-row table
 * {@code <history table>_lock} (created with its schema if absent) holds row {@code id = 1}; the
 * lock is {@code SELECT ... FOR UPDATE} of that row in a transaction left open on the dedicated
 * connection. H2 rolls the transaction back, and so frees the row, when the session ends
 * (connection closed, session aborted, process gone). Release is a rollback.
 *
 * <p>The wait is bounded with {@code SET LOCK_TIMEOUT} on that session; the session's previous
 * value is restored on release, so a pooled connection comes back as it was. A timeout is H2 error
 * {@code 50200}.
 *
 * <p>Thread-safe.
 */
public final class H2RowLock extends SessionLock {
    private final String lockTable;

    /**
     * @param dataSource where the dedicated connections come from, not null
     * @param location the history table the lock protects, not null
     */
    public H2RowLock(DataSource dataSource, HistoryLocation location) {
        super(dataSource, location);
        this.lockTable = DatabaseFamily.H2.qualified(location.schema(),
                DatabaseFamily.derivedName(location.table(), "_lock"));
    }

    @Override
    protected String lockName(Connection connection) throws SQLException {
        return lockTable;
    }

    @Override
    protected Release tryLock(Connection connection, String name, Duration timeout) throws SQLException {
        connection.setAutoCommit(true);
        createLockRow(connection);
        long previousTimeout;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT LOCK_TIMEOUT()")) {
            rs.next();
            previousTimeout = rs.getLong(1);
        }
        setLockTimeout(connection, Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM " + lockTable + " WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("lock row id = 1 of " + lockTable + " is missing");
            }
            return c -> {
                c.rollback();
                c.setAutoCommit(true);
                setLockTimeout(c, previousTimeout);
            };
        } catch (SQLException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            setLockTimeout(connection, previousTimeout);
            if (e.getErrorCode() == 50200 || "HYT00".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    private static void setLockTimeout(Connection connection, long millis) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // A number computed here, not configuration: safe to write into the statement.
            st.execute("SET LOCK_TIMEOUT " + millis);
        }
    }

    private void createLockRow(Connection connection) throws SQLException {
        String create = "CREATE TABLE IF NOT EXISTS " + lockTable + " (id INT PRIMARY KEY)";
        try (Statement st = connection.createStatement()) {
            try {
                st.execute(create);
            } catch (SQLException e) {
                if (location.schema() == null || !DatabaseFamily.H2.isMissingSchema(e)) {
                    throw e;
                }
                st.execute(DatabaseFamily.H2.createSchema(location.schema()));
                st.execute(create);
            }
            // A plain read does not wait for a holder's row lock, unlike MERGE.
            boolean present;
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + lockTable)) {
                rs.next();
                present = rs.getInt(1) > 0;
            }
            if (!present) {
                try {
                    st.execute("INSERT INTO " + lockTable + " (id) VALUES (1)");
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) { // another node inserted it first
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    protected String describe(String name) {
        return "row lock on H2 table " + name;
    }
}
