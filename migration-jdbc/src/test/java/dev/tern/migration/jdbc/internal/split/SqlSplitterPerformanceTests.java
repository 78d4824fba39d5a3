package dev.tern.migration.jdbc.internal.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.database.SqlStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A megabyte-sized script splits well under a second, and inputs that would make a careless
 * lexer quadratic (long near-miss dollar tags, deep comment nesting) stay linear.
 */
class SqlSplitterPerformanceTests {

    private static final int ONE_MEGABYTE = 1 << 20;

    @Test
    void splitsAMegabyteScriptWellUnderASecond() {
        StringBuilder script = new StringBuilder(ONE_MEGABYTE + 200);
        int expected = 0;
        while (script.length() < ONE_MEGABYTE) {
            script.append("-- row ").append(expected).append(": it's fine\r\n")
                    .append("INSERT INTO t (a, b, c) VALUES (").append(expected)
                    .append(", 'x;''y', \"q\") /* c; ' */;\n")
                    .append("CREATE FUNCTION f").append(expected).append("() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;\n");
            expected += 2;
        }
        String text = script.toString();
        SqlSplitter.split("big.sql", text, SplitRules.POSTGRESQL); // warm-up

        long started = System.nanoTime();
        List<SqlStatement> statements = SqlSplitter.split("big.sql", text, SplitRules.POSTGRESQL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(statements).hasSize(expected);
        assertThat(statements.get(expected - 1).line()).isEqualTo(expected / 2 * 3);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void staysLinearOnNearMissDollarTags() {
        String tag = "$" + "a".repeat(50_000) + "$";
        String nearMiss = "$" + "a".repeat(49_999) + "b$";
        String text = "SELECT " + tag + " " + nearMiss.repeat(20) + " " + tag + "; SELECT 2";

        long started = System.nanoTime();
        List<SqlStatement> statements = SqlSplitter.split("tags.sql", text, SplitRules.POSTGRESQL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(statements).extracting(SqlStatement::sql).last().isEqualTo("SELECT 2");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void staysLinearOnDeeplyNestedComments() {
        int depth = 200_000;
        String text = "/*".repeat(depth) + " ; ".repeat(1000) + "*/".repeat(depth) + " SELECT 1";

        long started = System.nanoTime();
        List<SqlStatement> statements = SqlSplitter.split("nested.sql", text, SplitRules.POSTGRESQL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(statements).extracting(SqlStatement::sql).containsExactly("SELECT 1");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }
}
