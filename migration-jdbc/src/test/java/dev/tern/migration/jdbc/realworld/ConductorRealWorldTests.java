package dev.tern.migration.jdbc.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.ScriptMigrationService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Netflix Conductor 3.15.0's Flyway scripts, listed by Tern inside the persistence jars and run on
 * the database each folder targets: {@code db/migration} on MariaDB
 * ({@link ConductorMariaDbMigrations}), {@code db/migration_postgres} on PostgreSQL
 * ({@link ConductorPostgresMigrations}).
 *
 * <p>The expected catalog is what each database's own client built from the same eight scripts,
 * run one by one in version order in a scratch database, all of which succeeded:
 * <ul>
 *   <li>mariadb client, {@code V1} to {@code V8} (14, 2, 7, 5, 5, 5, 9 and 30 statements, V8's
 *       four procedure statements between {@code DELIMITER $$} lines): 14 tables, every key but
 *       {@code meta_event_handler}'s moved from {@code id} to the natural key by V7 and V8, 22
 *       indexes, 2 procedures;</li>
 *   <li>psql ({@code ON_ERROR_STOP=1}), {@code V1} to {@code V8} (34, 2, 2, 2, 4, 52, 2 and 18
 *       statements; V7's last one has no semicolon): 17 tables and 40 indexes, among them two that
 *       V8 names {@code task_index_json_data_*} but creates on {@code workflow_index}, as written.</li>
 * </ul>
 */
class ConductorRealWorldTests {

    /** Table to primary-key columns after V8 on both databases, the three PostgreSQL-only tables aside. */
    private static final Map<String, List<String>> PRIMARY_KEYS = primaryKeys();

    @Test
    void mysqlFolderOfTheJarBuildsConductorsSchemaOnMariaDbAndRunsOnce() throws Exception {
        Map<String, Set<String>> indexes = new LinkedHashMap<>();
        indexes.put("EVENT_EXECUTION", Set.of("PRIMARY"));
        indexes.put("META_EVENT_HANDLER", Set.of("EVENT_HANDLER_EVENT_INDEX", "EVENT_HANDLER_NAME_INDEX", "PRIMARY"));
        indexes.put("META_TASK_DEF", Set.of("PRIMARY"));
        indexes.put("META_WORKFLOW_DEF", Set.of("PRIMARY", "WORKFLOW_DEF_NAME_INDEX"));
        indexes.put("POLL_DATA", Set.of("PRIMARY", "QUEUE_NAME"));
        indexes.put("QUEUE", Set.of("PRIMARY"));
        indexes.put("QUEUE_MESSAGE", Set.of("COMBO_QUEUE_MESSAGE", "PRIMARY"));
        indexes.put("TASK", Set.of("PRIMARY"));
        indexes.put("TASK_IN_PROGRESS", Set.of("PRIMARY"));
        indexes.put("TASK_SCHEDULED", Set.of("PRIMARY"));
        indexes.put("WORKFLOW", Set.of("PRIMARY", "WORKFLOW_CORR_ID_INDEX"));
        indexes.put("WORKFLOW_DEF_TO_WORKFLOW", Set.of("PRIMARY"));
        indexes.put("WORKFLOW_PENDING", Set.of("PRIMARY", "WORKFLOW_TYPE_INDEX"));
        indexes.put("WORKFLOW_TO_TASK", Set.of("PRIMARY", "WORKFLOW_ID_INDEX"));
        List<String> scripts = List.of("V1__initial_schema.sql", "V2__queue_message_timestamps.sql",
                "V3__queue_add_priority.sql", "V4__1009_Fix_MySQLExecutionDAO_Index.sql",
                "V5__correlation_id_index.sql", "V6__new_qm_index_with_priority.sql",
                "V7__new_queue_message_pk.sql", "V8__update_pk.sql");

        try (FreshDatabase db = TestDatabases.create(TestDatabase.MARIADB)) {
            List<HistoryRow> applied = runTwice(db, new ConductorMariaDbMigrations(), "db/migration/", scripts);

            Catalog catalog = new Catalog(db.dataSource());
            assertCatalog(catalog, PRIMARY_KEYS, indexes);
            // V3 added the column through PREPARE/EXECUTE, after message_id
            assertThat(catalog.columns("queue_message")).containsExactly("CREATED_ON", "DELIVER_ON", "QUEUE_NAME",
                    "MESSAGE_ID", "PRIORITY", "POPPED", "OFFSET_TIME_SECONDS", "PAYLOAD");
            assertThat(catalog.mariaDbProcedures()).containsExactly("DROPINDEXIFEXISTS", "FIXPKIFNEEDED");
            assertThat(applied).hasSize(8);
        }
    }

    @Test
    void postgresFolderOfTheJarBuildsConductorsSchemaOnPostgreSqlAndRunsOnce() throws Exception {
        Map<String, List<String>> keys = new LinkedHashMap<>(PRIMARY_KEYS);
        keys.put("TASK_EXECUTION_LOGS", List.of("LOG_ID"));
        keys.put("TASK_INDEX", List.of("TASK_ID"));
        keys.put("WORKFLOW_INDEX", List.of("WORKFLOW_ID"));
        Map<String, Set<String>> indexes = new LinkedHashMap<>();
        indexes.put("EVENT_EXECUTION", Set.of("EVENT_EXECUTION_PKEY"));
        indexes.put("META_EVENT_HANDLER", Set.of("EVENT_HANDLER_EVENT_INDEX", "EVENT_HANDLER_NAME_INDEX",
                "META_EVENT_HANDLER_PKEY"));
        indexes.put("META_TASK_DEF", Set.of("META_TASK_DEF_PKEY"));
        indexes.put("META_WORKFLOW_DEF", Set.of("META_WORKFLOW_DEF_PKEY", "WORKFLOW_DEF_NAME_INDEX"));
        indexes.put("POLL_DATA", Set.of("POLL_DATA_PKEY", "POLL_DATA_QUEUE_NAME_IDX"));
        indexes.put("QUEUE", Set.of("QUEUE_PKEY"));
        indexes.put("QUEUE_MESSAGE", Set.of("COMBO_QUEUE_MESSAGE", "QUEUE_MESSAGE_PKEY"));
        indexes.put("TASK", Set.of("TASK_PKEY"));
        indexes.put("TASK_EXECUTION_LOGS", Set.of("TASK_EXECUTION_LOGS_PKEY", "TASK_EXECUTION_LOGS_TASK_ID_IDX"));
        indexes.put("TASK_IN_PROGRESS", Set.of("TASK_IN_PROGRESS_PKEY"));
        indexes.put("TASK_INDEX", Set.of("TASK_INDEX_PKEY", "TASK_INDEX_STATUS_IDX", "TASK_INDEX_TASK_DEF_NAME_IDX",
                "TASK_INDEX_TASK_ID_IDX", "TASK_INDEX_TASK_TYPE_IDX", "TASK_INDEX_UPDATE_TIME_IDX",
                "TASK_INDEX_WORKFLOW_TYPE_IDX"));
        indexes.put("TASK_SCHEDULED", Set.of("TASK_SCHEDULED_PKEY"));
        indexes.put("WORKFLOW", Set.of("WORKFLOW_CORR_ID_INDEX", "WORKFLOW_PKEY"));
        indexes.put("WORKFLOW_DEF_TO_WORKFLOW", Set.of("WORKFLOW_DEF_TO_WORKFLOW_PKEY"));
        indexes.put("WORKFLOW_INDEX", Set.of("TASK_INDEX_JSON_DATA_JSON_IDX", "TASK_INDEX_JSON_DATA_TEXT_IDX",
                "WORKFLOW_INDEX_CORRELATION_ID_IDX", "WORKFLOW_INDEX_JSON_DATA_JSON_IDX",
                "WORKFLOW_INDEX_JSON_DATA_TEXT_IDX", "WORKFLOW_INDEX_PKEY", "WORKFLOW_INDEX_START_TIME_IDX",
                "WORKFLOW_INDEX_STATUS_IDX", "WORKFLOW_INDEX_WORKFLOW_TYPE_IDX"));
        indexes.put("WORKFLOW_PENDING", Set.of("WORKFLOW_PENDING_PKEY", "WORKFLOW_TYPE_INDEX"));
        indexes.put("WORKFLOW_TO_TASK", Set.of("WORKFLOW_ID_INDEX", "WORKFLOW_TO_TASK_PKEY"));
        List<String> scripts = List.of("V1__initial_schema.sql", "V2__1009_Fix_PostgresExecutionDAO_Index.sql",
                "V3__correlation_id_index.sql", "V4__new_qm_index_with_priority.sql",
                "V5__new_queue_message_pk.sql", "V6__update_pk.sql", "V7__new_qm_index_desc_priority.sql",
                "V8__indexing.sql");

        try (FreshDatabase db = TestDatabases.create(TestDatabase.POSTGRESQL)) {
            List<HistoryRow> applied = runTwice(db, new ConductorPostgresMigrations(), "db/migration_postgres/", scripts);

            assertCatalog(new Catalog(db.dataSource()), keys, indexes);
            assertThat(applied).hasSize(8);
        }
    }

    /**
     * Runs the plugin, checks one SUCCESS row per script, then runs it again and checks that
     * nothing more was applied.
     *
     * @return the history after both runs
     */
    private static List<HistoryRow> runTwice(FreshDatabase db, ScriptMigrationService plugin, String folder,
                                             List<String> scripts) throws Exception {
        MigrationReport first = tern(db, plugin).runAll();

        assertThat(first.appliedCount()).isEqualTo(scripts.size());
        List<HistoryRow> expected = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            String name = scripts.get(i);
            // V<n>__<words>.sql: version n.0.0, underscores in the description read as spaces
            String description = name.substring(name.indexOf("__") + 2, name.length() - ".sql".length()).replace('_', ' ');
            expected.add(new HistoryRow("conductor", (i + 1) + ".0.0", description, "SQL",
                    JarScripts.read(folder + name).checksum(), "UP", "SUCCESS", 1, null));
        }
        assertThat(HistoryRow.read(db.dataSource(), "conductor")).containsExactlyElementsOf(expected);

        MigrationReport second = tern(db, plugin).runAll();

        assertThat(second.appliedCount()).isZero();
        assertThat(second.upToDate()).isTrue();
        List<HistoryRow> history = HistoryRow.read(db.dataSource(), "conductor");
        assertThat(history).containsExactlyElementsOf(expected);
        return history;
    }

    private static void assertCatalog(Catalog catalog, Map<String, List<String>> keys, Map<String, Set<String>> indexes)
            throws Exception {
        assertThat(catalog.tables()).containsExactlyInAnyOrderElementsOf(keys.keySet());
        for (Map.Entry<String, List<String>> table : keys.entrySet()) {
            assertThat(catalog.primaryKey(table.getKey())).as(table.getKey()).containsExactlyElementsOf(table.getValue());
            assertThat(catalog.indexes(table.getKey())).as(table.getKey())
                    .containsExactlyInAnyOrderElementsOf(indexes.get(table.getKey()));
        }
    }

    private static Orchestrator tern(FreshDatabase db, ScriptMigrationService plugin) {
        return Orchestrator.builder().dataSource(db.dataSource()).discovery(false).addService(plugin).build();
    }

    private static Map<String, List<String>> primaryKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("EVENT_EXECUTION", List.of("EVENT_HANDLER_NAME", "EVENT_NAME", "EXECUTION_ID"));
        keys.put("META_EVENT_HANDLER", List.of("ID"));
        keys.put("META_TASK_DEF", List.of("NAME"));
        keys.put("META_WORKFLOW_DEF", List.of("NAME", "VERSION"));
        keys.put("POLL_DATA", List.of("QUEUE_NAME", "DOMAIN"));
        keys.put("QUEUE", List.of("QUEUE_NAME"));
        keys.put("QUEUE_MESSAGE", List.of("QUEUE_NAME", "MESSAGE_ID"));
        keys.put("TASK", List.of("TASK_ID"));
        keys.put("TASK_IN_PROGRESS", List.of("TASK_DEF_NAME", "TASK_ID"));
        keys.put("TASK_SCHEDULED", List.of("WORKFLOW_ID", "TASK_KEY"));
        keys.put("WORKFLOW", List.of("WORKFLOW_ID"));
        keys.put("WORKFLOW_DEF_TO_WORKFLOW", List.of("WORKFLOW_DEF", "DATE_STR", "WORKFLOW_ID"));
        keys.put("WORKFLOW_PENDING", List.of("WORKFLOW_TYPE", "WORKFLOW_ID"));
        keys.put("WORKFLOW_TO_TASK", List.of("WORKFLOW_ID", "TASK_ID"));
        return Collections.unmodifiableMap(keys);
    }
}
