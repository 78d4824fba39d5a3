package dev.tern.migration.jdbc.internal.split;

import static dev.tern.migration.jdbc.internal.split.SplitCase.at;
import static dev.tern.migration.jdbc.internal.split.SplitCase.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MariaDB/MySQL's own lexical rules and the client's DELIMITER command. */
class SqlSplitterMariaDbTests {

    static Stream<SplitCase> cases() {
        return Stream.of(
                of("# starts a line comment", "# it's; a comment\nSELECT 1; # trailing; 'x\nSELECT 2",
                        at(2, "SELECT 1"), at(3, "SELECT 2")),
                of("-- followed by a space starts a comment", "-- it's; a comment\nSELECT 1;", at(2, "SELECT 1")),
                of("-- followed by a tab starts a comment", "--\tit's; a comment\nSELECT 1;", at(2, "SELECT 1")),
                of("-- at the end of a line starts a comment", "SELECT 1 --\n;--", at(1, "SELECT 1")),
                of("-- followed by a character is two minus signs", "SELECT 5--1; SELECT 2",
                        at(1, "SELECT 5--1"), at(1, "SELECT 2")),
                of("backslash escapes a quote in a single-quoted string", "SELECT 'it\\'s; ok'; SELECT 2",
                        at(1, "SELECT 'it\\'s; ok'"), at(1, "SELECT 2")),
                of("an escaped backslash before the closing quote", "SELECT 'C:\\\\'; SELECT 2",
                        at(1, "SELECT 'C:\\\\'"), at(1, "SELECT 2")),
                of("doubled quotes still work", "SELECT 'it''s;'; SELECT 2", at(1, "SELECT 'it''s;'"), at(1, "SELECT 2")),
                of("double quotes make a string with backslash escapes", "SELECT \"a\\\"b;\"; SELECT 2",
                        at(1, "SELECT \"a\\\"b;\""), at(1, "SELECT 2")),
                of("doubled double quotes in a string", "SELECT \"a\"\"b;\"; SELECT 2",
                        at(1, "SELECT \"a\"\"b;\""), at(1, "SELECT 2")),
                of("backtick identifiers with a doubled backtick", "SELECT 1 AS `a;``b`; SELECT 2",
                        at(1, "SELECT 1 AS `a;``b`"), at(1, "SELECT 2")),
                of("apostrophe in a backtick identifier", "SELECT `it's` FROM t; SELECT 2",
                        at(1, "SELECT `it's` FROM t"), at(1, "SELECT 2")),
                of("block comments do not nest", "/* a /* b */ SELECT 1;", at(1, "SELECT 1")),
                of("an executable comment is a statement",
                        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET NAMES utf8mb4 */;\nSELECT 1;",
                        at(1, "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */"),
                        at(2, "/*!40101 SET NAMES utf8mb4 */"), at(3, "SELECT 1")),
                of("a MariaDB executable comment is a statement", "/*M!100100 SET sql_mode='' */;", at(1, "/*M!100100 SET sql_mode='' */")),
                of("an executable comment inside a statement is kept", "CREATE TABLE t (a int) /*!50100 ENGINE=InnoDB */;",
                        at(1, "CREATE TABLE t (a int) /*!50100 ENGINE=InnoDB */")),
                of("a plain comment chunk is no statement", "/* plain */;\n/*+ hint */;"),
                of("$ belongs to identifiers", "SELECT a$b, $c FROM t; SELECT 2", at(1, "SELECT a$b, $c FROM t"), at(1, "SELECT 2")),
                of("DELIMITER lets a procedure body keep its semicolons",
                        "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 'a;b';\nEND$$\nDELIMITER ;\nCALL p();\nSELECT 2;",
                        at(2, "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 'a;b';\nEND"), at(8, "CALL p()"), at(9, "SELECT 2")),
                of("delimiter // in lower case", "delimiter //\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n"
                                + "  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\nEND //\ndelimiter ;\nSELECT 1",
                        at(2, "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\nEND"),
                        at(7, "SELECT 1")),
                of("delimiter ;; as mysqldump writes it", "DELIMITER ;;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END ;;\nDELIMITER ;",
                        at(2, "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END")),
                of("a custom delimiter inside strings and comments is inert",
                        "DELIMITER $$\nSELECT '$$', /* $$ */ \"$$\", `a$$b` $$\n# $$\nSELECT 2 $$",
                        at(2, "SELECT '$$', /* $$ */ \"$$\", `a$$b`"), at(4, "SELECT 2")),
                of("a quoted DELIMITER argument", "DELIMITER '//'\nSELECT 1//\nSELECT 2//", at(2, "SELECT 1"), at(3, "SELECT 2")),
                of("several DELIMITER changes", "DELIMITER $$\nSELECT 1$$\nDELIMITER //\nSELECT 2//\nDELIMITER ;\nSELECT 3;",
                        at(2, "SELECT 1"), at(4, "SELECT 2"), at(6, "SELECT 3")),
                of("DELIMITER with CRLF line ends", "DELIMITER $$\r\nSELECT 1;$$\r\nDELIMITER ;\r\nSELECT 2;",
                        at(2, "SELECT 1;"), at(4, "SELECT 2")),
                of("the last statement under a custom delimiter needs none", "DELIMITER $$\nSELECT 1; SELECT 2",
                        at(2, "SELECT 1; SELECT 2")),
                of("a comment before DELIMITER", "-- switch\nDELIMITER $$\nSELECT 1$$", at(3, "SELECT 1")),
                of("DELIMITER inside a statement is not a command", "SELECT 1 AS\nDELIMITER;", at(1, "SELECT 1 AS\nDELIMITER")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsByMariaDbRules(SplitCase c) {
        assertThat(SqlSplitter.split("test.sql", c.script(), SplitRules.MARIADB)).containsExactlyElementsOf(c.expected());
    }
}
