package dev.tern.migration.jdbc.realworld;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One row of Tern's history table {@code tern_history}, read with plain SQL rather than through
 * Tern, so the tests see what is really stored.
 *
 * @param pluginId the plugin
 * @param version the step version as stored
 * @param description the step description
 * @param kind SQL or JAVA
 * @param checksum the checksum, or null
 * @param direction UP or DOWN
 * @param status SUCCESS or FAILED
 * @param attempts the number of attempts
 * @param error the error of a failed row, or null
 */
record HistoryRow(String pluginId, String version, String description, String kind, String checksum,
                  String direction, String status, int attempts, String error) {

    /**
     * Reads one plugin's history in insertion order (the store keeps rows of its own, such as its
     * format version, under other plugin ids).
     *
     * @param dataSource the database holding {@code tern_history} in its current schema
     * @param pluginId the plugin
     * @return the plugin's rows, oldest first
     * @throws SQLException if the table cannot be read
     */
    static List<HistoryRow> read(DataSource dataSource, String pluginId) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT plugin_id, version, description, kind, checksum,"
                     + " direction, status, attempts, error FROM tern_history WHERE plugin_id = ? ORDER BY id")) {
            ps.setString(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HistoryRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9)));
                }
            }
        }
        return rows;
    }
}
