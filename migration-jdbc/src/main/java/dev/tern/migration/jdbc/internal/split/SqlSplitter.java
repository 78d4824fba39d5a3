package dev.tern.migration.jdbc.internal.split;

import dev.tern.migration.api.database.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits SQL scripts into statements under one database family's {@link SplitRules}, with a small
 * hand-written lexer (no maintained standalone splitter exists; see the project's STYLE.md).
 *
 * <p>What it guarantees, for every family:
 * <ul>
 *   <li>a delimiter inside a string, quoted identifier, dollar quote or comment never splits;
 *       apostrophes and quotes inside comments are inert;</li>
 *   <li>each statement's text runs from its first to its last significant token: comments inside
 *       it are kept, comments before it or after its last token are dropped, and the delimiter is
 *       not included;</li>
 *   <li>chunks holding only comments or nothing ({@code ;;}) yield no statement, so a script of
 *       comments yields an empty list; the last statement needs no delimiter;</li>
 *   <li>each statement carries the 1-based line of its first significant token, counting
 *       {@code \n}, {@code \r\n} and lone {@code \r} as line ends; a leading byte order mark is
 *       ignored.</li>
 * </ul>
 *
 * <p>Runs in time linear in the script's length (one pass over its characters). Stateless and
 * safe to call from several threads at once.
 */
public final class SqlSplitter {
    private SqlSplitter() {
    }

    /**
     * Splits a script into statements.
     *
     * @param source the script's name for error messages, e.g. {@code db/jobs/V1__init.sql}; may be
     *     null when unknown
     * @param script the script text, not null
     * @param rules the database family's lexical rules, not null
     * @return the statements in script order, trimmed and without their delimiters; empty if the
     *     script holds only comments, whitespace and delimiters; a new mutable list
     * @throws dev.tern.migration.api.StepDefinitionException with {@code SQL_PARSE_ERROR}, the
     *     source and the line where the token starts, if a single-quoted string, double-quoted
     *     identifier or string, backtick identifier, block comment or dollar-quoted string is not
     *     closed, or (MariaDB/MySQL) a {@code DELIMITER} command has no argument; plugin and
     *     version are left for the caller to add
     * @throws NullPointerException if {@code script} or {@code rules} is null
     */
    public static List<SqlStatement> split(String source, String script, SplitRules rules) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(rules, "rules");
        char[] text = script.toCharArray();
        LineCounter lines = new LineCounter(text);
        SqlLexer lexer = new SqlLexer(text, rules, source, lines);
        AtomicBodyTracker body = rules.atomicBodies() ? new AtomicBodyTracker() : null;
        List<SqlStatement> statements = new ArrayList<>();
        int start = -1;
        int end = -1;
        int line = 0;
        while (true) {
            SqlLexer.Kind kind = lexer.next();
            switch (kind) {
                case END:
                    if (start >= 0) {
                        statements.add(new SqlStatement(new String(text, start, end - start), line));
                    }
                    return statements;
                case COMMENT:
                    break;
                case DELIMITER:
                    if (start >= 0 && body != null && body.insideBody()) {
                        // A semicolon between the statements of a BEGIN ATOMIC body.
                        end = lexer.tokenEnd();
                        body.acceptOther();
                    } else if (start >= 0) {
                        statements.add(new SqlStatement(new String(text, start, end - start), line));
                        start = -1;
                    }
                    break;
                default:
                    if (start < 0) {
                        if (kind == SqlLexer.Kind.WORD && rules.delimiterCommand() && lexer.wordIs("DELIMITER")
                                && lexer.blankFollows()) {
                            lexer.readDelimiterCommand();
                            break;
                        }
                        start = lexer.tokenStart();
                        line = lines.lineAt(start);
                        if (body != null) {
                            body.reset();
                        }
                    }
                    end = lexer.tokenEnd();
                    if (body != null) {
                        if (kind == SqlLexer.Kind.WORD) {
                            body.acceptWord(lexer);
                        } else {
                            body.acceptOther();
                        }
                    }
                    break;
            }
        }
    }
}
