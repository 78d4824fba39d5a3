package dev.tern.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The data step: rewrite every row of {@code data_src} into {@code data_dst} (amount doubled, label
 * upper-cased), reading one key range and writing it with one JDBC batch at a time. Every tool runs
 * exactly this code on the connection it gives its Java steps.
 */
public final class DataRewrite {
    /** Rows read and written per batch. */
    public static final int BATCH = 5_000;

    private DataRewrite() {
    }

    /**
     * Creates and fills {@code data_src} with {@code rows} rows and creates an empty {@code data_dst}
     * (set-up, not measured: the database generates the rows itself).
     *
     * @param c a connection
     * @param kind the database
     * @param rows how many rows
     * @throws SQLException on a database error
     */
    public static void fill(Connection c, DatabaseKind kind, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE data_src (id BIGINT PRIMARY KEY, amount INT NOT NULL, label VARCHAR(40) NOT NULL)");
            s.execute("CREATE TABLE data_dst (id BIGINT PRIMARY KEY, amount INT NOT NULL, label VARCHAR(40) NOT NULL)");
            String generate = switch (kind) {
                case H2_MEM, H2_FILE -> "INSERT INTO data_src SELECT X, MOD(X, 1000), CONCAT('row-', X) FROM SYSTEM_RANGE(1, " + rows + ")";
                case POSTGRESQL -> "INSERT INTO data_src SELECT g, g % 1000, 'row-' || g FROM generate_series(1, " + rows + ") g";
                case MARIADB -> "INSERT INTO data_src SELECT seq, seq % 1000, CONCAT('row-', seq) FROM seq_1_to_" + rows;
            };
            s.execute(generate);
            if (kind == DatabaseKind.POSTGRESQL) {
                s.execute("ANALYZE data_src");
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * The step itself; runs inside whatever transaction the caller has opened.
     *
     * @param c the step's connection
     * @param rows how many rows {@code data_src} holds (ids 1..rows)
     * @throws SQLException on a database error
     */
    public static void rewrite(Connection c, int rows) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT id, amount, label FROM data_src WHERE id BETWEEN ? AND ?");
             PreparedStatement write = c.prepareStatement("INSERT INTO data_dst (id, amount, label) VALUES (?, ?, ?)")) {
            for (long from = 1; from <= rows; from += BATCH) {
                read.setLong(1, from);
                read.setLong(2, Math.min(rows, from + BATCH - 1));
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        write.setLong(1, rs.getLong(1));
                        write.setInt(2, rs.getInt(2) * 2);
                        write.setString(3, rs.getString(3).toUpperCase(java.util.Locale.ROOT));
                        write.addBatch();
                    }
                }
                write.executeBatch();
            }
        }
    }

    /**
     * @param c a connection
     * @return the number of rows in {@code data_dst}
     * @throws SQLException on a database error
     */
    public static long written(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM data_dst")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
