package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SQL and Java steps on H2 in memory, through the test-only {@link TestDatabaseProvider}. */
class SqlExecutionTest {
    private TestDb db = TestDb.transactional();

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static SqlStep sql(String version, String description, String content) {
        return sql(version, description, content, true);
    }

    private static SqlStep sql(String version, String description, String content, boolean transactional) {
        String source = "db/jobs/V" + version + "__" + description.replace(' ', '_') + ".sql";
        return new SqlStep(Version.parse(version), description, Map.of(SqlStep.UNIVERSAL, new SqlScript(source, content)),
                Map.of(), transactional);
    }

    private Orchestrator orchestrator(MigrationService... services) {
        return Orchestrator.builder().dataSource(db.dataSource).discovery(false).addService(services)
                .installedBy("tester").build();
    }

    private static final SqlStep CREATE_ACCOUNTS = sql("1", "create accounts",
            "-- the accounts\ncreate table accounts (id int primary key, name varchar(50));\n"
                    + "insert into accounts values (100, 'a;b');\n");

    @Test
    void appliesScriptsStatementByStatementAndRecordsEachStepInTheDatabaseHistory() {
        MigrationReport report = orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS,
                sql("1.1", "add email", "alter table accounts add column email varchar(100)"))).runAll();

        assertThat(report.appliedCount()).isEqualTo(2);
        assertThat(db.column("select name from accounts")).containsExactly("a;b");
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'ACCOUNTS'"))
                .isEqualTo(3);
        assertThat(db.column("select status || ' ' || version || ' ' || kind || ' ' || checksum from tern_history order by id"))
                .containsExactly("SUCCESS 1.0.0 SQL " + CREATE_ACCOUNTS.up().get("").checksum(),
                        "SUCCESS 1.1.0 SQL " + new SqlScript("x", "alter table accounts add column email varchar(100)")
                                .checksum());
    }

    @Test
    void secondRunOnTheDatabaseTakesNoLockAndAppliesNothing() {
        orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS)).runAll();
        int locksTaken = db.lockAcquisitions();

        MigrationReport report = orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS)).runAll();

        assertThat(report.upToDate()).isTrue();
        assertThat(locksTaken).isEqualTo(1);
        assertThat(db.lockAcquisitions()).isEqualTo(1);
        assertThat(db.count("select count(*) from tern_history")).isEqualTo(1);
    }

    @Test
    void noOpStartOnAnEmptyPluginSetCreatesNoHistoryTable() {
        MigrationReport report = orchestrator(FakeService.of("empty")).runAll();

        assertThat(report.upToDate()).isTrue();
        assertThat(db.tableExists("tern_history")).isFalse();
    }

    @Test
    void transactionalStepFailureLeavesNeitherItsChangesNorASuccessRow() {
        SqlStep broken = sql("2", "fill accounts",
                "insert into accounts values (1, 'x');\ninsert into accounts values (2, 'y');\ninsert into nope values (3);");
        Orchestrator tern = orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS, broken));

        MigrationFailedException thrown = assertThrows(MigrationFailedException.class, tern::runAll);

        StepExecutionException failure = (StepExecutionException) thrown.getCause();
        assertThat(failure.code()).isEqualTo(ErrorCode.STEP_FAILED);
        assertThat(failure.pluginId()).contains("jobs");
        assertThat(failure.version()).contains("2.0.0");
        assertThat(failure.source()).contains("db/jobs/V2__fill_accounts.sql");
        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.getMessage()).contains("db/jobs/V2__fill_accounts.sql:3", "statement 3 of 3", "NOPE",
                "rolled back");
        assertThat(failure.getCause()).isInstanceOf(SQLException.class);
        assertThat(db.column("select id from accounts order by id")).containsExactly("100");
        assertThat(db.column("select version || ' ' || status from tern_history order by id"))
                .containsExactly("1.0.0 SUCCESS", "2.0.0 FAILED");
        assertThat(db.column("select error from tern_history where status = 'FAILED'").get(0))
                .contains("V2__fill_accounts.sql:3", "NOPE");
    }

    @Test
    void failedTransactionalStepIsSimplyPendingAgainOnTheNextRun() {
        assertThrows(MigrationFailedException.class, () -> orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS,
                sql("2", "fill accounts", "insert into accounts values (1, 'x');\ninsert into nope values (3);"))).runAll());

        MigrationReport report = orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS,
                sql("2", "fill accounts", "insert into accounts values (1, 'x');"))).runAll();

        assertThat(report.appliedCount()).isEqualTo(1);
        assertThat(db.column("select id from accounts order by id")).containsExactly("1", "100");
        assertThat(db.column("select version || ' ' || status from tern_history order by id"))
                .containsExactly("1.0.0 SUCCESS", "2.0.0 FAILED", "2.0.0 SUCCESS");
    }

    @Test
    void nonTransactionalFailureSaysWhatWasCommittedAndBlocksThePlugin() {
        db.close();
        db = TestDb.nonTransactional();
        SqlStep broken = sql("2", "fill accounts",
                "insert into accounts values (1, 'x');\ninsert into accounts values (2, 'y');\n\ninsert into nope values (3);");

        MigrationFailedException thrown = assertThrows(MigrationFailedException.class,
                () -> orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS, broken)).runAll());

        assertThat(thrown.getCause()).hasMessageContaining("V2__fill_accounts.sql:4")
                .hasMessageContaining("2 earlier statement(s) of the script had already run and were committed");
        assertThat(db.column("select id from accounts order by id")).containsExactly("1", "2", "100");

        Orchestrator again = orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS,
                sql("2", "fill accounts", "insert into accounts values (3, 'z');")));
        assertThatThrownBy(again::runAll).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_STEP_IN_HISTORY);
            assertThat(e.getMessage()).contains("plugin 'jobs' step 2.0.0", "remove the step's half-applied changes",
                    "delete or repair the FAILED history row");
        });
        assertThat(db.column("select id from accounts order by id")).containsExactly("1", "2", "100");
    }

    @Test
    void stepMarkedNonTransactionalBlocksAfterFailureEvenOnATransactionalDatabase() {
        assertThrows(MigrationFailedException.class, () -> orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS,
                sql("2", "index", "insert into nope values (1);", false))).runAll());

        assertThatThrownBy(() -> orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS,
                sql("2", "index", "insert into accounts values (5, 'e');", false))).runAll())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_STEP_IN_HISTORY));
    }

    @Test
    void editedScriptIsAChecksumMismatchNamingTheScript() {
        orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS)).runAll();
        SqlStep edited = sql("1", "create accounts", "create table accounts (id bigint primary key);");

        assertThatThrownBy(() -> orchestrator(FakeService.of("jobs", edited, sql("2", "more", "select 1"))).runAll())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                    assertThat(e.source()).contains("db/jobs/V1__create_accounts.sql");
                    assertThat(e.getMessage()).contains("plugin 'jobs' step 1.0.0 (db/jobs/V1__create_accounts.sql)");
                });
        assertThat(db.count("select count(*) from tern_history")).isEqualTo(1);
    }

    @Test
    void databaseVariantIsPreferredToTheUniversalScript() {
        SqlScript h2 = new SqlScript("db/jobs/h2/V1__t.sql", "create table t_h2 (id int)");
        SqlStep step = new SqlStep(Version.parse("1"), "t", Map.of(SqlStep.UNIVERSAL,
                new SqlScript("db/jobs/V1__t.sql", "create table t_universal (id int)"), "h2", h2,
                "postgresql", new SqlScript("db/jobs/postgresql/V1__t.sql", "create table t_pg (id int)")), Map.of(), true);

        orchestrator(FakeService.of("jobs", step)).runAll();

        assertThat(db.tableExists("t_h2")).isTrue();
        assertThat(db.tableExists("t_universal")).isFalse();
        assertThat(db.column("select checksum from tern_history")).containsExactly(h2.checksum());
    }

    @Test
    void stepWithoutScriptForTheDatabaseIsMissingDatabaseVariant() {
        SqlStep step = new SqlStep(Version.parse("1"), "t", Map.of("postgresql",
                new SqlScript("db/jobs/postgresql/V1__t.sql", "create table t (id int)")), Map.of(), true);

        assertThatThrownBy(() -> orchestrator(FakeService.of("jobs", step)).runAll())
                .isInstanceOfSatisfying(StepDefinitionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MISSING_DATABASE_VARIANT);
                    assertThat(e.getMessage()).contains("plugin 'jobs' step 1.0.0", "'h2'", "postgresql");
                });
        assertThat(db.tableExists("tern_history")).isFalse();
    }

    @Test
    void scriptWithoutStatementsIsEmptyScript() {
        assertThatThrownBy(() -> orchestrator(FakeService.of("jobs", sql("1", "nothing", "-- to do\n  \n"))).runAll())
                .isInstanceOfSatisfying(StepDefinitionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_SCRIPT);
                    assertThat(e.source()).contains("db/jobs/V1__nothing.sql");
                });
    }

    @Test
    void splitErrorIsReportedWithPluginStepSourceAndLineBeforeAnythingRuns() {
        Orchestrator tern = orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS,
                sql("2", "broken", "select 1;\nselect 'unterminated;\n")));

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(StepDefinitionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR);
            assertThat(e.pluginId()).contains("jobs");
            assertThat(e.version()).contains("2.0.0");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).isEqualTo("[SQL_PARSE_ERROR] plugin 'jobs' step 2.0.0 (db/jobs/V2__broken.sql:2):"
                    + " unterminated string literal");
        });
        assertThat(db.tableExists("accounts")).isFalse();
    }

    @Test
    void onlyPendingScriptsAreSplitAndEveryPendingSplitProblemIsReportedBeforeAnythingRuns() {
        // As if applied by an older Tern whose splitter accepted the script: the history holds its checksum.
        SqlStep legacy = sql("1", "legacy", "select 'accepted by an older splitter;\n");
        orchestrator(FakeService.of("jobs", sql("1", "legacy", "select 1"))).runAll();
        db.execute("update tern_history set checksum = '" + legacy.up().get("").checksum() + "'");

        assertThat(orchestrator(FakeService.of("jobs", legacy)).runAll().appliedCount()).isZero();
        assertThat(orchestrator(FakeService.of("jobs", legacy)).validate().isValid()).isTrue();

        Orchestrator tern = orchestrator(FakeService.of("jobs", legacy, sql("2", "fine", "create table fine (id int)"),
                sql("3", "broken", "select 1;\nselect 'unterminated;\n"), sql("4", "empty", "-- later\n")));
        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(StepDefinitionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR);
            assertThat(e.getMessage()).contains("2 problems", "plugin 'jobs' step 3.0.0 (db/jobs/V3__broken.sql:2)",
                    "[EMPTY_SCRIPT] plugin 'jobs' step 4.0.0 (db/jobs/V4__empty.sql)");
        });
        assertThatThrownBy(tern::plan).isInstanceOf(StepDefinitionException.class);
        assertThat(tern.validate().problems()).extracting(p -> p.code() + " " + p.version())
                .containsExactly("SQL_PARSE_ERROR 3.0.0", "EMPTY_SCRIPT 4.0.0");
        assertThat(db.tableExists("fine")).isFalse();
        assertThat(db.count("select count(*) from tern_history")).isEqualTo(1);
    }

    @Test
    void javaStepRunsInTheStepTransactionWithTheDialect() {
        AtomicReference<String> seen = new AtomicReference<>();
        JavaStep seed = JavaStep.of("2", "seed", ctx -> {
            Connection c = ctx.connection();
            seen.set(ctx.dialect().id() + " autoCommit=" + c.getAutoCommit());
            try (Statement st = c.createStatement()) {
                st.execute("insert into accounts values (7, 'java')");
            }
        });

        MigrationReport report = orchestrator(FakeService.of("jobs", CREATE_ACCOUNTS, seed)).runAll();

        assertThat(seen).hasValue("h2 autoCommit=false");
        assertThat(db.column("select id from accounts order by id")).containsExactly("7", "100");
        assertThat(report.plugins().get(0).steps().get(1).kind()).isEqualTo(StepKind.JAVA);
        assertThat(db.column("select kind || ' ' || coalesce(checksum, 'none') from tern_history where version = '2.0.0'"))
                .containsExactly("JAVA none");
    }

    @Test
    void explicitHistoryStoreIsUsedWithTheDatabaseDialectAndLock() {
        InMemoryHistoryStore memory = new InMemoryHistoryStore();
        Orchestrator tern = Orchestrator.builder().dataSource(db.dataSource).historyStore(memory).discovery(false)
                .addService(FakeService.of("jobs", CREATE_ACCOUNTS)).build();

        tern.runAll();

        assertThat(db.tableExists("accounts")).isTrue();
        assertThat(db.tableExists("tern_history")).isFalse();
        assertThat(memory.entries()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(StepKind.SQL));
        assertThat(db.lockAcquisitions()).isEqualTo(1);
    }

    @Test
    void historyTableNameComesFromTheBuilder() {
        Orchestrator.builder().dataSource(db.dataSource).historyTable("plugin_history").discovery(false)
                .addService(FakeService.of("jobs", CREATE_ACCOUNTS)).build().runAll();

        assertThat(db.tableExists("plugin_history")).isTrue();
        assertThat(db.tableExists("tern_history")).isFalse();
    }

    @Test
    void databaseNoProviderRecognisesIsUnsupportedNamingTheProduct() {
        DataSource nimbus = fakeDataSource("NimbusDB", "9.1");
        Orchestrator tern = Orchestrator.builder().dataSource(nimbus).discovery(false).build();

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_DATABASE);
            assertThat(e.getMessage()).contains("NimbusDB 9.1", TestDatabaseProvider.class.getName());
        });
    }

    /** A data source whose connections only answer their product name and version. */
    static DataSource fakeDataSource(String product, String version) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(SqlExecutionTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(SqlExecutionTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> meta;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(SqlExecutionTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void reportListsStepsInVersionOrderAcrossScriptAndJavaSteps() {
        MigrationReport report = orchestrator(FakeService.of("jobs",
                JavaStep.of("1.5", "java in between", ctx -> { }), sql("2", "later", "select 1"), CREATE_ACCOUNTS))
                .runAll();

        assertThat(report.plugins().get(0).steps()).extracting(s -> s.version().toString())
                .containsExactly("1.0.0", "1.5.0", "2.0.0");
        assertThat(report.toTable()).contains("jobs", "1.5.0", "APPLIED");
        assertThat(List.of(report.plugins().get(0).after().orElseThrow().toString())).containsExactly("2.0.0");
    }
}
