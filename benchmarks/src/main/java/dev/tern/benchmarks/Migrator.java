package dev.tern.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One tool prepared for one workload: what a start of the application calls.
 */
public interface Migrator {

    /**
     * One full start: configure the tool, discover the steps, read the history, validate, apply
     * what is pending, return.
     *
     * @param dataSource where to migrate
     * @throws Exception whatever the tool throws
     */
    void migrate(DataSource dataSource) throws Exception;

    /**
     * A start that should find nothing to do; the same as {@link #migrate} for tools with a
     * history, a cheap check for raw JDBC, which has none.
     *
     * @param dataSource where to migrate
     * @throws Exception whatever the tool throws
     */
    default void noOpStart(DataSource dataSource) throws Exception {
        migrate(dataSource);
    }

    /**
     * @param connection a connection to the database
     * @return the number of successful step records in the tool's history, -1 for a tool without one
     * @throws SQLException if the history cannot be read
     */
    long historyRows(Connection connection) throws SQLException;
}
