package dev.tern.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that hands out {@link java.lang.reflect.Proxy proxies} of the connections of
 * another one, counting into a {@link RoundTrips} every call that goes to the database. The proxies
 * wrap statements and metadata too, so nothing a tool does escapes the count; {@code unwrap} still
 * reaches the real objects, which a tool could use to bypass the count (none of the measured ones
 * executes through an unwrapped connection). Thread-safe when the wrapped data source is.
 */
public final class CountingDataSource implements DataSource {
    private final DataSource target;
    private final RoundTrips counts;

    /**
     * @param target the data source whose connections are counted
     * @param counts where to count
     */
    public CountingDataSource(DataSource target, RoundTrips counts) {
        this.target = target;
        this.counts = counts;
    }

    /** @return where this data source counts */
    public RoundTrips counts() {
        return counts;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = target.getConnection();
        counts.connection();
        return wrap(Connection.class, c);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Connection c = target.getConnection(username, password);
        counts.connection();
        return wrap(Connection.class, c);
    }

    private <T> T wrap(Class<T> type, T real) {
        return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
                new Handler(real)));
    }

    private final class Handler implements InvocationHandler {
        private final Object real;

        Handler(Object real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
                return proxy;
            }
            if (name.equals("isWrapperFor") && args != null && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
                return true;
            }
            if (name.equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && (args == null || args.length == 0)) {
                return System.identityHashCode(proxy);
            }
            count(method);
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result == null) {
                return null;
            }
            // Wrap what hands out further database calls, by the declared return type.
            Class<?> returns = method.getReturnType();
            // Statement.getConnection and DatabaseMetaData.getConnection lead back to a counted connection.
            if (returns == Statement.class || returns == PreparedStatement.class || returns == CallableStatement.class
                    || returns == DatabaseMetaData.class || returns == Connection.class) {
                return wrapAs(returns, result);
            }
            return result;
        }

        private Object wrapAs(Class<?> type, Object result) {
            return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
                    new Handler(result));
        }

        private void count(Method method) {
            String name = method.getName();
            if (real instanceof Statement) {
                if (name.startsWith("execute")) {
                    counts.statement();
                }
            } else if (real instanceof Connection) {
                if (name.equals("commit")) {
                    counts.commit();
                } else if (name.equals("rollback")) {
                    counts.rollback();
                }
            } else if (real instanceof DatabaseMetaData && method.getReturnType() == ResultSet.class) {
                counts.metadata();
            }
        }
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
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
