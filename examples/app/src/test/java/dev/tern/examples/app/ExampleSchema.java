package dev.tern.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.examples.jobs.JobsMigrations;
import dev.tern.examples.outbox.OutboxMigrations;
import dev.tern.examples.sagas.SagasMigrations;
import dev.tern.migration.jdbc.JdbcHistoryStore;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the three example plugins leave in a database, and the checks that it is there. Reads the
 * database through {@link DatabaseMetaData}, so the same checks serve H2, PostgreSQL and MariaDB.
 */
final class ExampleSchema {
    /** The plugins in the order the application runs them: outbox needs jobs, sagas needs outbox. */
    static final List<MigrationService> PLUGINS = List.of(new JobsMigrations(), new OutboxMigrations(), new SagasMigrations());

    /** The tables of each plugin. */
    static final Set<String> TABLES = Set.of("workers", "jobs", "job_queue", "audit_logs", "provider_configs",
            "outbox_events", "outbox_dlq", "sagas", "saga_steps", "saga_audit_events");

    /** Indexes created by name (constraint-backed indexes are named differently per database). */
    static final Map<String, Set<String>> INDEXES = Map.of(
            "jobs", Set.of("idx_jobs_status_scheduled", "idx_jobs_worker", "idx_jobs_type_status"),
            "job_queue", Set.of("idx_job_queue_poll"),
            "audit_logs", Set.of("idx_audit_logs_job", "idx_audit_logs_actor"),
            "outbox_events", Set.of("idx_outbox_events_aggregate", "idx_outbox_events_unpublished",
                    "uq_outbox_events_event_key"),
            "outbox_dlq", Set.of("idx_outbox_dlq_failed"),
            "sagas", Set.of("idx_sagas_type_status"),
            "saga_steps", Set.of("idx_saga_steps_status"),
            "saga_audit_events", Set.of("idx_saga_audit_events_saga"));

    private ExampleSchema() {
    }

    /** @return "plugin version" of every step of every plugin, in run order */
    static List<String> expectedSteps() {
        List<String> steps = new ArrayList<>();
        for (MigrationService plugin : PLUGINS) {
            plugin.steps().stream().map(Step::version).sorted()
                    .forEach(v -> steps.add(plugin.pluginId() + " " + v));
        }
        return steps;
    }

    /** @return the kind of each step, keyed as in {@link #expectedSteps()} */
    static Map<String, String> expectedKinds() {
        Map<String, String> kinds = new HashMap<>();
        for (MigrationService plugin : PLUGINS) {
            plugin.steps().forEach(s -> kinds.put(plugin.pluginId() + " " + s.version(), s.kind().name()));
        }
        return kinds;
    }

    /** Asserts the tables, indexes, new columns, seeded rows and the status trigger of all three plugins. */
    static void assertMigrated(Connection connection) throws SQLException {
        Set<String> tables = tables(connection);
        assertThat(tables).containsAll(TABLES);
        for (Map.Entry<String, Set<String>> table : INDEXES.entrySet()) {
            assertThat(indexes(connection, table.getKey())).as("indexes of %s", table.getKey())
                    .containsAll(table.getValue());
        }
        assertThat(columns(connection, "jobs")).containsKeys("priority", "timeout_seconds");
        assertThat(columns(connection, "sagas")).containsKey("step_count");
        assertThat(columns(connection, "outbox_events").get("event_key"))
                .as("outbox 1.3.0 made event_key NOT NULL").isEqualTo(DatabaseMetaData.columnNoNulls);

        assertThat(strings(connection, "SELECT provider FROM provider_configs ORDER BY provider"))
                .as("rows seeded by the jobs plugin's Java step").containsExactly("slack", "smtp", "webhook");
    }

    /** Asserts that updating a saga's status writes an audit row through the database's trigger. */
    static void assertStatusChangesAreAudited(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sagas (saga_type, correlation_id) VALUES (?, ?)")) {
            insert.setString(1, "order");
            insert.setString(2, "trigger-check");
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sagas SET status = ? WHERE correlation_id = ?")) {
            update.setString(1, "COMPLETED");
            update.setString(2, "trigger-check");
            update.executeUpdate();
        }
        assertThat(strings(connection, "SELECT e.old_status, e.new_status FROM saga_audit_events e"
                + " JOIN sagas s ON s.id = e.saga_id WHERE s.correlation_id = 'trigger-check'"))
                .containsExactly("STARTED COMPLETED");
    }

    /**
     * Reads the history table, whatever case the database gave its name and columns.
     *
     * @return one map per row, column names in lower case
     */
    static List<Map<String, Object>> history(Connection connection) throws SQLException {
        String table = null;
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), null,
                new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase("tern_history")) {
                    table = rs.getString("TABLE_NAME");
                }
            }
        }
        assertThat(table).as("history table tern_history").isNotNull();
        String quote = connection.getMetaData().getIdentifierQuoteString().trim();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT * FROM " + quote + table + quote);
             ResultSet rs = st.executeQuery()) {
            ResultSetMetaData columns = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Asserts exactly one successful UP row per step of the three plugins, and no other step row. */
    static void assertHistoryHasOneSuccessPerStep(Connection connection) throws SQLException {
        // The store's own row that records the history format is not a step.
        List<Map<String, Object>> rows = history(connection).stream()
                .filter(r -> !JdbcHistoryStore.FORMAT_MARKER.equals(r.get("plugin_id"))).toList();
        List<String> recorded = rows.stream().map(r -> r.get("plugin_id") + " " + r.get("version")).sorted().toList();
        assertThat(recorded).as("history rows").containsExactlyElementsOf(expectedSteps().stream().sorted().toList());
        assertThat(rows).allSatisfy(r -> {
            assertThat(String.valueOf(r.get("status"))).isEqualTo("SUCCESS");
            assertThat(String.valueOf(r.get("direction"))).isEqualTo("UP");
        });
    }

    static Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), null,
                new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static Set<String> indexes(Connection connection, String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), connection.getSchema(),
                exactName(connection, table), false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** @return column name (lower case) to {@link DatabaseMetaData#columnNullable}-style nullability */
    private static Map<String, Integer> columns(Connection connection, String table) throws SQLException {
        Map<String, Integer> columns = new HashMap<>();
        try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(),
                exactName(connection, table), null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("NULLABLE"));
            }
        }
        return columns;
    }

    /** Unquoted names are stored upper case by H2 and lower case by PostgreSQL and MariaDB. */
    private static String exactName(Connection connection, String name) throws SQLException {
        return connection.getMetaData().storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            int count = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= count; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                values.add(row.toString());
            }
        }
        return values;
    }
}
