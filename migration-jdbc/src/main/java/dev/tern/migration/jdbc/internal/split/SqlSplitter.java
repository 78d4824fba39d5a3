package dev.tern.migration.jdbc.internal.split;

import dev.tern.migration.api.database.SqlStatement;
import java.util.List;

/** Splits SQL scripts into statements. Being written on the splitter branch. */
public final class SqlSplitter {
    private SqlSplitter() {
    }

    /**
     * @param source the script's name for messages
     * @param script the script text
     * @param rules the database family's rules
     * @return the statements
     */
    public static List<SqlStatement> split(String source, String script, SplitRules rules) {
        throw new UnsupportedOperationException("splitter not written yet");
    }
}
