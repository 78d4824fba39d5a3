package dev.tern.migration.jdbc.internal.split;

import static dev.tern.migration.jdbc.internal.split.SplitCase.at;
import static dev.tern.migration.jdbc.internal.split.SplitCase.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** H2's own lexical rules. */
class SqlSplitterH2Tests {

    static Stream<SplitCase> cases() {
        return Stream.of(
                of("$$ quotes the Java source of CREATE ALIAS",
                        "CREATE ALIAS REVERSE AS $$\nString reverse(String s) {\n  // it's; reversed\n"
                                + "  return new StringBuilder(s).reverse().toString();\n}\n$$;\nCALL REVERSE('abc');",
                        at(1, "CREATE ALIAS REVERSE AS $$\nString reverse(String s) {\n  // it's; reversed\n"
                                + "  return new StringBuilder(s).reverse().toString();\n}\n$$"),
                        at(7, "CALL REVERSE('abc')")),
                of("$tag$ is no dollar quote in H2", "SELECT $x$; SELECT 2", at(1, "SELECT $x$"), at(1, "SELECT 2")),
                of("// starts a line comment", "// it's; a comment\nSELECT 1; // trailing; 'x\nSELECT 2",
                        at(2, "SELECT 1"), at(3, "SELECT 2")),
                of("block comments nest", "/* a /* b; it's */ c; */ SELECT 1;", at(1, "SELECT 1")),
                of("backticks quote identifiers", "SELECT 1 AS `a;``b`; SELECT 2", at(1, "SELECT 1 AS `a;``b`"), at(1, "SELECT 2")),
                of("strings have no backslash escapes", "SELECT 'C:\\'; SELECT 2", at(1, "SELECT 'C:\\'"), at(1, "SELECT 2")),
                of("$ inside identifiers", "SELECT a$b FROM t; SELECT 2", at(1, "SELECT a$b FROM t"), at(1, "SELECT 2")),
                of("# is not a comment", "SELECT 1 # 2; SELECT 3", at(1, "SELECT 1 # 2"), at(1, "SELECT 3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsByH2Rules(SplitCase c) {
        assertThat(SqlSplitter.split("test.sql", c.script(), SplitRules.H2)).containsExactlyElementsOf(c.expected());
    }
}
