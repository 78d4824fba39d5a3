package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SET search_path TO other", "set role admin", "  -- a comment\nSET NAMES utf8mb4", "/* x */ USE other_db",
        "SET SCHEMA OTHER", "RESET ALL", "DISCARD ALL", "CREATE TEMP TABLE t (id INT)",
        "CREATE TEMPORARY TABLE t (id INT)", "create global temporary table t (id int)",
        "CREATE OR REPLACE TEMP VIEW v AS SELECT 1", "CREATE LOCAL TEMPORARY TABLE t (id INT)",
        "SELECT pg_catalog.set_config('search_path', '', false)", "SELECT pg_advisory_lock(1)",
        "SELECT GET_LOCK('x', 10)", "LOCK TABLES t WRITE", "DECLARE c CURSOR WITH HOLD FOR SELECT 1",
        "PREPARE p AS SELECT 1", "LISTEN channel", "BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK"})
    void statementsThatChangeTheSessionAreRecognised(String sql) {
        assertThat(SessionStatements.changesSession(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE settings (id INT)", "CREATE TABLE temp (id INT)", "CREATE OR REPLACE VIEW v AS SELECT 1",
        "INSERT INTO t VALUES ('SET x')", "UPDATE t SET a = 1", "ALTER TABLE t ADD COLUMN used INT",
        "-- SET search_path\nCREATE INDEX i ON t (a)", "SELECT 1", "CREATE LOCAL_TABLE_X (id INT)", ""})
    void ordinaryStatementsAreNot(String sql) {
        assertThat(SessionStatements.changesSession(sql)).isFalse();
    }
}
