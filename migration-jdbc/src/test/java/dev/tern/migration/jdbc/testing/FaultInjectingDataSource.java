package dev.tern.migration.jdbc.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps a real {@link DataSource} and injects faults into what goes through it, to test retries
 * and failure handling on real databases. Connections, statements and prepared statements are
 * {@link Proxy proxies} over the real ones; everything not matched by a rule goes straight to the
 * driver.
 *
 * <pre>{@code
 * FaultInjectingDataSource faults = new FaultInjectingDataSource(db.dataSource());
 * // the 1st time a statement containing 'INSERT INTO jobs' runs, it fails with PostgreSQL 40001
 * faults.onStatement("INSERT INTO jobs").nth(1).fail(InjectedError.pgSerializationFailure());
 * // the 1st time 'INSERT INTO jobs VALUES (2' runs, the session is killed on the server first
 * faults.onStatement("INSERT INTO jobs VALUES (2").nth(1).dropConnection();
 * // the 3rd getConnection() fails
 * faults.onConnection(3).fail(InjectedError.connectionRefused());
 * }</pre>
 *
 * <p>Statement rules match a case-sensitive substring of the SQL text (for a prepared statement,
 * the text it was prepared with) and count their own occurrences: every execution of a matching
 * statement counts, whether or not a fault is injected. {@link StatementRule#fail} throws the
 * error before the statement reaches the driver, so the statement has no effect.
 * {@link StatementRule#dropConnection} kills the connection's session on the server
 * ({@code pg_terminate_backend} on PostgreSQL, {@code KILL} on MariaDB/MySQL, {@code ABORT_SESSION}
 * on H2) from a separate connection, then runs the statement, which fails with the driver's own
 * connection-loss error.
 *
 * <p>Counters tell what was injected. Thread-safe.
 */
public final class FaultInjectingDataSource implements DataSource {
    private static final Set<String> EXECUTE_METHODS =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    private final DataSource target;
    private final List<StatementRule> statementRules = new ArrayList<>();
    private final List<ConnectionRule> connectionRules = new ArrayList<>();
    private final List<String> injected = new ArrayList<>();
    private int connectionsRequested;
    private int connectionsOpened;
    private int connectionsClosed;
    private int statementFaults;
    private int connectionFaults;
    private int drops;

    /**
     * @param target the real data source, not null
     */
    public FaultInjectingDataSource(DataSource target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * Starts a rule on statements whose SQL contains the given text.
     *
     * @param sqlContaining a case-sensitive substring of the SQL, not empty
     * @return the rule, to complete with an occurrence choice and an action
     */
    public StatementRule onStatement(String sqlContaining) {
        if (sqlContaining == null || sqlContaining.isEmpty()) {
            throw new IllegalArgumentException("sqlContaining must not be empty");
        }
        return new StatementRule(sqlContaining);
    }

    /**
     * Starts a rule on the nth call of {@link #getConnection()} (counting every call made through
     * this data source, from 1).
     *
     * @param nth the call number, 1 or more
     * @return the rule, to complete with {@link ConnectionRule#fail}
     */
    public ConnectionRule onConnection(int nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth must be 1 or more, was " + nth);
        }
        return new ConnectionRule(nth);
    }

    /** @return a description of every fault injected so far, in order */
    public synchronized List<String> injected() {
        return List.copyOf(injected);
    }

    /** @return how many faults were injected so far, of every kind */
    public synchronized int injectedCount() {
        return injected.size();
    }

    /** @return how many statements were failed with an {@link InjectedError} */
    public synchronized int statementFaults() {
        return statementFaults;
    }

    /** @return how many {@code getConnection()} calls were failed */
    public synchronized int connectionFaults() {
        return connectionFaults;
    }

    /** @return how many sessions were killed by {@link StatementRule#dropConnection} */
    public synchronized int droppedConnections() {
        return drops;
    }

    /** @return how many times {@link #getConnection()} was called, failed calls included */
    public synchronized int connectionsRequested() {
        return connectionsRequested;
    }

    /** @return how many real connections were opened through this data source */
    public synchronized int connectionsOpened() {
        return connectionsOpened;
    }

    /** @return how many real connections opened through this data source are not closed yet */
    public synchronized int connectionsOpen() {
        return connectionsOpened - connectionsClosed;
    }

    /**
     * @param sqlContaining a substring a statement rule was created with
     * @return how many executions that rule has seen, injected or not; 0 for an unknown rule
     */
    public synchronized int occurrences(String sqlContaining) {
        return statementRules.stream().filter(r -> r.sqlContaining.equals(sqlContaining))
                .mapToInt(r -> r.seen).max().orElse(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        InjectedError refusal;
        synchronized (this) {
            connectionsRequested++;
            refusal = connectionRules.stream().filter(r -> r.nth == connectionsRequested).map(r -> r.error)
                    .findFirst().orElse(null);
            if (refusal != null) {
                connectionFaults++;
                injected.add("getConnection #" + connectionsRequested + ": " + refusal.label());
            }
        }
        if (refusal != null) {
            throw refusal.create();
        }
        Connection real = target.getConnection();
        synchronized (this) {
            connectionsOpened++;
        }
        return wrap(real);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("FaultInjectingDataSource takes the wrapped data source's credentials");
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

    /** What a statement rule does on a chosen occurrence. */
    private enum Action { FAIL, DROP }

    /**
     * A rule on statements; choose the occurrences ({@link #nth}, {@link #first}, {@link #always}),
     * then the action ({@link #fail}, {@link #dropConnection}). Not active until the action is set.
     */
    public final class StatementRule {
        private final String sqlContaining;
        private int from = 1;
        private int to = 1;
        private Action action;
        private InjectedError error;
        private int seen;

        private StatementRule(String sqlContaining) {
            this.sqlContaining = sqlContaining;
        }

        /**
         * @param n the occurrence to act on, 1 for the first execution of a matching statement
         * @return this rule
         */
        public StatementRule nth(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("n must be 1 or more, was " + n);
            }
            from = n;
            to = n;
            return this;
        }

        /**
         * @param n how many occurrences, from the first, to act on
         * @return this rule
         */
        public StatementRule first(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("n must be 1 or more, was " + n);
            }
            from = 1;
            to = n;
            return this;
        }

        /** @return this rule, acting on every occurrence */
        public StatementRule always() {
            from = 1;
            to = Integer.MAX_VALUE;
            return this;
        }

        /**
         * Activates the rule: the chosen occurrences throw the error instead of reaching the driver.
         *
         * @param value the error, not null
         * @return the data source, to chain further rules
         */
        public FaultInjectingDataSource fail(InjectedError value) {
            this.error = Objects.requireNonNull(value, "error");
            return activate(Action.FAIL);
        }

        /**
         * Activates the rule: on the chosen occurrences the connection's session is killed on the
         * server, then the statement runs and fails with the driver's connection-loss error.
         *
         * @return the data source, to chain further rules
         */
        public FaultInjectingDataSource dropConnection() {
            return activate(Action.DROP);
        }

        private FaultInjectingDataSource activate(Action value) {
            synchronized (FaultInjectingDataSource.this) {
                if (action != null) {
                    throw new IllegalStateException("rule already active");
                }
                action = value;
                statementRules.add(this);
            }
            return FaultInjectingDataSource.this;
        }
    }

    /** A rule on one {@code getConnection()} call; activated by {@link #fail}. */
    public final class ConnectionRule {
        private final int nth;
        private InjectedError error;

        private ConnectionRule(int nth) {
            this.nth = nth;
        }

        /**
         * @param value the error the call throws, not null
         * @return the data source, to chain further rules
         */
        public FaultInjectingDataSource fail(InjectedError value) {
            this.error = Objects.requireNonNull(value, "error");
            synchronized (FaultInjectingDataSource.this) {
                connectionRules.add(this);
            }
            return FaultInjectingDataSource.this;
        }
    }

    /** Counts the statement against every rule and returns the first rule that acts on it, or null. */
    private synchronized StatementRule match(String sql) {
        if (sql == null) {
            return null;
        }
        StatementRule acting = null;
        for (StatementRule rule : statementRules) {
            if (sql.contains(rule.sqlContaining)) {
                rule.seen++;
                if (acting == null && rule.seen >= rule.from && rule.seen <= rule.to) {
                    acting = rule;
                }
            }
        }
        if (acting != null) {
            String what = acting.action == Action.DROP ? "connection dropped" : acting.error.label();
            injected.add("statement '" + acting.sqlContaining + "' #" + acting.seen + ": " + what);
            if (acting.action == Action.DROP) {
                drops++;
            } else {
                statementFaults++;
            }
        }
        return acting;
    }

    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(FaultInjectingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(real));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection real;
        private boolean closed;

        ConnectionHandler(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close") && !closed) {
                closed = true;
                synchronized (FaultInjectingDataSource.this) {
                    connectionsClosed++;
                }
            }
            Object result = forward(real, method, args);
            if (name.equals("createStatement")) {
                return proxyStatement(Statement.class, (Statement) result, null, real, (Connection) proxy);
            }
            if (name.equals("prepareStatement")) {
                return proxyStatement(PreparedStatement.class, (Statement) result, (String) args[0], real,
                        (Connection) proxy);
            }
            return result;
        }
    }

    private Object proxyStatement(Class<? extends Statement> type, Statement real, String preparedSql,
                                  Connection realConnection, Connection proxyConnection) {
        return Proxy.newProxyInstance(FaultInjectingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("getConnection")) {
                        return proxyConnection;
                    }
                    if (EXECUTE_METHODS.contains(name)) {
                        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                        StatementRule rule = match(sql);
                        if (rule != null && rule.action == Action.FAIL) {
                            throw rule.error.create();
                        }
                        if (rule != null) {
                            killSession(realConnection);
                        }
                    }
                    return forward(real, method, args);
                });
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Kills the victim's session on the server, from another connection, and waits until it is gone. */
    private void killSession(Connection victim) throws SQLException {
        String product = victim.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String idQuery;
        String kill;
        if (product.contains("postgres")) {
            idQuery = "SELECT pg_backend_pid()";
            kill = "SELECT pg_terminate_backend(?)";
        } else if (product.contains("mariadb") || product.contains("mysql")) {
            idQuery = "SELECT CONNECTION_ID()";
            kill = "KILL ?";
        } else if (product.contains("h2")) {
            idQuery = "SELECT SESSION_ID()";
            kill = "CALL ABORT_SESSION(?)";
        } else {
            throw new SQLFeatureNotSupportedException("cannot drop a connection to " + product);
        }
        long id;
        try (Statement st = victim.createStatement(); ResultSet rs = st.executeQuery(idQuery)) {
            rs.next();
            id = rs.getLong(1);
        }
        try (Connection admin = target.getConnection(); PreparedStatement ps = admin.prepareStatement(kill)) {
            if (product.contains("postgres")) {
                ps.setInt(1, (int) id);
            } else {
                ps.setLong(1, id);
            }
            ps.execute();
        }
        // The server ends the session asynchronously; wait until the victim notices (bounded).
        for (int i = 0; i < 50 && isValid(victim); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
