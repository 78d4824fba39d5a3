package dev.tern.migration.jdbc.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.migration.api.DependencyException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationPlan;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plans (dry runs), dependency order, migrate(plugin, version) and the run policies on real
 * databases: H2, PostgreSQL and MariaDB.
 */
class PlanOnDatabasesTests {

    /** A plugin with SQL and Java steps and dependencies, for these tests. */
    private record Plugin(String pluginId, int priority, List<PluginDependency> dependencies, List<Step> steps)
            implements MigrationService {
    }

    private static SqlStep sql(String version, String description, Map<String, SqlScript> up) {
        return new SqlStep(Version.parse(version), description, up, Map.of(), true);
    }

    private static SqlScript script(String source, String content) {
        return new SqlScript(source, content);
    }

    private static final String JOBS_1 = """
            -- jobs and their queue
            CREATE TABLE plan_jobs (id INT PRIMARY KEY, name VARCHAR(50));

            CREATE TABLE plan_queue (job_id INT, note VARCHAR(50));
            """;

    /** jobs: 1.0.0 universal (2 statements), 1.1.0 with a PostgreSQL variant and a PostgreSQL down script. */
    private static Plugin jobs() {
        return new Plugin("jobs", 50, List.of(), List.of(
                sql("1.0.0", "create jobs", Map.of(SqlStep.UNIVERSAL, script("db/jobs/V1.0.0__create_jobs.sql", JOBS_1))),
                new SqlStep(Version.parse("1.1.0"), "add priority", Map.of(
                        SqlStep.UNIVERSAL, script("db/jobs/V1.1.0__add_priority.sql",
                                "ALTER TABLE plan_jobs ADD priority INT;"),
                        "postgresql", script("db/jobs/postgresql/V1.1.0__add_priority.sql",
                                "ALTER TABLE plan_jobs ADD COLUMN priority INT DEFAULT 0;\n"
                                        + "COMMENT ON COLUMN plan_jobs.priority IS 'lower runs first';")),
                        // A down script for PostgreSQL only: the step is reversible there and nowhere else.
                        Map.of("postgresql", script("db/jobs/postgresql/U1.1.0__add_priority.sql",
                                "ALTER TABLE plan_jobs DROP COLUMN priority;")), true)));
    }

