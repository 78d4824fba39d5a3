package dev.tern.migration.jdbc.internal.split;

import static dev.tern.migration.jdbc.internal.split.SplitCase.at;
import static dev.tern.migration.jdbc.internal.split.SplitCase.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PostgreSQL's own lexical rules. */
class SqlSplitterPostgresqlTests {

    static Stream<SplitCase> cases() {
        return Stream.of(
                of("block comments nest", "/* outer /* inner; it's */ still; */ SELECT 1;", at(1, "SELECT 1")),
                of("dashes without space start a comment", "--comment; it's\nSELECT 1 --x;\n;", at(2, "SELECT 1")),
                of("# is an operator, not a comment", "SELECT 5 # 3; SELECT 2", at(1, "SELECT 5 # 3"), at(1, "SELECT 2")),
                of("a backtick is an ordinary character", "SELECT `a; SELECT 2", at(1, "SELECT `a"), at(1, "SELECT 2")),
                of("E string with an escaped quote", "SELECT E'it\\'s; ok'; SELECT 2",
                        at(1, "SELECT E'it\\'s; ok'"), at(1, "SELECT 2")),
                of("e string with an escaped backslash before the closing quote", "SELECT e'C:\\\\'; SELECT 2",
                        at(1, "SELECT e'C:\\\\'"), at(1, "SELECT 2")),
                of("E string with a doubled quote", "SELECT E'it''s;'; SELECT 2", at(1, "SELECT E'it''s;'"), at(1, "SELECT 2")),
                of("a standard string has no backslash escapes", "SELECT 'C:\\'; SELECT 2",
                        at(1, "SELECT 'C:\\'"), at(1, "SELECT 2")),
                of("a word ending in e is no E prefix", "SELECT 1 FROM t WHERE type='\\'; SELECT 2",
                        at(1, "SELECT 1 FROM t WHERE type='\\'"), at(1, "SELECT 2")),
                of("an empty dollar tag", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 'x'; SELECT 1; $$ LANGUAGE sql; SELECT 2",
                        at(1, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 'x'; SELECT 1; $$ LANGUAGE sql"), at(1, "SELECT 2")),
                of("a named dollar tag holds $$ and quotes", "DO $body$\nBEGIN\n  RAISE NOTICE $$it's; done$$;\nEND\n$body$;\nSELECT 2;",
                        at(1, "DO $body$\nBEGIN\n  RAISE NOTICE $$it's; done$$;\nEND\n$body$"), at(6, "SELECT 2")),
                of("dollar tags are case-sensitive", "SELECT $Tag$ a; $tag$ b; $Tag$; SELECT 2",
                        at(1, "SELECT $Tag$ a; $tag$ b; $Tag$"), at(1, "SELECT 2")),
                of("a dollar quote inside another", "SELECT $outer$ x $inner$ ; $inner$ y $outer$; SELECT 2",
                        at(1, "SELECT $outer$ x $inner$ ; $inner$ y $outer$"), at(1, "SELECT 2")),
                of("a tag with digits, underscores and non-ASCII letters", "SELECT $_é1$ ; $_é1$; SELECT 2",
                        at(1, "SELECT $_é1$ ; $_é1$"), at(1, "SELECT 2")),
                of("a near-miss of the closing tag", "SELECT $ab$ $a$ $abc$ $$ ; $ab$; SELECT 2",
                        at(1, "SELECT $ab$ $a$ $abc$ $$ ; $ab$"), at(1, "SELECT 2")),
                of("positional parameters are not dollar quotes", "PREPARE p(int, int) AS SELECT $1 + $2; SELECT 3",
                        at(1, "PREPARE p(int, int) AS SELECT $1 + $2"), at(1, "SELECT 3")),
                of("$ inside identifiers does not open a dollar quote", "SELECT a$b, c$$ FROM t$x; SELECT 2",
                        at(1, "SELECT a$b, c$$ FROM t$x"), at(1, "SELECT 2")),
                of("a tag that cannot start with a digit", "SELECT $1abc$; SELECT 2", at(1, "SELECT $1abc$"), at(1, "SELECT 2")),
                of("a dollar quote spanning lines moves the next statement's line",
                        "CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  RETURN 1;\nEND;\n$fn$ LANGUAGE plpgsql;\n\nSELECT f();",
                        at(1, "CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  RETURN 1;\nEND;\n$fn$ LANGUAGE plpgsql"),
                        at(7, "SELECT f()")),
                of("a BEGIN ATOMIC body is kept whole",
                        "CREATE FUNCTION pick(a int, b int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + b;\n"
                                + "  SELECT CASE WHEN a > b THEN a ELSE b END;\nEND;\nSELECT 1;",
                        at(1, "CREATE FUNCTION pick(a int, b int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + b;\n"
                                + "  SELECT CASE WHEN a > b THEN a ELSE b END;\nEND"),
                        at(6, "SELECT 1")),
                of("a BEGIN ATOMIC body of CREATE OR REPLACE PROCEDURE, in lower case",
                        "create or replace procedure ins(x int) language sql\nbegin atomic\n  insert into t values (x);\n"
                                + "  insert into t values (case x when 1 then 2 else 3 end);\nend;\nselect 1",
                        at(1, "create or replace procedure ins(x int) language sql\nbegin atomic\n  insert into t values (x);\n"
                                + "  insert into t values (case x when 1 then 2 else 3 end);\nend"),
                        at(6, "select 1")),
                of("a comment between BEGIN and ATOMIC", "CREATE FUNCTION f() RETURNS int BEGIN /* c */ ATOMIC SELECT 1; END; SELECT 2",
                        at(1, "CREATE FUNCTION f() RETURNS int BEGIN /* c */ ATOMIC SELECT 1; END"), at(1, "SELECT 2")),
                of("a routine with a RETURN body splits normally",
                        "CREATE FUNCTION one() RETURNS int LANGUAGE sql RETURN 1;\nSELECT one();",
                        at(1, "CREATE FUNCTION one() RETURNS int LANGUAGE sql RETURN 1"), at(2, "SELECT one()")),
                of("a transaction block still splits", "BEGIN;\nSELECT 1;\nEND;\nCOMMIT;",
                        at(1, "BEGIN"), at(2, "SELECT 1"), at(3, "END"), at(4, "COMMIT")),
                of("BEGIN ATOMIC words outside a routine do not matter", "SELECT 'begin atomic', begin_atomic; SELECT 2",
                        at(1, "SELECT 'begin atomic', begin_atomic"), at(1, "SELECT 2")),
                of("DELIMITER means nothing to PostgreSQL", "DELIMITER //\nSELECT 1;",
                        at(1, "DELIMITER //\nSELECT 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsByPostgresqlRules(SplitCase c) {
        assertThat(SqlSplitter.split("test.sql", c.script(), SplitRules.POSTGRESQL)).containsExactlyElementsOf(c.expected());
    }
}
