package dev.tern.migration.jdbc.internal.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.StepDefinitionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unterminated tokens fail with the source and the line where the token starts. */
class SqlSplitterErrorTests {

    static Stream<Arguments> unterminatedTokens() {
        return Stream.of(
                arguments(SplitRules.H2, "SELECT 1;\nSELECT 'abc;\nSELECT 2;", 2, "unterminated single-quoted string starting at line 2"),
                arguments(SplitRules.POSTGRESQL, "SELECT 1;\nSELECT 'abc;\n", 2, "unterminated single-quoted string starting at line 2"),
                arguments(SplitRules.MARIADB, "SELECT 1;\n\nSELECT 'abc", 3, "unterminated single-quoted string starting at line 3"),
                arguments(SplitRules.MARIADB, "SELECT 'it\\';", 1, "unterminated single-quoted string starting at line 1"),
                arguments(SplitRules.POSTGRESQL, "SELECT 1;\nSELECT E'it\\'s;", 2, "unterminated single-quoted string starting at line 2"),
                arguments(SplitRules.POSTGRESQL, "-- it's\nSELECT \"col;\nFROM t;", 2,
                        "unterminated double-quoted identifier starting at line 2"),
                arguments(SplitRules.H2, "SELECT \"a\"\"", 1, "unterminated double-quoted identifier starting at line 1"),
                arguments(SplitRules.MARIADB, "SELECT 1;\nSELECT \"a\\\";", 2, "unterminated double-quoted string starting at line 2"),
                arguments(SplitRules.MARIADB, "SELECT 1;\nSELECT `col;\nFROM t;", 2,
                        "unterminated backtick-quoted identifier starting at line 2"),
                arguments(SplitRules.H2, "SELECT `col``;", 1, "unterminated backtick-quoted identifier starting at line 1"),
                arguments(SplitRules.H2, "SELECT 1;\n\n/* never closed; SELECT 2;", 3, "unterminated block comment starting at line 3"),
                arguments(SplitRules.MARIADB, "SELECT 1; /* never closed", 1, "unterminated block comment starting at line 1"),
                arguments(SplitRules.POSTGRESQL, "SELECT 1;\n/* a /* nested */ is still open;\nSELECT 2;", 2,
                        "unterminated block comment starting at line 2"),
                arguments(SplitRules.POSTGRESQL,
                        "-- 1\n-- 2\n-- 3\n-- 4\n-- 5\n-- 6\n-- 7\n-- 8\n-- 9\nSELECT 1;\n\n"
                                + "CREATE FUNCTION f() RETURNS int AS $body$\n  SELECT 1;\n$$ LANGUAGE sql;\n",
                        12, "unterminated dollar-quoted string $body$ starting at line 12"),
                arguments(SplitRules.POSTGRESQL, "SELECT $$abc$", 1, "unterminated dollar-quoted string $$ starting at line 1"),
                arguments(SplitRules.H2, "SELECT 1;\nCREATE ALIAS A AS $$ code", 2, "unterminated dollar-quoted string $$ starting at line 2"),
                arguments(SplitRules.POSTGRESQL, "SELECT 1;\r\n\r\nSELECT 'x", 3, "unterminated single-quoted string starting at line 3"),
                arguments(SplitRules.MARIADB, "SELECT 1;\r\rSELECT `x", 3, "unterminated backtick-quoted identifier starting at line 3"),
                arguments(SplitRules.MARIADB, "SELECT 1;\nDELIMITER \nSELECT 2;", 2, "DELIMITER must be followed by a delimiter at line 2"),
                arguments(SplitRules.MARIADB, "SELECT 1;\r\nDELIMITER\r\nSELECT 2;", 2, "DELIMITER must be followed by a delimiter at line 2"),
                arguments(SplitRules.MARIADB, "SELECT 1;\nDELIMITER", 2, "DELIMITER must be followed by a delimiter at line 2"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("unterminatedTokens")
    void failsWithTheLineWhereTheTokenStarts(SplitRules rules, String script, int line, String message) {
        StepDefinitionException error = catchThrowableOfType(StepDefinitionException.class,
                () -> SqlSplitter.split("db/jobs/V1__init.sql", script, rules));

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR);
        assertThat(error.source()).contains("db/jobs/V1__init.sql");
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.pluginId()).isEmpty();
        assertThat(error.version()).isEmpty();
        assertThat(error.getMessage()).contains(message).contains("(db/jobs/V1__init.sql:" + line + ")");
    }

    @Test
    void aBlockCommentThatWouldBeOpenIfNestedIsClosedWhereCommentsDoNotNest() {
        assertThat(SqlSplitter.split("s.sql", "/* a /* b */ SELECT 1;", SplitRules.MARIADB))
                .extracting(s -> s.sql()).containsExactly("SELECT 1");
    }

    @Test
    void requiresAScriptAndRules() {
        assertThat(catchThrowableOfType(NullPointerException.class, () -> SqlSplitter.split("s.sql", null, SplitRules.H2)))
                .hasMessage("script");
        assertThat(catchThrowableOfType(NullPointerException.class, () -> SqlSplitter.split("s.sql", "SELECT 1", null)))
                .hasMessage("rules");
    }

    @Test
    void acceptsAMissingSourceName() {
        StepDefinitionException error = catchThrowableOfType(StepDefinitionException.class,
                () -> SqlSplitter.split(null, "SELECT 'x", SplitRules.H2));
        assertThat(error.source()).isEmpty();
        assertThat(error.line()).isEqualTo(1);
    }
}
