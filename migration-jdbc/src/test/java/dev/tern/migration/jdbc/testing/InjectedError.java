package dev.tern.migration.jdbc.testing;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An error that a {@link FaultInjectingDataSource} throws, as the database's driver would: an
 * {@link SQLException} (or subclass) with a SQLState and a vendor code. A new exception is created
 * for each injection. The factory methods give the errors each database really raises.
 *
 * @param label a short name for reports, e.g. {@code PG 40001 serialization failure}
 * @param sqlState the SQLState of the exception
 * @param vendorCode the vendor code of the exception, 0 if none
 * @param factory creates the exception
 */
public record InjectedError(String label, String sqlState, int vendorCode, Supplier<SQLException> factory) {
    /** Checks the components. */
    public InjectedError {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(factory, "factory");
    }

    /** @return a new exception, marked as injected in its message */
    public SQLException create() {
        return factory.get();
    }

    /**
     * A plain {@link SQLException}.
     *
     * @param label the label
     * @param message the driver-like message
     * @param sqlState the SQLState
     * @param vendorCode the vendor code, 0 if none
     * @return the error
     */
    public static InjectedError of(String label, String message, String sqlState, int vendorCode) {
        return new InjectedError(label, sqlState, vendorCode,
                () -> new SQLException("[injected] " + message, sqlState, vendorCode));
    }

    /** @return PostgreSQL {@code 40001}: could not serialize access */
    public static InjectedError pgSerializationFailure() {
        return of("PG 40001 serialization failure", "could not serialize access due to concurrent update", "40001", 0);
    }

    /** @return PostgreSQL {@code 40P01}: deadlock detected */
    public static InjectedError pgDeadlock() {
        return of("PG 40P01 deadlock", "deadlock detected", "40P01", 0);
    }

    /** @return PostgreSQL {@code 55P03}: lock not available (lock_timeout, NOWAIT) */
    public static InjectedError pgLockNotAvailable() {
        return of("PG 55P03 lock not available", "canceling statement due to lock timeout", "55P03", 0);
    }

    /** @return PostgreSQL {@code 08006}: connection failure */
    public static InjectedError pgConnectionFailure() {
        return of("PG 08006 connection failure", "An I/O error occurred while sending to the backend.", "08006", 0);
    }

    /** @return MariaDB 1213 (SQLState 40001): deadlock, as the driver raises it */
    public static InjectedError mariaDbDeadlock() {
        return new InjectedError("MariaDB 1213 deadlock", "40001", 1213, () -> new SQLTransactionRollbackException(
                "[injected] Deadlock found when trying to get lock; try restarting transaction", "40001", 1213));
    }

    /** @return MariaDB 1205 (SQLState HY000): lock wait timeout */
    public static InjectedError mariaDbLockWaitTimeout() {
        return of("MariaDB 1205 lock wait timeout", "Lock wait timeout exceeded; try restarting transaction", "HY000",
                1205);
    }

    /** @return MariaDB 2013 (SQLState HY000): lost connection to server during query */
    public static InjectedError mariaDbLostConnection() {
        return of("MariaDB 2013 lost connection", "Lost connection to server during query", "HY000", 2013);
    }

    /** @return H2 {@code 40001} (code 40001): deadlock */
    public static InjectedError h2Deadlock() {
        return new InjectedError("H2 40001 deadlock", "40001", 40001, () -> new SQLTransactionRollbackException(
                "[injected] Deadlock detected. The current transaction was rolled back.", "40001", 40001));
    }

    /** @return H2 {@code HYT00} (code 50200): lock timeout */
    public static InjectedError h2LockTimeout() {
        return of("H2 50200 lock timeout", "Timeout trying to lock table", "HYT00", 50200);
    }

    /** @return a refused connection ({@code 08001}), as a driver reports a server that is restarting */
    public static InjectedError connectionRefused() {
        return new InjectedError("08001 connection refused", "08001", 0,
                () -> new SQLNonTransientConnectionException("[injected] Connection refused", "08001"));
    }

    /**
     * The transient errors of a database, one of each kind Tern classifies as transient there.
     *
     * @param kind the database
     * @return the errors
     */
    public static List<InjectedError> transientErrors(TestDatabase kind) {
        return switch (kind) {
            case H2 -> List.of(h2Deadlock(), h2LockTimeout());
            case POSTGRESQL -> List.of(pgSerializationFailure(), pgDeadlock(), pgLockNotAvailable(),
                    pgConnectionFailure());
            case MARIADB -> List.of(mariaDbDeadlock(), mariaDbLockWaitTimeout(), mariaDbLostConnection());
        };
    }

    /**
     * The database's syntax error: PostgreSQL {@code 42601}, MariaDB 1064 ({@code 42000}), H2
     * 42001 ({@code 42001}).
     *
     * @param kind the database
     * @return the error
     */
    public static InjectedError syntaxError(TestDatabase kind) {
        return switch (kind) {
            case H2 -> new InjectedError("H2 42001 syntax error", "42001", 42001,
                    () -> new SQLSyntaxErrorException("[injected] Syntax error in SQL statement", "42001", 42001));
            case POSTGRESQL -> of("PG 42601 syntax error", "syntax error at or near \"CRATE\"", "42601", 0);
            case MARIADB -> new InjectedError("MariaDB 1064 syntax error", "42000", 1064,
                    () -> new SQLSyntaxErrorException("[injected] You have an error in your SQL syntax", "42000", 1064));
        };
    }
}
