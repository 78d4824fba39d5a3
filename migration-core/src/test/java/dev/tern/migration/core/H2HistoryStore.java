package dev.tern.migration.core;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStoreException;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A minimal JDBC history store on H2 for the core tests (the real one lives in migration-jdbc). */
public final class H2HistoryStore implements HistoryStore {
    private final DataSource dataSource;
    private final String table;

    H2HistoryStore(DataSource dataSource, HistoryLocation location) {
        this.dataSource = dataSource;
        this.table = location.qualifiedName();
    }

    @Override
    public List<HistoryEntry> read() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement(
                    "select count(*) from information_schema.tables where upper(table_name) = upper(?)")) {
                exists.setString(1, table.substring(table.indexOf('.') + 1));
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return List.of();
                    }
                }
            }
            List<HistoryEntry> entries = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select * from " + table + " order by id")) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getLong("id"), rs.getString("plugin_id"),
                            Version.parse(rs.getString("version")), rs.getString("description"),
                            StepKind.valueOf(rs.getString("kind")), rs.getString("checksum"),
                            Direction.valueOf(rs.getString("direction")), Status.valueOf(rs.getString("status")),
                            rs.getInt("attempts"), rs.getTimestamp("started_at").toInstant(),
                            rs.getTimestamp("finished_at").toInstant(), Duration.ofMillis(rs.getLong("execution_ms")),
                            rs.getString("installed_by"), rs.getString("error")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void prepare() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("create table if not exists " + table + " (id bigint auto_increment primary key,"
                    + " plugin_id varchar(64) not null, version varchar(100) not null, description varchar(200) not null,"
                    + " kind varchar(8) not null, checksum varchar(64), direction varchar(4) not null,"
                    + " status varchar(8) not null, attempts int not null, started_at timestamp not null,"
                    + " finished_at timestamp not null, execution_ms bigint not null, installed_by varchar(100) not null,"
                    + " error varchar(100000))");
        } catch (SQLException e) {
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "prepare failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(HistoryEntry entry, Connection connection) {
        try {
            if (connection != null) {
                insert(entry, connection);
            } else {
                try (Connection own = dataSource.getConnection()) {
                    insert(entry, own);
                }
            }
        } catch (SQLException e) {
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "append failed: " + e.getMessage(), e);
        }
    }

    private void insert(HistoryEntry e, Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into " + table + " (plugin_id, version, description, kind,"
                + " checksum, direction, status, attempts, started_at, finished_at, execution_ms, installed_by, error)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, e.pluginId());
            st.setString(2, e.version().toString());
            st.setString(3, e.description());
            st.setString(4, e.kind().name());
            st.setString(5, e.checksum());
            st.setString(6, e.direction().name());
            st.setString(7, e.status().name());
            st.setInt(8, e.attempts());
            st.setTimestamp(9, Timestamp.from(e.startedAt()));
            st.setTimestamp(10, Timestamp.from(e.finishedAt()));
            st.setLong(11, e.executionTime().toMillis());
            st.setString(12, e.installedBy());
            st.setString(13, e.error());
            st.executeUpdate();
        }
    }
}
