package dev.tern.migration.jdbc.internal.split;

import static dev.tern.migration.jdbc.internal.split.SplitCase.at;
import static dev.tern.migration.jdbc.internal.split.SplitCase.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every family shares, checked under each family's rules. */
class SqlSplitterCommonRulesTests {

    static Stream<SplitCase> commonCases() {
        return Stream.of(
                of("a single statement without delimiter", "SELECT 1", at(1, "SELECT 1")),
                of("statements on their own lines", "SELECT 1;\nSELECT 2;\n\nSELECT 3;\n",
                        at(1, "SELECT 1"), at(2, "SELECT 2"), at(4, "SELECT 3")),
                of("several statements on one line", "SELECT 1; SELECT 2;SELECT 3",
                        at(1, "SELECT 1"), at(1, "SELECT 2"), at(1, "SELECT 3")),
                of("text is trimmed", "  \n\t SELECT 1  \n ;  ", at(2, "SELECT 1")),
                of("last statement without delimiter", "SELECT 1;\nSELECT 2\n", at(1, "SELECT 1"), at(2, "SELECT 2")),
                of("blank statements are dropped", ";;SELECT 1;;;\n ; ;SELECT 2;;", at(1, "SELECT 1"), at(2, "SELECT 2")),
                of("an empty script yields nothing", ""),
                of("a blank script yields nothing", " \n\t\r\n "),
                of("a comment-only script yields nothing", "-- it's a comment; really\n/* and 'this' \"too\"; */\n-- end"),
                of("comment-only chunks between statements are dropped",
                        "SELECT 1;\n-- nothing here;\n/* nor; here */;\nSELECT 2;", at(1, "SELECT 1"), at(4, "SELECT 2")),
                of("apostrophe and delimiter in a line comment are inert",
                        "-- don't; stop\nSELECT 1;", at(2, "SELECT 1")),
                of("apostrophe, quote and delimiter in a block comment are inert",
                        "/* it's \"odd\"; */ SELECT 1; /* ' */ SELECT 2", at(1, "SELECT 1"), at(1, "SELECT 2")),
                of("a block comment inside a statement is kept", "SELECT /* ; it's */ 1;", at(1, "SELECT /* ; it's */ 1")),
                of("a line comment inside a statement is kept", "SELECT 1, -- it's; here\n  2;",
                        at(1, "SELECT 1, -- it's; here\n  2")),
                of("a comment after the last token is not part of the statement", "SELECT 1 -- done\n;\nSELECT 2 /* end */",
                        at(1, "SELECT 1"), at(3, "SELECT 2")),
                of("delimiter inside a string", "INSERT INTO t VALUES ('a;b');", at(1, "INSERT INTO t VALUES ('a;b')")),
                of("doubled quotes inside a string", "SELECT 'it''s; fine'; SELECT 2",
                        at(1, "SELECT 'it''s; fine'"), at(1, "SELECT 2")),
                of("an empty string", "SELECT ''; SELECT ''''", at(1, "SELECT ''"), at(1, "SELECT ''''")),
                of("comment starters inside a string", "SELECT '-- /* not a comment;'; SELECT 2",
                        at(1, "SELECT '-- /* not a comment;'"), at(1, "SELECT 2")),
                of("delimiter and doubled quote in a double-quoted name", "SELECT 1 AS \"a;\"\"b\"; SELECT 2",
                        at(1, "SELECT 1 AS \"a;\"\"b\""), at(1, "SELECT 2")),
                of("apostrophe in a double-quoted name", "SELECT 1 AS \"it's\"; SELECT 2",
                        at(1, "SELECT 1 AS \"it's\""), at(1, "SELECT 2")),
                of("a string spanning lines moves the next statement's line", "SELECT 'a\nb;\nc';\nSELECT 2;",
                        at(1, "SELECT 'a\nb;\nc'"), at(4, "SELECT 2")),
                of("CRLF line ends", "SELECT 1;\r\n\r\nSELECT\r\n  2;\r\n-- x\r\nSELECT 3",
                        at(1, "SELECT 1"), at(3, "SELECT\r\n  2"), at(6, "SELECT 3")),
                of("CRLF inside comments and strings", "/* a\r\nb */\r\nSELECT 'x\r\ny';\r\nSELECT 2",
                        at(3, "SELECT 'x\r\ny'"), at(5, "SELECT 2")),
                of("lone CR line ends", "SELECT 1;\r\rSELECT 2;\r-- it's\rSELECT 3",
                        at(1, "SELECT 1"), at(3, "SELECT 2"), at(5, "SELECT 3")),
                of("a leading byte order mark is ignored", "\uFEFFSELECT 1;\nSELECT 2", at(1, "SELECT 1"), at(2, "SELECT 2")),
                of("a byte order mark before a comment", "\uFEFF-- header\nSELECT 1", at(2, "SELECT 1")),
                of("the line is that of the first token after comments", "/* a\n;\n*/\n\n   SELECT 1; -- b\n-- c\nSELECT 2",
                        at(5, "SELECT 1"), at(7, "SELECT 2")),
                of("a line comment at the very end", "SELECT 1;\n-- end", at(1, "SELECT 1")));
    }

    static Stream<Arguments> casesUnderEveryFamily() {
        return Arrays.stream(SplitRules.values())
                .flatMap(rules -> commonCases().map(c -> Arguments.of(rules, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesUnderEveryFamily")
    void splitsByTheSharedRules(SplitRules rules, SplitCase c) {
        assertThat(SqlSplitter.split("test.sql", c.script(), rules)).containsExactlyElementsOf(c.expected());
    }
}
