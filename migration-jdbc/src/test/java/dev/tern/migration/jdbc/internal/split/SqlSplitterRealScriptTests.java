package dev.tern.migration.jdbc.internal.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tern.migration.api.database.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Splits real scripts shipped by Quartz, Spring Batch and Netflix Conductor, read from their jars
 * on the test class path. The expected figures were counted by reading each file.
 */
class SqlSplitterRealScriptTests {

    private static final SplitRules H2 = SplitRules.H2;
    private static final SplitRules PG = SplitRules.POSTGRESQL;
    private static final SplitRules MY = SplitRules.MARIADB;

    static Stream<Arguments> scripts() {
        return Stream.of(
                // Quartz 2.5.2: tables_mysql_innodb.sql has an apostrophe in a # comment ("I didn't see").
                script("org/quartz/impl/jdbcjobstore/tables_h2.sql", H2, 26,
                        11, "CREATE TABLE QRTZ_CALENDARS (", 248, "COMMIT"),
                script("org/quartz/impl/jdbcjobstore/tables_postgres.sql", PG, 43,
                        6, "DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS", 207, "COMMIT"),
                script("org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql", MY, 43,
                        9, "DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS", 179, "commit"),
                // Spring Batch 6.0.4
                script("org/springframework/batch/core/schema-h2.sql", H2, 9,
                        3, "CREATE TABLE BATCH_JOB_INSTANCE (", 78, "CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ"),
                script("org/springframework/batch/core/schema-postgresql.sql", PG, 9,
                        3, "CREATE TABLE BATCH_JOB_INSTANCE (", 78, "CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ MAXVALUE"),
                script("org/springframework/batch/core/schema-mariadb.sql", MY, 9,
                        1, "CREATE TABLE BATCH_JOB_INSTANCE (", 76, "CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ START WITH 1"),
                script("org/springframework/batch/core/schema-mysql.sql", MY, 12,
                        3, "CREATE TABLE BATCH_JOB_INSTANCE (", 98, "INSERT INTO BATCH_JOB_INSTANCE_SEQ (ID, UNIQUE_KEY)"),
                script("org/springframework/batch/core/migration/2.2/migration-h2.sql", H2, 2,
                        4, "CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (", 21, "INSERT INTO BATCH_JOB_EXECUTION_PARAMS"),
                script("org/springframework/batch/core/migration/2.2/migration-postgresql.sql", PG, 2,
                        4, "CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (", 21, "INSERT INTO BATCH_JOB_EXECUTION_PARAMS"),
                script("org/springframework/batch/core/migration/2.2/migration-mysql.sql", MY, 2,
                        4, "CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (", 21, "INSERT INTO BATCH_JOB_EXECUTION_PARAMS"),
                script("org/springframework/batch/core/migration/4.3/migration-mysql.sql", MY, 3,
                        1, "ALTER TABLE BATCH_JOB_EXECUTION", 10, "ALTER TABLE BATCH_STEP_EXECUTION"),
                script("org/springframework/batch/core/migration/5.0/migration-h2.sql", H2, 19,
                        1, "ALTER TABLE BATCH_STEP_EXECUTION ADD CREATE_TIME", 23,
                        "ALTER TABLE BATCH_STEP_EXECUTION ALTER COLUMN LAST_UPDATED"),
                script("org/springframework/batch/core/migration/5.0/migration-postgresql.sql", PG, 11,
                        1, "ALTER TABLE BATCH_STEP_EXECUTION ADD CREATE_TIME", 21,
                        "ALTER TABLE BATCH_JOB_EXECUTION_PARAMS RENAME STRING_VAL"),
                script("org/springframework/batch/core/migration/5.0/migration-mysql.sql", MY, 8,
                        1, "ALTER TABLE BATCH_STEP_EXECUTION ADD CREATE_TIME", 10,
                        "ALTER TABLE BATCH_JOB_EXECUTION_PARAMS CHANGE COLUMN STRING_VAL"),
                script("org/springframework/batch/core/migration/6.0/migration-h2.sql", H2, 2,
                        4, "CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ", 6, "DROP SEQUENCE BATCH_JOB_SEQ"),
                script("org/springframework/batch/core/migration/6.0/migration-postgresql.sql", PG, 1,
                        1, "ALTER SEQUENCE BATCH_JOB_SEQ RENAME", 1, "ALTER SEQUENCE BATCH_JOB_SEQ RENAME"),
                script("org/springframework/batch/core/migration/6.0/migration-mysql.sql", MY, 1,
                        2, "RENAME TABLE BATCH_JOB_SEQ", 2, "RENAME TABLE BATCH_JOB_SEQ"),
                script("org/springframework/batch/core/migration/6.0/migration-mariadb.sql", MY, 1,
                        1, "RENAME SEQUENCE BATCH_JOB_SEQ", 1, "RENAME SEQUENCE BATCH_JOB_SEQ"),
                // Conductor 3.15.0, MySQL: # comments, backticks, '' in strings, DELIMITER $$ with procedures.
                script("db/migration/V1__initial_schema.sql", MY, 14,
                        6, "CREATE TABLE meta_event_handler (", 160, "CREATE TABLE queue_message ("),
                script("db/migration/V2__queue_message_timestamps.sql", MY, 2,
                        1, "ALTER TABLE `queue_message` CHANGE `created_on`", 2, "ALTER TABLE `queue_message` CHANGE `deliver_on`"),
                script("db/migration/V3__queue_add_priority.sql", MY, 7,
                        1, "SET @dbname = DATABASE()", 17, "DEALLOCATE PREPARE addColumnIfNotExist"),
                script("db/migration/V4__1009_Fix_MySQLExecutionDAO_Index.sql", MY, 5,
                        2, "SET @exist := (SELECT COUNT(INDEX_NAME)", 13, "ALTER TABLE `event_execution`"),
                script("db/migration/V5__correlation_id_index.sql", MY, 5,
                        2, "SET @exist := (SELECT COUNT(INDEX_NAME)", 13, "CREATE INDEX workflow_corr_id_index"),
                script("db/migration/V6__new_qm_index_with_priority.sql", MY, 5,
                        2, "SET @exist := (SELECT COUNT(INDEX_NAME)", 13, "CREATE INDEX combo_queue_message"),
                script("db/migration/V7__new_queue_message_pk.sql", MY, 9,
                        2, "SET @idx_exists := (SELECT", 24, "ALTER TABLE queue_message ADD PRIMARY KEY"),
                script("db/migration/V8__update_pk.sql", MY, 30,
                        2, "DROP PROCEDURE IF EXISTS `DropIndexIfExists`", 103, "CALL FixPkIfNeeded('meta_task_def','name')"),
                // Conductor 3.15.0, PostgreSQL
                script("db/migration_postgres/V1__initial_schema.sql", PG, 34,
                        6, "CREATE TABLE meta_event_handler (", 173, "CREATE INDEX combo_queue_message ON queue_message"),
                script("db/migration_postgres/V2__1009_Fix_PostgresExecutionDAO_Index.sql", PG, 2,
                        1, "DROP INDEX IF EXISTS unique_event_execution", 3, "CREATE UNIQUE INDEX unique_event_execution"),
                script("db/migration_postgres/V5__new_queue_message_pk.sql", PG, 4,
                        2, "DROP INDEX IF EXISTS unique_queue_name_message_id", 11, "ALTER TABLE queue_message ADD PRIMARY KEY"),
                script("db/migration_postgres/V6__update_pk.sql", PG, 52,
                        2, "DROP INDEX IF EXISTS unique_queue_name_message_id", 77, "ALTER TABLE meta_task_def ADD PRIMARY KEY (name)"),
                script("db/migration_postgres/V7__new_qm_index_desc_priority.sql", PG, 2,
                        1, "DROP INDEX IF EXISTS combo_queue_message", 3, "CREATE INDEX combo_queue_message ON queue_message USING btree"),
                script("db/migration_postgres/V8__indexing.sql", PG, 18,
                        1, "CREATE TABLE workflow_index (", 47, "CREATE INDEX task_execution_logs_task_id_idx"));
    }

