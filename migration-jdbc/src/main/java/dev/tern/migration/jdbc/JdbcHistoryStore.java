package dev.tern.migration.jdbc;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStoreException;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Direction;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.HistoryStore;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import dev.tern.migration.jdbc.internal.TimestampText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history kept in a table of the migrated database (default {@code tern_history}), on H2,
 * PostgreSQL or MariaDB/MySQL.
 *
 * <p>Columns: {@code id} (auto-increment, insertion order), {@code plugin_id}, {@code version},
 * {@code description}, {@code kind} ({@code SQL}/{@code JAVA}, or {@code BASELINE}/{@code REPAIR}
 * for the rows written by a baseline or a repair), {@code checksum} (nullable),
 * {@code direction} ({@code UP}/{@code DOWN}), {@code status} ({@code SUCCESS}/{@code FAILED}, or
 * the {@code STARTED} marker written before a step that runs without a transaction),
 * {@code attempts}, {@code started_at}, {@code finished_at} (UTC, millisecond precision, stored
 * without time zone so every database and session time zone reads the same instant),
 * {@code execution_ms}, {@code installed_by} and {@code error} (nullable long text, cut to
 * {@value #MAX_ERROR_LENGTH} characters). An index on {@code (plugin_id, version)} serves
 * look-ups; it is not unique, because a step may have several rows (a failure, then a success; an
 * up, then a down).
 *
 * <p>Format versioning: {@link #prepare()} writes a marker row with id {@code -1}, plugin id
 * {@value #FORMAT_MARKER} (never a valid plugin id), version {@value #FORMAT_VERSION} (the history
 * format) and description {@code history format}. {@link #read()} leaves marker rows out and
 * refuses a table whose marker has a newer major format. Minor formats only add to the table and
 * stay readable.
 *
 * <p>Names: the schema and table come only from the validated {@link HistoryLocation} and are
 * written quoted after being folded like the database folds unquoted names (PostgreSQL lower case,
 * H2 upper case, MariaDB as given), so they mean the same table as when written without quotes.
 * With a schema (a database, on MariaDB), {@link #prepare()} creates it when it does not exist.
 *
 * <p>Rows are only appended, except by a repair: {@link #updateChecksum} and {@link #delete} change
 * one row by id (never the format marker).
 *
 * <p>Thread-safe: each call uses its own connection (or the caller's); an {@link #appender} is
 * bound to its caller's connection and used by one thread.
 */
public final class JdbcHistoryStore implements HistoryStore {
    /** The plugin id of the format marker row; it can never be a plugin id. */
    public static final String FORMAT_MARKER = "$tern";
    /** The history format this Tern writes and reads. */
    public static final String FORMAT_VERSION = "1.0.0";
    /** The longest error text stored; longer errors keep their start and say how much was cut. */
    public static final int MAX_ERROR_LENGTH = 32_000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcHistoryStore.class);
    private static final String FORMAT_DESCRIPTION = "history format";
    /** Below every generated id (and not 0, which MariaDB would replace by a generated one). */
    private static final long MARKER_ID = -1;
    private static final int MAX_DESCRIPTION_LENGTH = 1000;
    private static final int MAX_INSTALLED_BY_LENGTH = 255;
    private static final int PREPARE_ATTEMPTS = 3;
    private static final String COLUMNS = "plugin_id, version, description, kind, checksum, direction, status, "
            + "attempts, started_at, finished_at, execution_ms, installed_by, error";

    private final DataSource dataSource;
    private final HistoryLocation location;
    private final DatabaseFamily family;
    private final String table;
    private final String selectSql;
    private final String insertSql;
    private final String selectMarkerSql;
    private final String insertMarkerSql;
    private final String updateChecksumSql;
    private final String deleteSql;

    /**
     * Creates a store; touches no database.
     *
     * @param dataSource where the history table lives, not null
     * @param dialect the database's dialect ({@code h2}, {@code postgresql} or {@code mariadb}), not null
     * @param location the history schema and table, not null
     * @throws dev.tern.migration.api.ConfigurationException with {@code UNSUPPORTED_DATABASE} if the
     *     dialect is not one of those
     */
    public JdbcHistoryStore(DataSource dataSource, Dialect dialect, HistoryLocation location) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.location = Objects.requireNonNull(location, "location");
        this.family = DatabaseFamily.require(Objects.requireNonNull(dialect, "dialect"));
        this.table = family.qualifiedTable(location);
        this.selectSql = "SELECT id, plugin_id, version, description, kind, checksum, direction, status, attempts, "
                + family.timestampText("started_at") + ", " + family.timestampText("finished_at")
                + ", execution_ms, installed_by, error FROM " + table + " ORDER BY id";
        this.insertSql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.selectMarkerSql = "SELECT version FROM " + table + " WHERE plugin_id = ?";
        this.insertMarkerSql = "INSERT INTO " + table + " (" + COLUMNS + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        // "AND plugin_id <> ?" keeps the format marker out of reach of a repair.
        this.updateChecksumSql = "UPDATE " + table + " SET checksum = ? WHERE id = ? AND plugin_id <> ?";
        this.deleteSql = "DELETE FROM " + table + " WHERE id = ? AND plugin_id <> ?";
    }

    /** @return where the history table lives */
    public HistoryLocation location() {
        return location;
    }

    /**
     * Reads every entry in one query ({@code SELECT ... ORDER BY id}) on a connection of its own,
     * as {@link #read(Connection)} does. {@inheritDoc}
     *
     * @throws HistoryStoreException with {@code HISTORY_STORE_FAILED} if no connection can be
     *     opened, the query fails for another reason than a missing table or a row cannot be read,
     *     or with {@code HISTORY_FORMAT_UNSUPPORTED} if a newer Tern wrote the table
     */
    @Override
    public List<HistoryEntry> read() {
        try (Connection c = connect()) {
            return read(c);
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    /**
     * Reads every entry in one query ({@code SELECT ... ORDER BY id}) in auto-commit mode, so a
     * missing table does not leave a failed transaction on the connection; a connection found
     * with auto-commit off gets it back off. {@inheritDoc}
     *
     * @throws HistoryStoreException with {@code HISTORY_STORE_FAILED} if the query fails for
     *     another reason than a missing table or a row cannot be read, or with
     *     {@code HISTORY_FORMAT_UNSUPPORTED} if a newer Tern wrote the table
     */
    @Override
    public List<HistoryEntry> read(Connection connection) {
        if (connection == null) {
            return read();
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try (PreparedStatement ps = connection.prepareStatement(selectSql); ResultSet rs = ps.executeQuery()) {
                List<HistoryEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String pluginId = rs.getString(2);
                    if (FORMAT_MARKER.equals(pluginId)) {
                        checkFormat(rs.getString(3));
                    } else {
                        entries.add(toEntry(id, pluginId, rs));
                    }
                }
                return entries;
            } catch (SQLException e) {
                if (family.isMissingTable(e)) {
                    return List.of();
                }
                throw e;
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    private HistoryStoreException readFailed(SQLException e) {
        return new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED,
                "cannot read history table " + location.qualifiedName() + ": " + e.getMessage(), e);
    }

    /**
     * Creates the schema (when the location names one and it is absent), the history table, its
     * index and the format marker row, each only if absent. Runs in auto-commit mode; when several
     * nodes race, the loser's {@code CREATE ... IF NOT EXISTS} may still fail on a catalog
     * conflict (PostgreSQL), so the whole sequence is tried up to three times. {@inheritDoc}
     *
     * @throws HistoryStoreException with {@code HISTORY_STORE_FAILED} if the table cannot be
     *     created, or with {@code HISTORY_FORMAT_UNSUPPORTED} if a newer Tern wrote the table
     */
    @Override
    public void prepare() {
        SQLException last = null;
        for (int attempt = 1; attempt <= PREPARE_ATTEMPTS; attempt++) {
            try (Connection c = connect()) {
                c.setAutoCommit(true);
                createTable(c);
                ensureMarker(c);
                return;
            } catch (SQLException e) {
                last = e;
                LOG.debug("preparing history table {} failed (attempt {} of {}): {}",
                        location.qualifiedName(), attempt, PREPARE_ATTEMPTS, e.getMessage());
            }
        }
        throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED,
                "cannot create history table " + location.qualifiedName() + ": " + last.getMessage(), last);
    }

    private void createTable(Connection c) throws SQLException {
        List<String> ddl = family.createHistoryTable(location);
        try (var st = c.createStatement()) {
            try {
                st.execute(ddl.get(0));
            } catch (SQLException e) {
                if (location.schema() == null || !family.isMissingSchema(e)) {
                    throw e;
                }
                // Only now create the schema: CREATE SCHEMA may need a privilege that using an
                // existing schema does not.
                LOG.info("creating history schema {}", location.schema());
                st.execute(family.createSchema(location.schema()));
                st.execute(ddl.get(0));
            }
            for (String sql : ddl.subList(1, ddl.size())) {
                st.execute(sql);
            }
        }
    }

    private void ensureMarker(Connection c) throws SQLException {
        if (markerPresent(c)) {
            return;
        }
        // The marker has a fixed id, so nodes racing here insert it once: the losers' inserts
        // fail on the primary key, and they find the winner's marker.
        Instant now = Instant.now();
        try {
            insertMarker(c, new HistoryEntry(MARKER_ID, FORMAT_MARKER, Version.parse(FORMAT_VERSION),
                    FORMAT_DESCRIPTION, StepKind.SQL, null, Direction.UP, Status.SUCCESS, 1, now, now, Duration.ZERO,
                    "tern", null));
            LOG.info("created history table {} (format {})", location.qualifiedName(), FORMAT_VERSION);
        } catch (SQLException e) {
            if (!markerPresent(c)) {
                throw e;
            }
        }
    }

    private boolean markerPresent(Connection c) throws SQLException {
        boolean found = false;
        try (PreparedStatement ps = c.prepareStatement(selectMarkerSql)) {
            ps.setString(1, FORMAT_MARKER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checkFormat(rs.getString(1));
                    found = true;
                }
            }
        }
        return found;
    }

    private void checkFormat(String written) {
        int major;
        try {
            major = Version.parse(written).major();
        } catch (MigrationException e) {
            major = Integer.MAX_VALUE;
        }
        if (major > Version.parse(FORMAT_VERSION).major()) {
            throw new HistoryStoreException(ErrorCode.HISTORY_FORMAT_UNSUPPORTED, "history table "
                    + location.qualifiedName() + " has format " + written + ", written by a newer Tern; this Tern reads format "
                    + FORMAT_VERSION + " only; upgrade Tern");
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>All values are bound as parameters; timestamps are cut to milliseconds and stored as UTC.
     * Without a caller's connection the row is committed before this method returns.
     *
     * @throws HistoryStoreException with {@code HISTORY_STORE_FAILED} if the insert fails
     */
    @Override
    public void append(HistoryEntry entry, Connection connection) {
        Objects.requireNonNull(entry, "entry");
        try {
            if (connection != null) {
                try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
                    insert(ps, entry);
                }
                return;
            }
            try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(insertSql)) {
                insert(ps, entry);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        } catch (SQLException e) {
            throw writeFailed(entry, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The {@code INSERT} is prepared on the first append and reused for the next ones; closing
     * the appender closes it.
     *
     * @throws HistoryStoreException from {@link Appender#append} with {@code HISTORY_STORE_FAILED}
     *     if the insert fails; from {@link Appender#close()} never (a failure to close the
     *     statement is logged: the connection's owner closes or discards it next)
     */
    @Override
    public Appender appender(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new Appender() {
            private PreparedStatement insert;

            @Override
            public void append(HistoryEntry entry) {
                Objects.requireNonNull(entry, "entry");
                try {
                    if (insert == null) {
                        insert = connection.prepareStatement(insertSql);
                    }
                    insert(insert, entry);
                } catch (SQLException e) {
                    throw writeFailed(entry, e);
                }
            }

            @Override
            public void close() {
                if (insert == null) {
                    return;
                }
                try {
                    insert.close();
                } catch (SQLException e) {
                    LOG.debug("could not close the history insert of an appender", e);
                }
                insert = null;
            }
        };
    }

    private HistoryStoreException writeFailed(HistoryEntry entry, SQLException e) {
        return new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "cannot write to history table "
                + location.qualifiedName() + ": " + e.getMessage(), entry.pluginId(), entry.version().toString(),
                null, 0, e);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code UPDATE} with bound parameters, committed before this method returns. The
     * format marker row cannot be changed.
     *
     * @throws HistoryStoreException with {@code HISTORY_STORE_FAILED} if the update fails or no
     *     row has that id
     */
    @Override
    public void updateChecksum(long id, String checksum) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(updateChecksumSql)) {
            setNullableString(ps, 1, checksum);
            ps.setLong(2, id);
            ps.setString(3, FORMAT_MARKER);
            expectOneRow(c, ps.executeUpdate(), id);
        } catch (SQLException e) {
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "cannot update the checksum of row " + id
                    + " of history table " + location.qualifiedName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code DELETE} with bound parameters, committed before this method returns. The format
     * marker row cannot be deleted.
     *
     * @throws HistoryStoreException with {@code HISTORY_STORE_FAILED} if the delete fails or no
     *     row has that id
     */
    @Override
    public void delete(long id) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(deleteSql)) {
            ps.setLong(1, id);
            ps.setString(2, FORMAT_MARKER);
            expectOneRow(c, ps.executeUpdate(), id);
        } catch (SQLException e) {
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "cannot delete row " + id
                    + " of history table " + location.qualifiedName() + ": " + e.getMessage(), e);
        }
    }

    private void expectOneRow(Connection c, int rows, long id) throws SQLException {
        if (rows != 1) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "history table "
                    + location.qualifiedName() + " has no row with id " + id);
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Inserts the format marker with its fixed id. */
    private void insertMarker(Connection c, HistoryEntry marker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertMarkerSql)) {
            ps.setLong(14, marker.id());
            insert(ps, marker);
        }
    }

    /** Binds an entry to an insert of {@link #COLUMNS} (parameters 1 to 13) and runs it. */
    private static void insert(PreparedStatement ps, HistoryEntry e) throws SQLException {
        ps.setString(1, e.pluginId());
        ps.setString(2, e.version().toString());
        ps.setString(3, cut(e.description(), MAX_DESCRIPTION_LENGTH));
        ps.setString(4, e.kind().name());
        setNullableString(ps, 5, e.checksum());
        ps.setString(6, e.direction().name());
        ps.setString(7, e.status().name());
        ps.setInt(8, e.attempts());
        ps.setObject(9, utc(e.startedAt()));
        ps.setObject(10, utc(e.finishedAt()));
        ps.setLong(11, e.executionTime().toMillis());
        ps.setString(12, cut(e.installedBy(), MAX_INSTALLED_BY_LENGTH));
        setNullableString(ps, 13, e.error() == null ? null : truncateError(e.error()));
        ps.executeUpdate();
    }

    private HistoryEntry toEntry(long id, String pluginId, ResultSet rs) throws SQLException {
        try {
            return new HistoryEntry(id, pluginId, Version.parse(rs.getString(3)), rs.getString(4),
                    StepKind.valueOf(rs.getString(5)), rs.getString(6), Direction.valueOf(rs.getString(7)),
                    Status.valueOf(rs.getString(8)), rs.getInt(9), instant(rs, 10), instant(rs, 11),
                    Duration.ofMillis(rs.getLong(12)), rs.getString(13), rs.getString(14));
        } catch (MigrationException | IllegalArgumentException | NullPointerException e) {
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "history table " + location.qualifiedName()
                    + " row id " + id + " is malformed: " + e.getMessage(), pluginId, null, null, 0, e);
        }
    }

    /**
     * Reads a UTC timestamp column, selected as {@link DatabaseFamily#timestampText text}. The text
     * is decoded here, which costs a fraction of the drivers' {@code LocalDateTime} decoding; a text
     * of another shape is read as a {@code LocalDateTime} instead.
     */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        Instant decoded = text == null ? null : TimestampText.parseUtc(text);
        if (text == null || decoded != null) {
            return decoded;
        }
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /**
     * Cuts an error text to {@link #MAX_ERROR_LENGTH} characters, keeping its start (where the
     * message is) and saying how many characters were left out.
     *
     * @param error the error text, not null
     * @return the text itself if short enough, else its start and a note
     */
    static String truncateError(String error) {
        if (error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        // 64 characters hold the note for any int length.
        String head = cut(error, MAX_ERROR_LENGTH - 64);
        return head + "\n... [" + (error.length() - head.length()) + " more characters cut]";
    }

    /** Cuts to at most {@code max} characters without splitting a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public String toString() {
        return "JdbcHistoryStore[" + family.name().toLowerCase(java.util.Locale.ROOT) + " " + location.qualifiedName() + "]";
    }
}
