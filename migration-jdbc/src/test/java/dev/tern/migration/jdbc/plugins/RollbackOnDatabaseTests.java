package dev.tern.migration.jdbc.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.RepairResult;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.ValidationResult;
import dev.tern.migration.api.Version;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rollback, repair and baseline with real DDL on H2, PostgreSQL and MariaDB: what the up steps
 * created is gone after a rollback, the DOWN rows are in {@code tern_history}, a later run applies
 * the steps again, and a refused rollback leaves history and schema untouched.
 */
class RollbackOnDatabaseTests {
    private static final String CUSTOMERS = "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50));\n"
            + "INSERT INTO customers VALUES (1, 'Ada');\n";
    private static final String ORDERS = "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT);\n"
            + "CREATE INDEX orders_customer ON orders (customer_id);\n";
    private static final String NOTE = "ALTER TABLE orders ADD COLUMN note VARCHAR(100);\n";

    private static SqlStep step(String version, String description, String up, String down) {
        String name = version + "__" + description.replace(' ', '_') + ".sql";
        return new SqlStep(Version.parse(version), description,
                Map.of(SqlStep.UNIVERSAL, new SqlScript("db/shop/V" + name, up)),
                down == null ? Map.of() : Map.of(SqlStep.UNIVERSAL, new SqlScript("db/shop/U" + name, down)), true);
    }

    private static MigrationService shop(Step... steps) {
        List<Step> list = List.of(steps);
        return new MigrationService() {
            @Override
            public String pluginId() {
                return "shop";
            }

            @Override
            public List<Step> steps() {
                return list;
            }
        };
    }

    private static MigrationService reversibleShop() {
        return shop(step("1.0.0", "customers", CUSTOMERS, "DROP TABLE customers;"),
                step("1.1.0", "orders", ORDERS, "DROP TABLE orders;"),
                step("1.2.0", "order note", NOTE, "ALTER TABLE orders DROP COLUMN note;"));
    }

    private static Orchestrator tern(FreshDatabase db, MigrationService... services) {
        return Orchestrator.builder().dataSource(db.dataSource()).discovery(false).addService(services)
                .installedBy("tester").build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rollbackDropsWhatTheUpStepsCreatedRecordsDownRowsAndARunAppliesThemAgain(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            tern(db, reversibleShop()).runAll();
            assertThat(columnExists(db, "orders", "note")).isTrue();

            MigrationReport report = tern(db, reversibleShop()).rollback("shop", "1.0.0");

            assertThat(report.plugins().get(0).steps()).extracting(s -> s.version().toString(), StepReport::outcome)
                    .containsExactly(tuple("1.2.0", StepOutcome.ROLLED_BACK),
                            tuple("1.1.0", StepOutcome.ROLLED_BACK));
            assertThat(tableExists(db, "orders")).isFalse();
            assertThat(rows(db, "SELECT name FROM customers")).containsExactly("Ada");
            assertThat(rows(db, "SELECT version, direction, status FROM tern_history WHERE plugin_id = 'shop' AND status <> 'STARTED'"
                    + " ORDER BY id")).containsExactly("1.0.0 UP SUCCESS", "1.1.0 UP SUCCESS", "1.2.0 UP SUCCESS",
                    "1.2.0 DOWN SUCCESS", "1.1.0 DOWN SUCCESS");
            assertThat(tern(db, reversibleShop()).status().plugin("shop").orElseThrow().installedVersion())
                    .isEqualTo(Version.parse("1.0.0"));

            MigrationReport rerun = tern(db, reversibleShop()).runAll();

            assertThat(rerun.appliedCount()).isEqualTo(2);
            assertThat(columnExists(db, "orders", "note")).isTrue();
            assertThat(tern(db, reversibleShop()).status().plugin("shop").orElseThrow().upToDate()).isTrue();
            assertThat(tern(db, reversibleShop()).validate().isValid()).isTrue();

            tern(db, reversibleShop()).rollback("shop", "0");
            assertThat(tableExists(db, "customers")).isFalse();
            assertThat(tableExists(db, "orders")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void refusedRollbacksLeaveHistoryAndSchemaUntouched(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            MigrationService oneWay = shop(step("1.0.0", "customers", CUSTOMERS, "DROP TABLE customers;"),
                    step("1.1.0", "orders", ORDERS, null),
                    step("1.2.0", "order note", NOTE, "ALTER TABLE orders DROP COLUMN note;"));
            tern(db, oneWay).runAll();
            List<String> history = rows(db, "SELECT id, version, direction, status FROM tern_history WHERE status <> 'STARTED' ORDER BY id");

            assertThatThrownBy(() -> tern(db, oneWay).rollback("shop", "1.0.0"))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("1.1.0 'orders'")
                    .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.MISSING_DOWN_STEP);

            // The newest down script is fine, the older one cannot be split: refused before either runs.
            MigrationService badDown = shop(step("1.0.0", "customers", CUSTOMERS, "DROP TABLE customers;"),
                    step("1.1.0", "orders", ORDERS, "DROP TABLE orders WHERE 'unterminated;"),
                    step("1.2.0", "order note", NOTE, "ALTER TABLE orders DROP COLUMN note;"));
            assertThatThrownBy(() -> tern(db, badDown).rollback("shop", "1.0.0"))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("db/shop/U1.1.0__orders.sql")
                    .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR);

            assertThat(rows(db, "SELECT id, version, direction, status FROM tern_history WHERE status <> 'STARTED' ORDER BY id")).isEqualTo(history);
            assertThat(columnExists(db, "orders", "note")).isTrue();
        }
    }

