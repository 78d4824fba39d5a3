package dev.tern.migration.jdbc.realworld;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * What a run built, read from the database's own catalog ({@code information_schema} and
 * {@link DatabaseMetaData}) in the connection's current schema (H2, PostgreSQL) or database
 * (MariaDB), independently of Tern. Names are upper-cased, because PostgreSQL folds unquoted names
 * to lower case, H2 to upper case, and MariaDB keeps them as written. Tern's own tables
 * ({@code TERN_*}) are left out.
 *
 * <p>Not thread-safe; one per test.
 */
final class Catalog {
    private final DataSource dataSource;

    Catalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @return the base tables, upper-cased, sorted, without Tern's
     * @throws SQLException if the catalog cannot be read
     */
    Set<String> tables() throws SQLException {
        return new TreeSet<>(actualTableNames().keySet());
    }

    /**
     * @return the sequences, upper-cased, sorted (MariaDB lists them as tables of type SEQUENCE)
     * @throws SQLException if the catalog cannot be read
     */
    Set<String> sequences() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String sql = isMariaDb(c)
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'SEQUENCE'"
                    : "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = ?";
            return upperNames(c, sql, schemaOf(c));
        }
    }

    /**
     * @param table a table, any case
     * @return the names of its indexes as {@link DatabaseMetaData#getIndexInfo} lists them
     *     (primary-key and unique indexes included), upper-cased, sorted
     * @throws SQLException if the catalog cannot be read
     * @throws IllegalArgumentException if there is no such table
     */
    Set<String> indexes(String table) throws SQLException {
        String actual = actual(table);
        Set<String> names = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), actual, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null) {
                    names.add(name.toUpperCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /**
     * @param table a table, any case
     * @return the primary-key columns in key order, upper-cased; empty if it has none
     * @throws SQLException if the catalog cannot be read
     * @throws IllegalArgumentException if there is no such table
     */
    List<String> primaryKey(String table) throws SQLException {
        String actual = actual(table);
        Map<Integer, String> columns = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getPrimaryKeys(c.getCatalog(), c.getSchema(), actual)) {
            while (rs.next()) {
                columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(columns.values());
    }

    /**
     * @param table a table, any case
     * @return its columns in table order, upper-cased
     * @throws SQLException if the catalog cannot be read
     * @throws IllegalArgumentException if there is no such table
     */
    List<String> columns(String table) throws SQLException {
        String actual = actual(table);
        Map<Integer, String> columns = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), actual, "%")) {
            while (rs.next()) {
                columns.put(rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(columns.values());
    }

    /**
     * @param table a table, any case
     * @return the tables its foreign keys reference, upper-cased, sorted
     * @throws SQLException if the catalog cannot be read
     * @throws IllegalArgumentException if there is no such table
     */
    Set<String> referencedTables(String table) throws SQLException {
        String actual = actual(table);
        Set<String> names = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(), actual)) {
            while (rs.next()) {
                names.add(rs.getString("PKTABLE_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * @return the stored procedures of the MariaDB database, upper-cased, sorted
     * @throws SQLException if the catalog cannot be read
     */
    Set<String> mariaDbProcedures() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return upperNames(c, "SELECT routine_name FROM information_schema.routines"
                    + " WHERE routine_schema = ? AND routine_type = 'PROCEDURE'", schemaOf(c));
        }
    }

    /**
     * Runs a query and returns its rows, each as its columns' string values.
     *
     * @param sql the query, without parameters
     * @return the rows in the query's order
     * @throws SQLException if it fails
     */
    List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private String actual(String table) throws SQLException {
        String actual = actualTableNames().get(table.toUpperCase(Locale.ROOT));
        if (actual == null) {
            throw new IllegalArgumentException("no table " + table + " in " + tables());
        }
        return actual;
    }

    /** Upper-cased name to the name as stored. */
    private Map<String, String> actualTableNames() throws SQLException {
        Map<String, String> names = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
            ps.setString(1, schemaOf(c));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String upper = name.toUpperCase(Locale.ROOT);
                    if (!upper.startsWith("TERN_")) {
                        names.put(upper, name);
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> upperNames(Connection c, String sql, String schema) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toUpperCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static boolean isMariaDb(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql");
    }

    /** The current schema (H2, PostgreSQL) or database (MariaDB, where a schema is a database). */
    private static String schemaOf(Connection c) throws SQLException {
        return isMariaDb(c) ? c.getCatalog() : c.getSchema();
    }
}