    /** outbox (priority 0, so it would run first without its dependency): SQL + Java. */
    private static Plugin outbox() {
        return new Plugin("outbox", 0, List.of(PluginDependency.on("jobs", "^1.0")), List.of(
                sql("1.0.0", "create outbox", Map.of(SqlStep.UNIVERSAL, script("db/outbox/V1.0.0__create_outbox.sql",
                        "CREATE TABLE plan_outbox (id INT, job_id INT);"))),
                JavaStep.of("1.1.0", "backfill", ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("INSERT INTO plan_outbox (id, job_id) VALUES (1, 1)");
                    }
                })));
    }

    /** sagas: needs outbox; a non-transactional step. */
    private static Plugin sagas() {
        return new Plugin("sagas", -10, List.of(PluginDependency.on("outbox", ">=1.0 <2")), List.of(
                new SqlStep(Version.parse("1.0.0"), "create sagas", Map.of(SqlStep.UNIVERSAL,
                        script("db/sagas/V1.0.0__create_sagas.sql", "CREATE TABLE plan_sagas (id INT);")),
                        Map.of(SqlStep.UNIVERSAL, script("db/sagas/U1.0.0__create_sagas.sql", "DROP TABLE plan_sagas;")),
                        false)));
    }

    private static Orchestrator.Builder tern(FreshDatabase db, MigrationService... plugins) {
        return Orchestrator.builder().dataSource(db.dataSource()).discovery(false).addService(plugins)
                .installedBy("plan-test");
    }

    /** Every table of the fresh database's own schema (or database, on MariaDB). */
    private static List<String> tables(FreshDatabase db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void planOnAnEmptyDatabaseListsEveryStepInDependencyOrderWithTheStatementsAndCreatesNothing(TestDatabase kind)
            throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            MigrationPlan plan = tern(db, sagas(), outbox(), jobs()).build().plan();

            assertThat(tables(db)).isEmpty();
            String expectedDb = switch (kind) {
                case H2 -> "h2";
                case POSTGRESQL -> "postgresql";
                case MARIADB -> "mariadb";
            };
            assertThat(plan.databaseId()).contains(expectedDb);
            assertThat(plan.plugins()).extracting(MigrationPlan.PluginPlan::pluginId, MigrationPlan.PluginPlan::installed,
                            p -> p.target().toString())
                    .containsExactly(tuple("jobs", null, "1.1.0"), tuple("outbox", null, "1.1.0"),
                            tuple("sagas", null, "1.0.0"));
            assertThat(plan.steps()).extracting(s -> s.pluginId() + " " + s.version())
                    .containsExactly("jobs 1.0.0", "jobs 1.1.0", "outbox 1.0.0", "outbox 1.1.0", "sagas 1.0.0");

            MigrationPlan.PlannedStep first = plan.steps().get(0);
            assertThat(first.source()).isEqualTo("db/jobs/V1.0.0__create_jobs.sql");
            assertThat(first.statements()).extracting(SqlStatement::line, s -> s.sql().strip()).containsExactly(
                    tuple(2, "CREATE TABLE plan_jobs (id INT PRIMARY KEY, name VARCHAR(50))"),
                    tuple(4, "CREATE TABLE plan_queue (job_id INT, note VARCHAR(50))"));
            MigrationPlan.PlannedStep variant = plan.steps().get(1);
            if (kind == TestDatabase.POSTGRESQL) {
                assertThat(variant.source()).isEqualTo("db/jobs/postgresql/V1.1.0__add_priority.sql");
                assertThat(variant.statements()).extracting(SqlStatement::line).containsExactly(1, 2);
            } else {
                assertThat(variant.source()).isEqualTo("db/jobs/V1.1.0__add_priority.sql");
                assertThat(variant.statements()).extracting(s -> s.sql().strip())
                        .containsExactly("ALTER TABLE plan_jobs ADD priority INT");
            }
            MigrationPlan.PlannedStep java = plan.steps().get(3);
            assertThat(java.kind()).isEqualTo(StepKind.JAVA);
            assertThat(java.source()).isNull();
            assertThat(java.statements()).isEmpty();
            // Only PostgreSQL has transactional DDL; sagas' step is not transactional anywhere.
            boolean transactionalDdl = kind == TestDatabase.POSTGRESQL;
            assertThat(plan.steps()).extracting(MigrationPlan.PlannedStep::transactional)
                    .containsExactly(transactionalDdl, transactionalDdl, transactionalDdl, transactionalDdl, false);
            assertThat(plan.steps()).extracting(MigrationPlan.PlannedStep::reversible)
                    .containsExactly(false, kind == TestDatabase.POSTGRESQL, false, false, true);
            assertThat(plan.toTable()).contains("5 step(s) to apply on " + expectedDb);
            assertThat(plan.toJson()).contains("\"sql\": \"CREATE TABLE plan_queue (job_id INT, note VARCHAR(50))\"");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void runAllAppliesWhatThePlanSaidAndTheNextPlanIsEmpty(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            Orchestrator orchestrator = tern(db, sagas(), outbox(), jobs()).build();
            MigrationPlan before = orchestrator.plan();

            MigrationReport report = orchestrator.runAll();

            assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs", "outbox", "sagas");
            assertThat(report.appliedCount()).isEqualTo(before.steps().size());
            assertThat(tables(db)).contains("plan_jobs", "plan_queue", "plan_outbox", "plan_sagas", "tern_history");
            MigrationPlan after = orchestrator.plan();
            assertThat(after.isEmpty()).isTrue();
            assertThat(after.plugins()).extracting(p -> p.installed().toString())
                    .containsExactly("1.1.0", "1.1.0", "1.0.0");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void migrateOnePluginBringsTheOnesItNeedsAndNothingElse(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            Orchestrator orchestrator = tern(db, sagas(), outbox(), jobs()).build();

            MigrationPlan plan = orchestrator.plan("outbox", "1.0");
            assertThat(tables(db)).isEmpty();
            assertThat(plan.steps()).extracting(s -> s.pluginId() + " " + s.version())
                    .containsExactly("jobs 1.0.0", "jobs 1.1.0", "outbox 1.0.0");

            MigrationReport report = orchestrator.migrate("outbox", "1.0");

            assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs", "outbox");
            assertThat(tables(db)).contains("plan_jobs", "plan_outbox").doesNotContain("plan_sagas");
            assertThat(orchestrator.plan().steps()).extracting(s -> s.pluginId() + " " + s.version())
                    .containsExactly("outbox 1.1.0", "sagas 1.0.0");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void olderBuildIsRefusedAndOutOfOrderAndBreakingNeedPermission(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            tern(db, jobs()).build().runAll();
            Plugin older = new Plugin("jobs", 50, List.of(), jobs().steps().subList(0, 1));

            assertThatThrownBy(() -> tern(db, older).build().plan()).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("is installed at 1.1.0 but this application only knows steps up to 1.0.0")
                    .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.DOWNGRADE_REFUSED);

            List<Step> newer = new ArrayList<>(jobs().steps());
            newer.add(sql("1.0.5", "late index", Map.of(SqlStep.UNIVERSAL,
                    script("db/jobs/V1.0.5__late_index.sql", "CREATE INDEX plan_jobs_name ON plan_jobs (name);"))));
            newer.add(JavaStep.of("2.0.0", "drop note", ctx -> {
                try (Statement st = ctx.connection().createStatement()) {
                    st.execute("ALTER TABLE plan_queue DROP COLUMN note");
                }
            }));
            Plugin next = new Plugin("jobs", 50, List.of(), newer);
            assertThatThrownBy(() -> tern(db, next).build().runAll())
                    .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.OUT_OF_ORDER_STEP);
            assertThatThrownBy(() -> tern(db, next).outOfOrder(true).majorVersionIsBreaking(true).build().runAll())
                    .hasMessageContaining("step 2.0.0").hasMessageContaining("is breaking")
                    .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.BREAKING_STEP_REFUSED);

            MigrationReport report = tern(db, next).outOfOrder(true).majorVersionIsBreaking(true).allowBreaking(true)
                    .build().runAll();
            assertThat(report.plugins().get(0).steps()).extracting(s -> s.version().toString())
                    .containsExactly("1.0.5", "2.0.0");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void dependencyProblemsAreFoundBeforeTheDatabaseIsTouched(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            Orchestrator orchestrator = tern(db, sagas(), outbox()).build();

            assertThatThrownBy(orchestrator::runAll).isInstanceOf(DependencyException.class)
                    .hasMessageContaining("plugin 'outbox': needs 'jobs' (^1.0), which is not present");
            assertThat(tables(db)).isEmpty();
        }
    }
}
