package dev.tern.migration.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fault injector itself, on H2: occurrences, prepared statements, connections, drops and counters. */
class FaultInjectingDataSourceTests {
    private final FreshDatabase db = TestDatabases.create(TestDatabase.H2);
    private final FaultInjectingDataSource faults = new FaultInjectingDataSource(db.dataSource());

    @AfterEach
    void drop() {
        db.close();
    }

    private void run(String sql) throws SQLException {
        try (Connection c = faults.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private int count() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void failsOnlyTheChosenOccurrenceBeforeItReachesTheDatabase() throws SQLException {
        run("CREATE TABLE t (id INT)");
        faults.onStatement("INSERT INTO t").nth(2).fail(InjectedError.h2Deadlock());

        run("INSERT INTO t VALUES (1)");
        assertThatThrownBy(() -> run("INSERT INTO t VALUES (2)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("[injected] Deadlock")
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(40001));
        run("INSERT INTO t VALUES (3)");

        assertThat(count()).isEqualTo(2);
        assertThat(faults.occurrences("INSERT INTO t")).isEqualTo(3);
        assertThat(faults.injected()).containsExactly("statement 'INSERT INTO t' #2: H2 40001 deadlock");
        assertThat(faults.statementFaults()).isEqualTo(1);
    }

    @Test
    void firstAndAlwaysCoverSeveralOccurrencesAndPreparedStatementsMatchTheirText() throws SQLException {
        run("CREATE TABLE t (id INT)");
        faults.onStatement("INSERT INTO t").first(2).fail(InjectedError.syntaxError(TestDatabase.H2));
        try (Connection c = faults.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
            ps.setInt(1, 1);
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLSyntaxErrorException.class);
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLSyntaxErrorException.class);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(ps.getConnection()).isSameAs(c);
        }
        faults.onStatement("SELECT 1").always().fail(InjectedError.h2LockTimeout());
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> run("SELECT 1")).hasMessageContaining("Timeout");
        }
        assertThat(faults.injectedCount()).isEqualTo(5);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void failsTheNthGetConnection() throws SQLException {
        faults.onConnection(2).fail(InjectedError.connectionRefused());

        faults.getConnection().close();
        assertThatThrownBy(faults::getConnection).hasMessageContaining("Connection refused")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        faults.getConnection().close();

        assertThat(faults.connectionsRequested()).isEqualTo(3);
        assertThat(faults.connectionsOpened()).isEqualTo(2);
        assertThat(faults.connectionFaults()).isEqualTo(1);
    }

    @Test
    void dropKillsTheSessionSoTheStatementFailsWithTheDriversOwnErrorAndANewConnectionWorks() throws SQLException {
        run("CREATE TABLE t (id INT)");
        faults.onStatement("INSERT INTO t").nth(1).dropConnection();

        assertThatThrownBy(() -> run("INSERT INTO t VALUES (1)")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(90121))
                .satisfies(e -> assertThat(((SQLException) e).getMessage()).doesNotContain("[injected]"));
        run("INSERT INTO t VALUES (2)");

        assertThat(count()).isEqualTo(1);
        assertThat(faults.droppedConnections()).isEqualTo(1);
        assertThat(faults.injected()).containsExactly("statement 'INSERT INTO t' #1: connection dropped");
    }

    @Test
    void rulesAreCheckedWhenCreated() {
        assertThatThrownBy(() -> faults.onStatement("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.onConnection(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.onStatement("x").nth(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
