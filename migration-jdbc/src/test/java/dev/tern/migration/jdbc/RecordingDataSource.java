package dev.tern.migration.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A data source that remembers every connection it handed out, so a test can reach a lock's session. */
final class RecordingDataSource implements DataSource {
    private final DataSource target;
    private final List<Connection> handedOut = new CopyOnWriteArrayList<>();

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    /** @return the connections handed out so far, oldest first */
    List<Connection> handedOut() {
        return List.copyOf(handedOut);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = target.getConnection();
        handedOut.add(c);
        return c;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Connection c = target.getConnection(user, password);
        handedOut.add(c);
        return c;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }
}
