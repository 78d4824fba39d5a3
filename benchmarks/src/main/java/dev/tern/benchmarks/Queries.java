package dev.tern.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small queries for checks, outside any measurement. */
final class Queries {
    private Queries() {
    }

    /**
     * Runs the first of the queries that succeeds (tools quote their table names differently on
     * each database) and returns its single number.
     *
     * @throws SQLException the last failure if none succeeds
     */
    static long firstCount(Connection c, String... queries) throws SQLException {
        SQLException last = null;
        for (String q : queries) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                last = e;
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        }
        throw last;
    }

    /**
     * A query written with identifiers in braces, as three variants: unquoted, double-quoted and
     * back-ticked (Flyway quotes its names as given, so on H2 they stay lower-case).
     */
    static String[] variants(String template) {
        return new String[] {
            template.replaceAll("\\{(\\w+)}", "$1"),
            template.replaceAll("\\{(\\w+)}", "\"$1\""),
            template.replaceAll("\\{(\\w+)}", "`$1`"),
        };
    }
}