    private static Arguments script(String resource, SplitRules rules, int count, int firstLine, String firstStart,
                                    int lastLine, String lastStart) {
        return arguments(resource, rules, count, firstLine, firstStart, lastLine, lastStart);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("scripts")
    void splitsRealScripts(String resource, SplitRules rules, int count, int firstLine, String firstStart,
                           int lastLine, String lastStart) {
        List<SqlStatement> statements = SqlSplitter.split(resource, read(resource), rules);

        assertThat(statements).hasSize(count);
        assertThat(statements.get(0).line()).isEqualTo(firstLine);
        assertThat(statements.get(0).sql()).startsWith(firstStart);
        SqlStatement last = statements.get(count - 1);
        assertThat(last.line()).isEqualTo(lastLine);
        assertThat(last.sql()).startsWith(lastStart);
        assertThat(statements).allSatisfy(s -> {
            assertThat(s.sql()).isEqualTo(s.sql().strip()).doesNotEndWith(";")
                    .doesNotStartWith("--").doesNotStartWith("#").doesNotStartWith("/*");
        });
    }

    @Test
    void keepsConductorsProcedureBodiesWholeUnderDelimiter() {
        String resource = "db/migration/V8__update_pk.sql";
        List<SqlStatement> statements = SqlSplitter.split(resource, read(resource), SplitRules.MARIADB);

        SqlStatement procedure = statements.get(1);
        assertThat(procedure.line()).isEqualTo(3);
        assertThat(procedure.sql())
                .startsWith("CREATE PROCEDURE `DropIndexIfExists`(IN tableName VARCHAR(128), IN indexName VARCHAR(128))\nBEGIN")
                .contains("DECLARE index_exists INT DEFAULT 0;", "DEALLOCATE PREPARE st;", "END IF;")
                .endsWith("END");
        assertThat(statements.get(2)).isEqualTo(new SqlStatement("DROP PROCEDURE IF EXISTS `FixPkIfNeeded`", 28));
        assertThat(statements.get(4)).isEqualTo(
                new SqlStatement("CALL DropIndexIfExists('queue_message', 'unique_queue_name_message_id')", 66));
    }

    @Test
    void keepsDoubledQuotesInsideConductorsStrings() {
        String resource = "db/migration/V5__correlation_id_index.sql";
        List<SqlStatement> statements = SqlSplitter.split(resource, read(resource), SplitRules.MARIADB);

        assertThat(statements.get(1).line()).isEqualTo(7);
        assertThat(statements.get(1).sql()).endsWith("'SELECT ''INFO: Index already exists.''')");
    }

    private static String read(String resource) {
        try (InputStream in = SqlSplitterRealScriptTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("class-path resource %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
