package dev.tern.migration.core.internal;

import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.database.HistoryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection that the steps of one run (or the down actions of one rollback) share, with the
 * history {@linkplain HistoryStore#appender(Connection) appender} bound to it. A step takes it
 * with {@link #get(boolean)} in the auto-commit mode it needs; it stays open for the next step,
 * and is closed by {@link #close()} at the end of the run. The executors {@link #discard()} it,
 * so that the next step opens a fresh one, whenever a step may have left it in a state that later
 * steps or history writes must not inherit:
 * <ul>
 *   <li>after every failed attempt: the connection may be broken or in an unknown transaction
 *       state, and a retry always runs on a new connection;</li>
 *   <li>after a Java step, which may have changed anything about its session (closed the
 *       connection, changed auto-commit, isolation, schema or role);</li>
 *   <li>after a SQL step with a statement that changes the session or controls transactions
 *       ({@link SessionStatements}).</li>
 * </ul>
 * Auto-commit is set only when the mode a step needs differs from the mode last set; it is
 * restored to what the connection had when opened before it is closed at the end of the run.
 *
 * <p>The migration lock never uses this connection: a session lock lives on its own.
 *
 * <p>Not thread-safe; one instance per run, used by the thread running it.
 */
public final class StepConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepConnection.class);

    private final DataSource dataSource;
    private final HistoryStore store;
    private Connection connection;
    private HistoryStore.Appender appender;
    // The mode the connection had when it was opened (or handed over), and the mode last set;
    // read once per connection, since a handed-over connection's mode is not known up front.
    private boolean modeKnown;
    private boolean openedAutoCommit;
    private boolean autoCommit;

    /**
     * @param dataSource where connections come from, not null
     * @param store the history store whose appender writes through the connection, not null
     * @param first an open connection of that data source to use first, now owned by this
     *     instance (closed by it); or null to open one when a step first needs it
     */
    public StepConnection(DataSource dataSource, HistoryStore store, Connection first) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.store = Objects.requireNonNull(store, "store");
        this.connection = first;
    }

    /**
     * Returns the shared connection in the given auto-commit mode, opening one if none is open.
     * If opening it or setting the mode fails, nothing stays open.
     *
     * @param autoCommit the auto-commit mode the step needs
     * @return the open connection; valid until {@link #discard()} or {@link #close()}
     * @throws SQLException if no connection can be opened or the mode cannot be set
     */
    public Connection get(boolean autoCommit) throws SQLException {
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            if (!modeKnown) {
                openedAutoCommit = connection.getAutoCommit();
                this.autoCommit = openedAutoCommit;
                modeKnown = true;
            }
            if (this.autoCommit != autoCommit) {
                connection.setAutoCommit(autoCommit);
                this.autoCommit = autoCommit;
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    /**
     * Appends a history entry through the shared connection, in the mode last set by
     * {@link #get(boolean)}: committed at once in auto-commit mode, else with the caller's commit.
     *
     * @param entry the entry
     * @throws SQLException if no connection is open and none can be opened
     * @throws dev.tern.migration.api.HistoryStoreException if the entry cannot be written
     */
    public void append(HistoryEntry entry) throws SQLException {
        Connection c = get(autoCommit);
        if (appender == null) {
            appender = store.appender(c);
        }
        appender.append(entry);
    }

    /**
     * Closes the shared connection without restoring anything, after a failure or a step that may
     * have changed its session; the next {@link #get(boolean)} opens a new one. Errors while
     * closing are logged: the connection is given up either way.
     */
    public void discard() {
        Connection c = connection;
        connection = null;
        modeKnown = false;
        closeAppender();
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("could not close a discarded step connection: {}", e.getMessage());
            }
        }
    }

    /**
     * Ends the run's use of the connection: restores the auto-commit mode it was opened with and
     * closes it. Errors are logged, not thrown: every step's outcome is decided by then.
     */
    @Override
    public void close() {
        if (connection != null && modeKnown && autoCommit != openedAutoCommit) {
            try {
                connection.setAutoCommit(openedAutoCommit);
            } catch (SQLException | RuntimeException e) {
                // The connection is closed next; a pool resets auto-commit itself.
                LOG.debug("could not restore auto-commit on the step connection", e);
            }
        }
        discard();
    }

    private void closeAppender() {
        HistoryStore.Appender a = appender;
        appender = null;
        if (a != null) {
            try {
                a.close();
            } catch (RuntimeException e) {
                LOG.debug("could not close a history appender: {}", e.getMessage());
            }
        }
    }
}
