package dev.tern.migration.jdbc.badinput;

import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything in a fresh test database, for "nothing was applied": every table of its schema (lower
 * case name) with every row (all columns, as text), rows sorted. The tables are a few rows each,
 * so reading them all is cheap.
 */
final class DatabaseSnapshot {
    private DatabaseSnapshot() {
    }

    /**
     * @param db the database
     * @return table name (lower case) to its rows, each row its columns joined by {@code |}
     * @throws SQLException if the database cannot be read
     */
    static Map<String, List<String>> of(FreshDatabase db) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = switch (db.kind()) {
                case H2 -> meta.getTables(null, "PUBLIC", "%", new String[] {"TABLE"});
                case POSTGRESQL -> meta.getTables(null, db.name(), "%", new String[] {"TABLE"});
                case MARIADB -> meta.getTables(db.name(), null, "%", new String[] {"TABLE"});
            }) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String name : names) {
                tables.put(name.toLowerCase(Locale.ROOT), rows(c, db.kind(), name));
            }
        }
        return tables;
    }

    private static List<String> rows(Connection c, TestDatabase kind, String table) throws SQLException {
        String quoted = kind == TestDatabase.MARIADB ? "`" + table + "`" : "\"" + table + "\"";
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + quoted)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
