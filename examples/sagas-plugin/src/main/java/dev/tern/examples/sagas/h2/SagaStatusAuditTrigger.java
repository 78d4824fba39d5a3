package dev.tern.examples.sagas.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * The H2 form of the {@code sagas} plugin's status audit (step 1.1.0): after an update of a row of
 * {@code sagas} whose status changed, inserts a row into {@code saga_audit_events}. PostgreSQL and
 * MariaDB do the same with a PL/pgSQL function and a trigger body written in SQL; H2 runs triggers
 * as Java classes, which it instantiates once per trigger and table.
 *
 * <p>Needs H2 on the class path only where H2 is used; the plugin declares it optional.
 */
public final class SagaStatusAuditTrigger implements Trigger {
    private int idColumn = -1;
    private int statusColumn = -1;

    /** Creates the trigger; called by H2. */
    public SagaStatusAuditTrigger() {
    }

    /**
     * Finds the positions of the {@code id} and {@code status} columns, so the trigger does not
     * depend on the column order of {@code sagas}.
     *
     * @throws SQLException if the table has no such columns
     */
    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT COLUMN_NAME, ORDINAL_POSITION"
                + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            st.setString(1, schemaName);
            st.setString(2, tableName);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1).toLowerCase(java.util.Locale.ROOT)) {
                        case "id" -> idColumn = rs.getInt(2) - 1;
                        case "status" -> statusColumn = rs.getInt(2) - 1;
                        default -> { }
                    }
                }
            }
        }
        if (idColumn < 0 || statusColumn < 0) {
            throw new SQLException("table " + schemaName + "." + tableName + " has no id or status column for trigger "
                    + triggerName);
        }
    }

    /**
     * Inserts an audit row when the status changed.
     *
     * @throws SQLException if the insert fails
     */
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow == null || newRow == null || Objects.equals(oldRow[statusColumn], newRow[statusColumn])) {
            return;
        }
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO saga_audit_events (saga_id, old_status,"
                + " new_status, changed_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            st.setObject(1, newRow[idColumn]);
            st.setObject(2, oldRow[statusColumn]);
            st.setObject(3, newRow[statusColumn]);
            st.executeUpdate();
        }
    }
}
