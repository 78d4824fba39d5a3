package dev.tern.migration.jdbc.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.Version;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FaultInjectingDataSource;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.InjectedError;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The steps of a run share one connection, and what a step does to its session does not reach
 * later steps or the history: a SQL step that switches schema or database ({@code SET search_path},
 * {@code USE}, {@code SET SCHEMA}) and Java steps that close their connection or change its
 * auto-commit mode are followed by steps that run where the run started, and every record lands in
 * the history table the run read. Connections are counted through a proxy data source.
 */
class SharedConnectionTests {

    private static MigrationService plugin(Step... steps) {
        return new MigrationService() {
            @Override
            public String pluginId() {
                return "shop";
            }

            @Override
            public List<Step> steps() {
                return List.of(steps);
            }
        };
    }

    private static SqlStep sql(String version, String script) {
        return new SqlStep(Version.parse(version), "step " + version,
                Map.of(SqlStep.UNIVERSAL, new SqlScript("db/shop/V" + version + "__step.sql", script)), Map.of(), true);
    }

    private static Orchestrator tern(DataSource dataSource, MigrationService plugin) {
        return Orchestrator.builder().dataSource(dataSource).discovery(false).addService(plugin).build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStepThatSwitchesSchemaDoesNotMoveTheLaterStepsOrTheHistory(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            String other = db.name() + "_other";
            String switchTo = switch (kind) {
                case POSTGRESQL -> "SET search_path TO " + other + ", " + db.name();
                case MARIADB -> "USE " + other;
                case H2 -> "SET SCHEMA " + other.toUpperCase(java.util.Locale.ROOT);
            };
            execute(db.dataSource(), (kind == TestDatabase.MARIADB ? "CREATE DATABASE " : "CREATE SCHEMA ") + other);
            try {
                MigrationReport report = tern(db.dataSource(), plugin(
                        sql("1", switchTo + ";\nCREATE TABLE in_other (id INT);\n"),
                        sql("2", "CREATE TABLE after_switch (id INT);\n"),
                        sql("3", "CREATE TABLE last_one (id INT);\n"))).runAll();

                assertThat(report.plugins().get(0).steps()).extracting(StepReport::outcome)
                        .containsOnly(StepOutcome.APPLIED).hasSize(3);
                assertThat(tableExists(db.dataSource(), other + ".in_other")).isTrue();
                assertThat(tableExists(db.dataSource(), "after_switch")).isTrue();
                assertThat(tableExists(db.dataSource(), "last_one")).isTrue();
                assertThat(tableExists(db.dataSource(), other + ".after_switch")).isFalse();
                assertThat(tableExists(db.dataSource(), other + ".tern_history")).isFalse();
                assertThat(successes(tern(db.dataSource(), plugin()).history("shop"))).containsExactly("1.0.0", "2.0.0", "3.0.0");
            } finally {
                execute(db.dataSource(), (kind == TestDatabase.MARIADB ? "DROP DATABASE " : "DROP SCHEMA ") + other
                        + (kind == TestDatabase.MARIADB ? "" : " CASCADE"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void javaStepsThatCloseTheirConnectionOrChangeAutoCommitLeaveTheOtherStepsAlone(TestDatabase kind)
            throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            MigrationService plugin = plugin(
                    JavaStep.of("1", "auto-commit off", ctx -> {
                        ctx.connection().setAutoCommit(false);
                        execute(ctx.connection(), "CREATE TABLE j1 (id INT)");
                        execute(ctx.connection(), "INSERT INTO j1 VALUES (1)");
                    }).nonTransactional(),
                    sql("2", "CREATE TABLE s2 (id INT);\nINSERT INTO s2 VALUES (2);\n"),
                    JavaStep.of("3", "closes its connection", ctx -> {
                        execute(ctx.connection(), "CREATE TABLE j3 (id INT)");
                        ctx.connection().close();
                    }).nonTransactional(),
                    sql("4", "CREATE TABLE s4 (id INT);\n"),
                    JavaStep.of("5", "auto-commit on", ctx -> {
                        ctx.connection().setAutoCommit(true);
                        execute(ctx.connection(), "CREATE TABLE j5 (id INT)");
                    }),
                    sql("6", "INSERT INTO s4 VALUES (6);\n"));

            MigrationReport report = tern(db.dataSource(), plugin).runAll();

            assertThat(report.plugins().get(0).steps()).extracting(StepReport::outcome)
                    .containsOnly(StepOutcome.APPLIED).hasSize(6);
            assertThat(count(db.dataSource(), "j1")).isEqualTo(1);
            assertThat(count(db.dataSource(), "s2")).isEqualTo(1);
            assertThat(tableExists(db.dataSource(), "j3")).isTrue();
            assertThat(count(db.dataSource(), "s4")).isEqualTo(1);
            assertThat(tableExists(db.dataSource(), "j5")).isTrue();
            assertThat(successes(tern(db.dataSource(), plugin()).history("shop")))
                    .containsExactly("1.0.0", "2.0.0", "3.0.0", "4.0.0", "5.0.0", "6.0.0");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRunOpensAFixedNumberOfConnectionsAndANoOpStartOne(TestDatabase kind) {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            FaultInjectingDataSource counted = new FaultInjectingDataSource(db.dataSource());
            Step[] steps = new Step[20];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = sql(String.valueOf(i + 1), "CREATE TABLE t" + (i + 1) + " (id INT);\n");
            }
            Orchestrator tern = tern(counted, plugin(steps));

            assertThat(tern.runAll().appliedCount()).isEqualTo(20);
            // The start connection (which then runs the steps), the lock's and the one creating the history table.
            assertThat(counted.connectionsRequested()).isEqualTo(3);

            int before = counted.connectionsRequested();
            assertThat(tern.runAll().appliedCount()).isZero();
            assertThat(counted.connectionsRequested() - before).isEqualTo(1);

            before = counted.connectionsRequested();
            assertThat(tern(counted, plugin(steps)).runAll().appliedCount()).isZero();
            assertThat(counted.connectionsRequested() - before).as("a new orchestrator also recognises the database")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyWayAStartEndsClosesItsConnection(TestDatabase kind) {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            FaultInjectingDataSource counted = new FaultInjectingDataSource(db.dataSource());
            SqlStep good = sql("1", "CREATE TABLE c1 (id INT);\n");

            assertThat(tern(counted, plugin(good)).plan().steps()).hasSize(1);
            assertThat(counted.connectionsOpen()).as("after a dry run").isZero();

            MigrationService broken = new MigrationService() {
                @Override
                public String pluginId() {
                    return "shop";
                }

                @Override
                public List<Step> steps() {
                    throw new IllegalStateException("cannot list the scripts");
                }
            };
            assertThatThrownBy(() -> tern(counted, broken).runAll()).isInstanceOf(StepDefinitionException.class)
                    .hasMessageContaining("cannot list the scripts");
            assertThat(counted.connectionsOpen()).as("after steps() failed").isZero();

            SqlStep unsplittable = sql("2", "INSERT INTO c1 VALUES (1);\nINSERT INTO c1 VALUES ('unterminated);\n");
            assertThatThrownBy(() -> tern(counted, plugin(good, unsplittable)).runAll())
                    .isInstanceOf(MigrationException.class)
                    .satisfies(e -> assertThat(((MigrationException) e).code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR));
            assertThat(counted.connectionsOpen()).as("after a pending script failed to split").isZero();

            assertThat(tern(counted, plugin(good)).runAll().appliedCount()).isEqualTo(1);
            assertThat(tern(counted, plugin(good)).runAll().appliedCount()).isZero();
            assertThat(counted.connectionsOpen()).as("after a run and a no-op start").isZero();

            // The database is recognised on a thread of its own, but its failure still comes first.
            counted.onConnection(counted.connectionsRequested() + 1).fail(InjectedError.connectionRefused());
            assertThatThrownBy(() -> tern(counted, broken).runAll()).isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(((MigrationException) e).code()).isEqualTo(ErrorCode.CONNECTION_FAILED));
            assertThat(counted.connectionsOpen()).isZero();
        }
    }

    private static List<String> successes(List<HistoryEntry> history) {
        return history.stream().filter(e -> e.direction() == Direction.UP && e.status() == Status.SUCCESS)
                .map(e -> e.version().toString()).toList();
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static int count(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean tableExists(DataSource dataSource, String table) {
        try {
            count(dataSource, table);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
