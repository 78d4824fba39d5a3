package dev.tern.migration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.database.Dialect;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DialectTests {
    private static final Dialect H2 = new H2Dialect();
    private static final Dialect PG = new PostgreSqlDialect();
    private static final Dialect MARIADB = new MariaDbDialect();

    @Test
    void identifiesItselfAndItsVariants() {
        assertThat(List.of(H2.id(), PG.id(), MARIADB.id())).containsExactly("h2", "postgresql", "mariadb");
        assertThat(H2.variants()).containsExactly("h2");
        assertThat(PG.variants()).containsExactly("postgresql");
        assertThat(MARIADB.variants()).containsExactly("mariadb", "mysql");
        assertThat(List.of(H2, PG, MARIADB)).allSatisfy(d -> assertThat(Dialect.KNOWN_VARIANTS).containsAll(d.variants()));
        assertThat(H2.supportsTransactionalDdl()).isFalse();
        assertThat(PG.supportsTransactionalDdl()).isTrue();
        assertThat(MARIADB.supportsTransactionalDdl()).isFalse();
    }

    static Stream<Arguments> classification() {
        return Stream.of(
                // every dialect: JDBC exception families
                row(H2, new SQLTransientConnectionException("gone"), true),
                row(PG, new SQLTransactionRollbackException("rolled back"), true),
                row(MARIADB, new SQLRecoverableException("recover"), true),
                row(PG, new SQLTimeoutException("query timeout"), true),
                // every dialect: connection class 08 and serialization failure
                row(PG, state("08006"), true),
                row(MARIADB, state("08S01"), true),
                row(H2, state("08000"), true),
                row(PG, new SQLNonTransientConnectionException("connection refused", "08001"), true),
                row(PG, state("40001"), true),
                row(MARIADB, state("40001"), true),
                row(H2, state("40001"), true),
                // PostgreSQL
                row(PG, state("40P01"), true),
                row(PG, state("55P03"), true),
                row(PG, state("57P01"), true),
                row(PG, state("57P02"), true),
                row(PG, state("57P03"), true),
                row(PG, state("23505"), false),
                row(PG, state("57014"), false),
                row(PG, state("42P01"), false),
                row(H2, state("40P01"), false),
                // MariaDB vendor codes
                row(MARIADB, vendor("HY000", 1213), true),
                row(MARIADB, vendor("HY000", 1205), true),
                row(MARIADB, vendor("HY000", 2006), true),
                row(MARIADB, vendor("HY000", 2013), true),
                row(MARIADB, vendor("70100", 1927), true),
                row(MARIADB, vendor("23000", 1062), false),
                row(PG, vendor("HY000", 1213), false),
                // H2 vendor codes and SQLStates
                row(H2, vendor("40001", 40001), true),
                row(H2, vendor("HYT00", 50200), true),
                row(H2, state("HYT00"), true),
                row(H2, vendor("HY000", 50200), true),
                row(H2, vendor("23505", 23505), false),
                row(MARIADB, vendor("HY000", 50200), false),
                // syntax errors never, whatever they wrap
                row(PG, new SQLSyntaxErrorException("syntax error", "42601"), false),
                row(MARIADB, vendor("42000", 1064), false),
                row(H2, new SQLSyntaxErrorException("syntax", "42001", 42001, state("40001")), false),
                row(PG, chained(new SQLException("batch failed", "42601"), state("40P01")), false),
                // found through the cause chain and next exceptions
                row(PG, new SQLException("batch entry failed", "22000", new RuntimeException(state("40P01"))), true),
                row(PG, chained(new SQLException("batch failed", "22000"), state("40P01")), true),
                row(MARIADB, new SQLException("wrapped", new SQLException("inner", "HY000", 1213)), true),
                row(H2, new SQLException("no state"), false),
                row(MARIADB, new SQLException("no state"), false));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("classification")
    void classifiesTransientErrors(Dialect dialect, SQLException error, boolean expected) {
        assertThat(dialect.isTransient(error)).isEqualTo(expected);
    }

    @Test
    void survivesCyclicExceptionChains() {
        SQLException a = new SQLException("a", "22000");
        SQLException b = new SQLException("b", "22000");
        a.setNextException(b);
        b.initCause(a);
        assertThat(PG.isTransient(a)).isFalse();
    }

    private static Arguments row(Dialect dialect, SQLException error, boolean expected) {
        return Arguments.of(dialect, error, expected);
    }

    private static SQLException state(String sqlState) {
        return new SQLException("state " + sqlState, sqlState);
    }

    private static SQLException vendor(String sqlState, int code) {
        return new SQLException("code " + code, sqlState, code);
    }

    private static SQLException chained(SQLException first, SQLException next) {
        first.setNextException(next);
        return first;
    }
}
