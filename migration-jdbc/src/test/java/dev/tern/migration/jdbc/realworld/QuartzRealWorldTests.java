package dev.tern.migration.jdbc.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quartz 2.5.2's job-store scripts, straight from its jar, run by Tern on each database Quartz
 * ships a script for ({@link QuartzMigrations}).
 *
 * <p>The expectations are what each database's own client built from the same script in a scratch
 * database: {@code psql -v ON_ERROR_STOP=1} ran {@code tables_postgres.sql} (43 statements; notices
 * for the 11 {@code DROP TABLE IF EXISTS}, a warning for the final {@code COMMIT} outside a
 * transaction) into 11 tables, 11 primary keys, 5 foreign keys and 20 {@code IDX_QRTZ_*} indexes;
 * the {@code mariadb} client ran {@code tables_mysql_innodb.sql} (43 statements) into the same,
 * plus the unnamed {@code INDEX} of {@code QRTZ_BLOB_TRIGGERS}; H2's {@code RunScript} ran
 * {@code tables_h2.sql} (26 statements) into 11 tables, 10 primary keys (none on
 * {@code QRTZ_BLOB_TRIGGERS}), 4 foreign keys and no {@code IDX_QRTZ_*} index.
 */
class QuartzRealWorldTests {

    /** Table to its primary-key columns, identical in the three scripts. */
    private static final Map<String, List<String>> PRIMARY_KEYS = primaryKeys();

    /** Table to the named indexes {@code tables_postgres.sql} and {@code tables_mysql_innodb.sql} create. */
    private static final Map<String, Set<String>> INDEXES = Map.of(
            "QRTZ_JOB_DETAILS", Set.of("IDX_QRTZ_J_REQ_RECOVERY", "IDX_QRTZ_J_GRP"),
            "QRTZ_TRIGGERS", Set.of("IDX_QRTZ_T_J", "IDX_QRTZ_T_JG", "IDX_QRTZ_T_C", "IDX_QRTZ_T_G",
                    "IDX_QRTZ_T_STATE", "IDX_QRTZ_T_N_STATE", "IDX_QRTZ_T_N_G_STATE", "IDX_QRTZ_T_NEXT_FIRE_TIME",
                    "IDX_QRTZ_T_NFT_ST", "IDX_QRTZ_T_NFT_MISFIRE", "IDX_QRTZ_T_NFT_ST_MISFIRE",
                    "IDX_QRTZ_T_NFT_ST_MISFIRE_GRP"),
            "QRTZ_FIRED_TRIGGERS", Set.of("IDX_QRTZ_FT_TRIG_INST_NAME", "IDX_QRTZ_FT_INST_JOB_REQ_RCVRY",
                    "IDX_QRTZ_FT_J_G", "IDX_QRTZ_FT_JG", "IDX_QRTZ_FT_T_G", "IDX_QRTZ_FT_TG"));

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void jarScriptBuildsTheJobStoreAsTheDatabaseClientDoesAndRunsOnce(TestDatabase database) throws Exception {
        try (FreshDatabase db = TestDatabases.create(database)) {
            MigrationReport first = tern(db).runAll();

            assertThat(first.appliedCount()).isEqualTo(1);
            Catalog catalog = new Catalog(db.dataSource());
            assertThat(catalog.tables()).containsExactlyInAnyOrderElementsOf(PRIMARY_KEYS.keySet());
            for (Map.Entry<String, List<String>> table : PRIMARY_KEYS.entrySet()) {
                List<String> expected = database == TestDatabase.H2 && table.getKey().equals("QRTZ_BLOB_TRIGGERS")
                        ? List.of() // tables_h2.sql adds no primary key to this table
                        : table.getValue();
                assertThat(catalog.primaryKey(table.getKey())).as(table.getKey()).containsExactlyElementsOf(expected);
            }
            assertThat(catalog.referencedTables("QRTZ_TRIGGERS")).containsExactly("QRTZ_JOB_DETAILS");
            assertThat(catalog.referencedTables("QRTZ_CRON_TRIGGERS")).containsExactly("QRTZ_TRIGGERS");
            assertThat(catalog.referencedTables("QRTZ_SIMPLE_TRIGGERS")).containsExactly("QRTZ_TRIGGERS");
            assertThat(catalog.referencedTables("QRTZ_SIMPROP_TRIGGERS")).containsExactly("QRTZ_TRIGGERS");
            // tables_h2.sql gives QRTZ_BLOB_TRIGGERS no foreign key and creates no index at all
            boolean h2 = database == TestDatabase.H2;
            assertThat(catalog.referencedTables("QRTZ_BLOB_TRIGGERS"))
                    .containsExactlyElementsOf(h2 ? List.of() : List.of("QRTZ_TRIGGERS"));
            for (String table : PRIMARY_KEYS.keySet()) {
                Set<String> named = catalog.indexes(table).stream().filter(n -> n.startsWith("IDX_QRTZ_"))
                        .collect(Collectors.toSet());
                assertThat(named).as(table).isEqualTo(h2 ? Set.of() : INDEXES.getOrDefault(table, Set.of()));
            }

            String script = QuartzMigrations.SCRIPTS.get(database == TestDatabase.H2 ? "h2"
                    : database == TestDatabase.POSTGRESQL ? "postgresql" : "mysql");
            HistoryRow applied = new HistoryRow("quartz", "2.5.2", QuartzMigrations.DESCRIPTION, "SQL",
                    JarScripts.read(script).checksum(), "UP", "SUCCESS", 1, null);
            assertThat(HistoryRow.read(db.dataSource(), "quartz")).containsExactly(applied);

            MigrationReport second = tern(db).runAll();

            assertThat(second.appliedCount()).isZero();
            assertThat(second.upToDate()).isTrue();
            assertThat(HistoryRow.read(db.dataSource(), "quartz")).containsExactly(applied);
        }
    }

    private static Orchestrator tern(FreshDatabase db) {
        return Orchestrator.builder().dataSource(db.dataSource()).discovery(false)
                .addService(new QuartzMigrations()).build();
    }

    private static Map<String, List<String>> primaryKeys() {
        List<String> trigger = List.of("SCHED_NAME", "TRIGGER_NAME", "TRIGGER_GROUP");
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("QRTZ_JOB_DETAILS", List.of("SCHED_NAME", "JOB_NAME", "JOB_GROUP"));
        keys.put("QRTZ_TRIGGERS", trigger);
        keys.put("QRTZ_SIMPLE_TRIGGERS", trigger);
        keys.put("QRTZ_CRON_TRIGGERS", trigger);
        keys.put("QRTZ_SIMPROP_TRIGGERS", trigger);
        keys.put("QRTZ_BLOB_TRIGGERS", trigger);
        keys.put("QRTZ_CALENDARS", List.of("SCHED_NAME", "CALENDAR_NAME"));
        keys.put("QRTZ_PAUSED_TRIGGER_GRPS", List.of("SCHED_NAME", "TRIGGER_GROUP"));
        keys.put("QRTZ_FIRED_TRIGGERS", List.of("SCHED_NAME", "ENTRY_ID"));
        keys.put("QRTZ_SCHEDULER_STATE", List.of("SCHED_NAME", "INSTANCE_NAME"));
        keys.put("QRTZ_LOCKS", List.of("SCHED_NAME", "LOCK_NAME"));
        return Map.copyOf(keys);
    }
}