    /** PostgreSQL rolls a failed down action back with its row; H2 and MariaDB keep what ran before the failure. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailedDownActionIsRecordedAndKeptOnlyWhereDdlIsNotTransactional(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            MigrationService failing = shop(step("1.0.0", "customers", CUSTOMERS, "DROP TABLE customers;"),
                    step("1.1.0", "orders", ORDERS, "DROP TABLE orders;\nDROP TABLE no_such_table;\n"));
            tern(db, failing).runAll();

            MigrationFailedException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    MigrationFailedException.class, () -> tern(db, failing).rollback("shop", "0"));

            assertThat(failure.getCause()).hasMessageContaining("U1.1.0__orders.sql:2");
            assertThat(failure.report().plugins().get(0).steps()).extracting(StepReport::outcome)
                    .containsExactly(StepOutcome.FAILED, StepOutcome.SKIPPED);
            assertThat(rows(db, "SELECT version, direction, status FROM tern_history WHERE plugin_id = 'shop' AND status <> 'STARTED'"
                    + " ORDER BY id")).containsExactly("1.0.0 UP SUCCESS", "1.1.0 UP SUCCESS", "1.1.0 DOWN FAILED");
            boolean transactional = kind == TestDatabase.POSTGRESQL;
            assertThat(tableExists(db, "orders")).as("orders kept by the rolled-back transaction").isEqualTo(transactional);
            assertThat(tableExists(db, "customers")).isTrue();
            ValidationResult validation = tern(db, failing).validate();
            if (transactional) {
                // Nothing of the failed down action was kept: a later rollback may simply try again.
                assertThat(validation.isValid()).isTrue();
            } else {
                assertThat(validation.problems()).extracting(ValidationResult.Problem::code)
                        .containsExactly(ErrorCode.FAILED_STEP_IN_HISTORY);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void baselineAdoptsAnExistingSchemaAndRepairRealignsAnEditedStep(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            execute(db, "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
            tern(db, reversibleShop()).baseline("shop", "1.0.0");

            MigrationReport report = tern(db, reversibleShop()).runAll();

            assertThat(report.plugins().get(0).steps()).extracting(s -> s.version().toString())
                    .containsExactly("1.1.0", "1.2.0");
            assertThat(rows(db, "SELECT version, kind FROM tern_history WHERE plugin_id = 'shop' AND status <> 'STARTED' ORDER BY id"))
                    .containsExactly("1.0.0 BASELINE", "1.1.0 SQL", "1.2.0 SQL");

            MigrationService edited = shop(step("1.0.0", "customers", CUSTOMERS, "DROP TABLE customers;"),
                    step("1.1.0", "orders", ORDERS + "-- reviewed\n", "DROP TABLE orders;"),
                    step("1.2.0", "order note", NOTE, "ALTER TABLE orders DROP COLUMN note;"));
            assertThat(tern(db, edited).validate().problems()).extracting(ValidationResult.Problem::code)
                    .containsExactly(ErrorCode.CHECKSUM_MISMATCH);

            RepairResult repair = tern(db, edited).repair();

            assertThat(repair.changes()).extracting(RepairResult.Change::action)
                    .containsExactly(RepairResult.Action.CHECKSUM_REALIGNED);
            assertThat(tern(db, edited).validate().isValid()).isTrue();
            // STARTED markers (H2, MariaDB) precede each step run without a transaction; see docs/reliability.md
            List<HistoryEntry> history = tern(db, edited).history("shop").stream()
                    .filter(e -> e.status() != Status.STARTED).toList();
            assertThat(history).extracting(HistoryEntry::kind)
                    .containsExactly(StepKind.BASELINE, StepKind.SQL, StepKind.SQL, StepKind.REPAIR);
            assertThat(history.get(3).status()).isEqualTo(Status.SUCCESS);
            assertThat(history.get(3).direction()).isEqualTo(Direction.UP);
            assertThat(tern(db, edited).statistics().plugin("shop").orElseThrow().stepsRun()).isEqualTo(2);
            assertThat(tern(db, edited).status().plugin("shop").orElseThrow().installedVersion())
                    .isEqualTo(Version.parse("1.2.0"));
        }
    }

    private static void execute(FreshDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean tableExists(FreshDatabase db, String table) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean columnExists(FreshDatabase db, String table, String column) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT " + column + " FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every row of a query, its columns joined by spaces. */
    private static List<String> rows(FreshDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : " ").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }
}
