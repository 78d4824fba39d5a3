package dev.tern.migration.jdbc.realworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.MigrationService;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spring Batch 6.0.4's scripts, straight from its jar, run by Tern: the current schema
 * ({@link SpringBatchSchemaMigrations}) on H2, PostgreSQL and MariaDB, and the chain of Spring
 * Batch's own upgrade scripts from a 2.1 schema ({@link SpringBatchUpgradeMigrations}).
 *
 * <p>Why two plugins. The {@code schema-*.sql} scripts create today's schema on an empty database:
 * one step, the way a new installation starts. The {@code migration/<release>/} scripts upgrade an
 * existing schema and cannot run on an empty database; the oldest change they make (2.2 creates
 * {@code BATCH_JOB_EXECUTION_PARAMS} from the 2.1 {@code BATCH_JOB_PARAMS}) fixes their starting
 * point at the 2.1 schema, so the chain starts from that schema (a test resource) and then applies
 * every release the jar has a script for, in release order, the way an installation kept up to date
 * since 2.1 would have run them. Release 4.3 has a MySQL script only; offered to H2 with every
 * release, Tern refuses the plan before running anything ({@code MISSING_DATABASE_VARIANT} for step
 * 4.3.0), which is why the chain is built for one database (see {@link SpringBatchUpgradeMigrations}).
 *
 * <p>What each database's own client did with the same scripts, in scratch databases, in this
 * order (statement counts are the scripts' own):
 * <ul>
 *   <li>psql ({@code ON_ERROR_STOP=1}): {@code schema-postgresql.sql} (9 statements) succeeded: 6
 *       tables, 3 sequences; the chain 2.1 baseline, {@code 2.2/migration-postgresql.sql} (2),
 *       {@code 5.0/migration-postgresql.sql} (11), {@code 6.0/migration-postgresql.sql} (1, {@code ALTER
 *       SEQUENCE ... RENAME TO}) succeeded: 7 tables, {@code BATCH_JOB_SEQ} renamed, the 2.1 job
 *       parameter copied and its columns renamed;</li>
 *   <li>H2 {@code RunScript}: {@code schema-h2.sql} (9) succeeded; the chain with
 *       {@code 2.2/migration-h2.sql} (2), {@code 5.0/migration-h2.sql} (19),
 *       {@code 6.0/migration-h2.sql} (2, a new sequence and a drop) succeeded, same result;</li>
 *   <li>mariadb client: {@code schema-mariadb.sql} (9) succeeded: 6 tables and 3 real sequences; the
 *       chain with the MySQL scripts {@code 2.2} (2), {@code 4.3} (3), {@code 5.0} (8) succeeded,
 *       then {@code 6.0/migration-mariadb.sql} failed on its only statement: {@code ERROR 1064 (42000)
 *       at line 1: You have an error in your SQL syntax; ... near 'SEQUENCE BATCH_JOB_SEQ TO
 *       BATCH_JOB_INSTANCE_SEQ' at line 1}. MariaDB renames a sequence with {@code RENAME TABLE};
 *       it has no {@code RENAME SEQUENCE}.</li>
 * </ul>
 */
class SpringBatchRealWorldTests {
    private static final List<String> TABLES = List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION",
            "BATCH_JOB_EXECUTION_PARAMS", "BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT",
            "BATCH_JOB_EXECUTION_CONTEXT");
    private static final List<String> SEQUENCES = List.of("BATCH_STEP_EXECUTION_SEQ", "BATCH_JOB_EXECUTION_SEQ",
            "BATCH_JOB_INSTANCE_SEQ");
    /** The parameter columns as the 6.0 schema scripts declare them. */
    private static final List<String> PARAMS_COLUMNS = List.of("JOB_EXECUTION_ID", "PARAMETER_NAME",
            "PARAMETER_TYPE", "PARAMETER_VALUE", "IDENTIFYING");
    /** The same columns after 5.0 renamed the 2.2 ones in place: TYPE_CD came before KEY_NAME. */
    private static final List<String> UPGRADED_PARAMS_COLUMNS = List.of("JOB_EXECUTION_ID", "PARAMETER_TYPE",
            "PARAMETER_NAME", "PARAMETER_VALUE", "IDENTIFYING");
    private static final String COPIED_PARAMETER = "SELECT JOB_EXECUTION_ID, PARAMETER_TYPE, PARAMETER_NAME,"
            + " PARAMETER_VALUE, IDENTIFYING FROM BATCH_JOB_EXECUTION_PARAMS";

    /**
     * The MariaDB script that fails and, counted in the file, its failing statement, the line that
     * statement starts on, its number and the script's number of statements: the script is that
     * one statement.
     */
    private static final String FAILING_SCRIPT = SpringBatchUpgradeMigrations.script("6.0", "mariadb");
    private static final String FAILING_STATEMENT = "RENAME SEQUENCE BATCH_JOB_SEQ TO BATCH_JOB_INSTANCE_SEQ";
    private static final int FAILING_LINE = 1;
    private static final int FAILING_STATEMENT_NUMBER = 1;
    private static final int STATEMENTS_IN_SCRIPT = 1;
    private static final String MARIADB_MESSAGE = "You have an error in your SQL syntax; check the manual that"
            + " corresponds to your MariaDB server version for the right syntax to use near"
            + " 'SEQUENCE BATCH_JOB_SEQ TO BATCH_JOB_INSTANCE_SEQ' at line 1";

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void currentSchemaScriptBuildsTheJobRepositoryAndRunsOnce(TestDatabase database) throws Exception {
        try (FreshDatabase db = TestDatabases.create(database)) {
            MigrationReport first = tern(db, new SpringBatchSchemaMigrations()).runAll();

            assertThat(first.appliedCount()).isEqualTo(1);
            Catalog catalog = new Catalog(db.dataSource());
            assertThat(catalog.tables()).containsExactlyInAnyOrderElementsOf(TABLES);
            // on MariaDB, real sequences show that schema-mariadb.sql ran, not schema-mysql.sql (tables)
            assertThat(catalog.sequences()).containsExactlyInAnyOrderElementsOf(SEQUENCES);
            assertThat(catalog.primaryKey("BATCH_JOB_INSTANCE")).containsExactly("JOB_INSTANCE_ID");
            // H2 names the index behind the constraint JOB_INST_UN_INDEX_<n>
            assertThat(catalog.indexes("BATCH_JOB_INSTANCE")).anyMatch(name -> name.startsWith("JOB_INST_UN"));
            assertThat(catalog.referencedTables("BATCH_STEP_EXECUTION")).containsExactly("BATCH_JOB_EXECUTION");
            assertThat(catalog.columns("BATCH_JOB_EXECUTION_PARAMS")).containsExactlyElementsOf(PARAMS_COLUMNS);

            HistoryRow applied = new HistoryRow("spring-batch", "6.0.4", SpringBatchSchemaMigrations.DESCRIPTION,
                    "SQL", JarScripts.read(SpringBatchSchemaMigrations.script(variant(database))).checksum(), "UP",
                    "SUCCESS", 1, null);
            assertThat(HistoryRow.read(db.dataSource(), "spring-batch")).containsExactly(applied);

            MigrationReport second = tern(db, new SpringBatchSchemaMigrations()).runAll();

            assertThat(second.appliedCount()).isZero();
            assertThat(second.upToDate()).isTrue();
            assertThat(HistoryRow.read(db.dataSource(), "spring-batch")).containsExactly(applied);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void upgradeChainFromTwoOneReachesTheSixZeroSchemaAndRunsOnce(TestDatabase database) throws Exception {
        String variant = variant(database);
        try (FreshDatabase db = TestDatabases.create(database)) {
            MigrationReport first = tern(db, new SpringBatchUpgradeMigrations(List.of(variant))).runAll();

            assertThat(first.appliedCount()).isEqualTo(4);
            Catalog catalog = new Catalog(db.dataSource());
            List<String> tables = new ArrayList<>(TABLES);
            tables.add("BATCH_JOB_PARAMS"); // 2.2 copies from it and leaves it in place
            assertThat(catalog.tables()).containsExactlyInAnyOrderElementsOf(tables);
            assertThat(catalog.sequences()).containsExactlyInAnyOrderElementsOf(SEQUENCES);
            assertThat(catalog.columns("BATCH_JOB_EXECUTION_PARAMS")).containsExactlyElementsOf(UPGRADED_PARAMS_COLUMNS);
            assertThat(catalog.columns("BATCH_STEP_EXECUTION")).contains("CREATE_TIME", "START_TIME");
            assertThat(catalog.rows(COPIED_PARAMETER)).containsExactly(List.of("1", "STRING", "region", "eu-west", "Y"));

            List<HistoryRow> applied = List.of(
                    success("2.1.0", "spring batch 2.1 schema", SpringBatchUpgradeMigrations.BASELINE_FOLDER + variant + ".sql"),
                    success("2.2.0", "upgrade to 2.2", SpringBatchUpgradeMigrations.script("2.2", variant)),
                    success("5.0.0", "upgrade to 5.0", SpringBatchUpgradeMigrations.script("5.0", variant)),
                    success("6.0.0", "upgrade to 6.0", SpringBatchUpgradeMigrations.script("6.0", variant)));
            assertThat(HistoryRow.read(db.dataSource(), "spring-batch")).containsExactlyElementsOf(applied);

            MigrationReport second = tern(db, new SpringBatchUpgradeMigrations(List.of(variant))).runAll();

            assertThat(second.appliedCount()).isZero();
            assertThat(second.upToDate()).isTrue();
            assertThat(HistoryRow.read(db.dataSource(), "spring-batch")).containsExactlyElementsOf(applied);
        }
    }

    @Test
    void chainWithEveryReleaseIsRefusedOnH2BeforeAnythingRunsAsFourThreeIsMySqlOnly() throws Exception {
        try (FreshDatabase db = TestDatabases.create(TestDatabase.H2)) {
            MigrationService everyRelease = new SpringBatchUpgradeMigrations(List.of("h2", "postgresql", "mariadb", "mysql"));

            MigrationException refused = catchThrowableOfType(MigrationException.class,
                    () -> tern(db, everyRelease).runAll());
            assertThat(refused).as("runAll() with step 4.3.0 on H2").isNotNull();

            assertThat(refused.getMessage()).contains(ErrorCode.MISSING_DATABASE_VARIANT.name())
                    .contains("step 4.3.0").contains("[mysql]");
            assertThat(new Catalog(db.dataSource()).tables()).isEmpty();
        }
    }

    @Test
    void onMariaDbTheSixZeroRenameSequenceFailsAfterTheEarlierReleasesCommitted() throws Exception {
        String script = JarScripts.read(FAILING_SCRIPT).content();
        // the figures asserted below, checked against the file: one line, one statement
        assertThat(script.lines().toList().get(FAILING_LINE - 1)).isEqualTo(FAILING_STATEMENT + ";");
        assertThat(script.strip().lines().count()).isEqualTo(STATEMENTS_IN_SCRIPT);
        String failedStatement = "statement " + FAILING_STATEMENT_NUMBER + " of " + STATEMENTS_IN_SCRIPT + " failed";
        // DDL commits on MariaDB; with the failing statement first, none of the script had committed
        String committedBefore = "the step did not run in a transaction, and no earlier statement of the script had run";

        try (FreshDatabase db = TestDatabases.create(TestDatabase.MARIADB)) {
            MigrationService upgrade = new SpringBatchUpgradeMigrations(List.of("mariadb", "mysql"));

            MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> tern(db, upgrade).runAll());
            assertThat(failure).as("runAll() on MariaDB").isNotNull();

            assertThat(failure.code()).isEqualTo(ErrorCode.RUN_FAILED);
            assertThat(failure.getCause()).isInstanceOf(StepExecutionException.class);
            StepExecutionException step = (StepExecutionException) failure.getCause();
            assertThat(step.code()).isEqualTo(ErrorCode.STEP_FAILED);
            assertThat(step.pluginId()).contains("spring-batch");
            assertThat(step.version()).contains("6.0.0");
            assertThat(step.source()).contains(FAILING_SCRIPT);
            assertThat(step.line()).isEqualTo(FAILING_LINE);
            assertThat(step.getMessage())
                    .contains("(" + FAILING_SCRIPT + ":" + FAILING_LINE + ")")
                    .contains(failedStatement)
                    .contains(MARIADB_MESSAGE)
                    .contains(committedBefore);
            assertThat(sqlErrorCode(step)).isEqualTo(1064);

            PluginReport plugin = failure.report().plugins().get(0);
            assertThat(plugin.steps()).extracting(s -> s.version().toString(), StepReport::outcome).containsExactly(
                    tuple("2.1.0", StepOutcome.APPLIED),
                    tuple("2.2.0", StepOutcome.APPLIED),
                    tuple("4.3.0", StepOutcome.APPLIED),
                    tuple("5.0.0", StepOutcome.APPLIED),
                    tuple("6.0.0", StepOutcome.FAILED));

            List<HistoryRow> history = HistoryRow.read(db.dataSource(), "spring-batch");
            assertThat(history.subList(0, 4)).containsExactly(
                    success("2.1.0", "spring batch 2.1 schema", SpringBatchUpgradeMigrations.BASELINE_FOLDER + "mariadb.sql"),
                    success("2.2.0", "upgrade to 2.2", SpringBatchUpgradeMigrations.script("2.2", "mysql")),
                    success("4.3.0", "upgrade to 4.3", SpringBatchUpgradeMigrations.script("4.3", "mysql")),
                    success("5.0.0", "upgrade to 5.0", SpringBatchUpgradeMigrations.script("5.0", "mysql")));
            assertThat(history).hasSize(5);
            HistoryRow failed = history.get(4);
            assertThat(failed.pluginId()).isEqualTo("spring-batch");
            assertThat(failed.version()).isEqualTo("6.0.0");
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.checksum()).isEqualTo(JarScripts.read(FAILING_SCRIPT).checksum());
            assertThat(failed.error()).contains(failedStatement).contains(MARIADB_MESSAGE).contains(committedBefore);

            // the releases before 6.0 stay applied (MariaDB's DDL commits), 6.0 changed nothing
            Catalog catalog = new Catalog(db.dataSource());
            assertThat(catalog.columns("BATCH_JOB_EXECUTION_PARAMS")).containsExactlyElementsOf(UPGRADED_PARAMS_COLUMNS);
            assertThat(catalog.columns("BATCH_STEP_EXECUTION")).contains("CREATE_TIME");
            assertThat(catalog.sequences()).containsExactlyInAnyOrder("BATCH_STEP_EXECUTION_SEQ",
                    "BATCH_JOB_EXECUTION_SEQ", "BATCH_JOB_SEQ");
            assertThat(catalog.rows(COPIED_PARAMETER)).containsExactly(List.of("1", "STRING", "region", "eu-west", "Y"));

            // a later run refuses to go on past the non-transactional failure and applies nothing
            MigrationException blocked = catchThrowableOfType(MigrationException.class,
                    () -> tern(db, upgrade).runAll());
            assertThat(blocked).as("second runAll() on MariaDB").isNotNull();
            assertThat(blocked.getMessage()).contains(ErrorCode.FAILED_STEP_IN_HISTORY.name()).contains("step 6.0.0");
            assertThat(HistoryRow.read(db.dataSource(), "spring-batch")).containsExactlyElementsOf(history);
        }
    }

    private static HistoryRow success(String version, String description, String script) {
        return new HistoryRow("spring-batch", version, description, "SQL", JarScripts.read(script).checksum(), "UP",
                "SUCCESS", 1, null);
    }

    private static int sqlErrorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getErrorCode();
            }
        }
        return -1;
    }

    private static String variant(TestDatabase database) {
        return switch (database) {
            case H2 -> "h2";
            case POSTGRESQL -> "postgresql";
            case MARIADB -> "mariadb";
            default -> throw new IllegalArgumentException("no Spring Batch variant for " + database);
        };
    }

    private static Orchestrator tern(FreshDatabase db, MigrationService service) {
        return Orchestrator.builder().dataSource(db.dataSource()).discovery(false).addService(service).build();
    }
}
