package dev.tern.migration.core;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only H2 dialect: splits on semicolons outside single-quoted strings, skips {@code --}
 * comments, reports an unterminated string. Transactional DDL is configurable so the
 * non-transactional path (as on MariaDB) can be exercised on H2 with DML.
 */
public final class TestDialect implements Dialect {
    private final boolean transactionalDdl;

    /** @param transactionalDdl what {@link #supportsTransactionalDdl()} answers */
    public TestDialect(boolean transactionalDdl) {
        this.transactionalDdl = transactionalDdl;
    }

    @Override
    public String id() {
        return "h2";
    }

    @Override
    public List<String> variants() {
        return List.of("h2");
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return transactionalDdl;
    }

    @Override
    public List<SqlStatement> split(String source, String script) {
        List<SqlStatement> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int start = -1;
        int stringLine = -1;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (stringLine > 0) {
                current.append(c);
                if (c == '\'') {
                    stringLine = -1;
                } else if (c == '\n') {
                    line++;
                }
                continue;
            }
            if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i + 1 < script.length() && script.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == ';') {
                flush(out, current, start);
                start = -1;
                continue;
            }
            if (c == '\n') {
                line++;
            } else if (!Character.isWhitespace(c) && start < 0) {
                start = line;
            }
            if (c == '\'') {
                stringLine = line;
            }
            current.append(c);
        }
        if (stringLine > 0) {
            throw new StepDefinitionException(ErrorCode.SQL_PARSE_ERROR, "unterminated string literal", null, null,
                    source, stringLine, null);
        }
        flush(out, current, start);
        return out;
    }

    private static void flush(List<SqlStatement> out, StringBuilder current, int start) {
        String sql = current.toString().trim();
        if (!sql.isEmpty()) {
            out.add(new SqlStatement(sql, start));
        }
        current.setLength(0);
    }

    @Override
    public boolean isTransient(SQLException error) {
        return false;
    }
}
