package dev.tern.migration.jdbc.internal;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One dialect's table of transient errors: the SQLStates, SQLState classes and vendor codes that
 * mean "running the step again may succeed". Every dialect also treats the JDBC
 * {@link SQLTransientException} and {@link SQLRecoverableException} families (which include
 * {@code SQLTransientConnectionException}, {@code SQLTransactionRollbackException} and
 * {@code SQLTimeoutException}) as transient, and a syntax error (a {@link SQLSyntaxErrorException}
 * or SQLState class {@code 42}) anywhere in the chain as never transient.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sqlStates exact SQLStates that are transient, e.g. {@code 40001}
 * @param sqlStateClasses two-character SQLState classes that are transient, e.g. {@code 08}
 * @param vendorCodes vendor error codes ({@link SQLException#getErrorCode()}) that are transient
 */
public record TransientErrors(Set<String> sqlStates, Set<String> sqlStateClasses, Set<Integer> vendorCodes) {

    /** Guards against pathological (very long or cyclic) exception chains. */
    private static final int MAX_CHAIN = 64;

    /**
     * Copies the sets.
     *
     * @param sqlStates exact transient SQLStates
     * @param sqlStateClasses transient two-character SQLState classes
     * @param vendorCodes transient vendor error codes
     */
    public TransientErrors {
        sqlStates = Set.copyOf(sqlStates);
        sqlStateClasses = Set.copyOf(sqlStateClasses);
        vendorCodes = Set.copyOf(vendorCodes);
    }

    /**
     * Classifies an error by walking its cause chain and its {@link SQLException#getNextException()
     * next exceptions}.
     *
     * @param error the error, not null
     * @return true if some exception of the chain is transient and none is a syntax error
     */
    public boolean isTransient(SQLException error) {
        List<SQLException> chain = chain(error);
        for (SQLException e : chain) {
            if (isSyntaxError(e)) {
                return false;
            }
        }
        for (SQLException e : chain) {
            if (matches(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null) {
            if (sqlStates.contains(state)) {
                return true;
            }
            if (state.length() >= 2 && sqlStateClasses.contains(state.substring(0, 2))) {
                return true;
            }
        }
        return e.getErrorCode() != 0 && vendorCodes.contains(e.getErrorCode());
    }

    private static boolean isSyntaxError(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLSyntaxErrorException || (state != null && state.startsWith("42"));
    }

    /** Every SQLException reachable through causes and next exceptions, each once, breadth first. */
    private static List<SQLException> chain(SQLException root) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> queue = new ArrayList<>();
        List<SQLException> found = new ArrayList<>();
        queue.add(root);
        for (int i = 0; i < queue.size() && seen.size() < MAX_CHAIN; i++) {
            Throwable t = queue.get(i);
            if (t == null || !seen.add(t)) {
                continue;
            }
            queue.add(t.getCause());
            if (t instanceof SQLException sql) {
                found.add(sql);
                queue.add(sql.getNextException());
            }
        }
        return found;
    }
}
