package dev.tern.migration.core.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises SQL statements that change the session they run on beyond the step itself, so that
 * the executors stop sharing that connection with later steps ({@link StepConnection}). Judged by
 * the statement's leading keywords, after comments and white space:
 * <ul>
 *   <li>{@code SET ...} (PostgreSQL {@code search_path}, {@code ROLE}, {@code SESSION
 *       AUTHORIZATION}; MariaDB/MySQL variables, {@code NAMES}, {@code autocommit}; H2
 *       {@code SCHEMA}), {@code RESET}, {@code DISCARD}, {@code USE};</li>
 *   <li>{@code CREATE [OR REPLACE] [GLOBAL | LOCAL] TEMP | TEMPORARY ...} (temporary tables,
 *       views, sequences live with the session);</li>
 *   <li>{@code DECLARE} (cursors), {@code PREPARE}, {@code LISTEN}, {@code LOCK} (MariaDB's
 *       {@code LOCK TABLES} holds until the session unlocks or ends);</li>
 *   <li>transaction control ({@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT},
 *       {@code END}, {@code ROLLBACK}): a script that controls transactions may leave one open;</li>
 *   <li>and any statement that calls {@code set_config} (as pg_dump scripts do for
 *       {@code search_path}) or takes a session-level advisory or named lock
 *       ({@code pg_advisory_lock}, {@code GET_LOCK}).</li>
 * </ul>
 * Session changes made inside procedures, {@code DO} blocks or functions called under another
 * name are not recognised; a step that needs them should undo them itself or be a Java step
 * (after which the connection is never shared).
 *
 * <p>Stateless and thread-safe.
 */
final class SessionStatements {
    private static final Set<String> SESSION_KEYWORDS =
            Set.of("SET", "RESET", "DISCARD", "USE", "DECLARE", "PREPARE", "LISTEN", "LOCK",
                    "BEGIN", "START", "COMMIT", "END", "ROLLBACK");
    private static final String[] SESSION_CALLS = {"set_config", "advisory_lock", "get_lock"};

    private SessionStatements() {
    }

    /**
     * @param sql one statement, as split from a script
     * @return true if the statement may change its session beyond the step, as listed above
     */
    static boolean changesSession(String sql) {
        int at = skipSpaceAndComments(sql, 0);
        String first = word(sql, at);
        if (SESSION_KEYWORDS.contains(first)) {
            return true;
        }
        if (first.equals("CREATE") && createsTemporary(sql, at + first.length())) {
            return true;
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String call : SESSION_CALLS) {
            if (lower.contains(call)) {
                return true;
            }
        }
        return false;
    }

    private static boolean createsTemporary(String sql, int at) {
        // CREATE [OR REPLACE] [GLOBAL | LOCAL] TEMP | TEMPORARY
        for (int words = 0; words < 4; words++) {
            at = skipSpaceAndComments(sql, at);
            String word = word(sql, at);
            switch (word) {
                case "TEMP", "TEMPORARY" -> {
                    return true;
                }
                case "OR", "REPLACE", "GLOBAL", "LOCAL" -> at += word.length();
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    /** @return the word (letters, digits, underscores) starting at {@code at}, upper case; empty if none */
    private static String word(String sql, int at) {
        int end = at;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return sql.substring(at, end).toUpperCase(Locale.ROOT);
    }

    private static int skipSpaceAndComments(String sql, int at) {
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (sql.startsWith("--", at) || c == '#') {
                int newline = sql.indexOf('\n', at);
                at = newline < 0 ? sql.length() : newline + 1;
            } else if (sql.startsWith("/*", at)) {
                int end = sql.indexOf("*/", at + 2);
                at = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return at;
    }
}
