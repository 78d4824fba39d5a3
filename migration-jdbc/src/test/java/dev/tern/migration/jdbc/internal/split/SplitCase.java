package dev.tern.migration.jdbc.internal.split;

import dev.tern.migration.api.database.SqlStatement;
import java.util.List;

/**
 * One row of a table-driven splitter test: a script and the statements it must split into.
 *
 * @param name what the row shows, used as the test's display name
 * @param script the script text
 * @param expected the statements, in order
 */
record SplitCase(String name, String script, List<SqlStatement> expected) {

    static SplitCase of(String name, String script, SqlStatement... expected) {
        return new SplitCase(name, script, List.of(expected));
    }

    static SqlStatement at(int line, String sql) {
        return new SqlStatement(sql, line);
    }

    @Override
    public String toString() {
        return name;
    }
}
