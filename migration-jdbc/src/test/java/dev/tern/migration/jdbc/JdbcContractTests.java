package dev.tern.migration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStoreException;
import dev.tern.migration.api.LockException;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Database;
import dev.tern.migration.api.database.DatabaseProvider;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import dev.tern.migration.jdbc.internal.TimestampText;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TimeZone;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every JDBC database meets: history store, lock, detection and error
 * classification, run on H2, PostgreSQL and MariaDB alike.
 */
class JdbcContractTests {
    private static final Duration LONG_WAIT = Duration.ofSeconds(10);

    /**
     * The executor trusts {@link Dialect#supportsTransactionalDdl()} to decide whether a failed
     * step left anything behind, so the flag is checked against the real database: a DDL statement
     * inside an open transaction either rolls back with it or commits the transaction.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void transactionalDdlFlagMatchesTheDatabase(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind); Connection c = db.dataSource().getConnection()) {
            Dialect dialect = JdbcDatabases.open(db.dataSource(), HistoryLocation.defaults()).dialect();
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE ddl_probe_a (id INT)");
                c.setAutoCommit(false);
                st.execute("INSERT INTO ddl_probe_a VALUES (1)");
                st.execute("CREATE TABLE ddl_probe_b (id INT)");
                c.rollback();
                c.setAutoCommit(true);
                boolean kept;
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ddl_probe_a")) {
                    rs.next();
                    kept = rs.getInt(1) == 1;
                }
                assertThat(kept).as("insert before the DDL survived the rollback").isEqualTo(!dialect.supportsTransactionalDdl());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readOfMissingTableIsEmptyAndCreatesNothing(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());

            assertThat(store.read()).isEmpty();
            assertThat(store(db, new HistoryLocation(db.name() + "_missing", "tern_history")).read()).isEmpty();
            assertThat(tableExists(db.dataSource(), "tern_history")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void failedReadOfMissingTableLeavesPooledConnectionUsable(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind); Connection shared = db.dataSource().getConnection()) {
            // A pool may hand out connections in manual-commit mode; on PostgreSQL a failed
            // statement in an open transaction would refuse every later statement.
            shared.setAutoCommit(false);
            SingleConnectionDataSource pool = new SingleConnectionDataSource(shared);
            JdbcHistoryStore store = new JdbcHistoryStore(pool, dialect(db), HistoryLocation.defaults());

            assertThat(store.read()).isEmpty();

            assertThat(shared.getAutoCommit()).isFalse();
            try (Statement st = shared.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            shared.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void prepareIsIdempotent(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());

            store.prepare();
            store.prepare();

            assertThat(store.read()).isEmpty();
            assertThat(count(db.dataSource(), "SELECT COUNT(*) FROM tern_history WHERE plugin_id = '$tern'")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void prepareFromFourThreadsAtOnceSucceedsEverywhere(TestDatabase kind) throws Exception {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            int threads = 4;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    // Each thread is a node with its own store, as on separate machines.
                    JdbcHistoryStore store = store(db, HistoryLocation.defaults());
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        store.prepare();
                        return null;
                    }));
                }
                for (Future<?> result : results) {
                    result.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            assertThat(store.read()).isEmpty();
            store.append(entry("jobs", "1.0.0"), null);
            assertThat(store.read()).extracting(HistoryEntry::pluginId).containsExactly("jobs");
            assertThat(count(db.dataSource(), "SELECT COUNT(*) FROM tern_history WHERE plugin_id = '$tern'")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void appendAndReadRoundTripEveryColumn(TestDatabase kind) throws SQLException {
        TimeZone original = TimeZone.getDefault();
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            store.prepare();
            HistoryEntry full = new HistoryEntry(0, "jobs", Version.parse("2.1.0-rc.1"), "add retry column: ü ✓ 🐦", StepKind.JAVA,
                    "a".repeat(64), Direction.DOWN, Status.FAILED, 3, Instant.parse("2024-03-31T01:30:00.123Z"),
                    Instant.parse("2024-03-31T03:15:42.987654321Z"), Duration.ofMillis(6_342_864), "ops",
                    "ERROR: relation \"jobs\" does not exist\n  Position: 15");
            HistoryEntry minimal = new HistoryEntry(0, "outbox", Version.parse("1"), "", StepKind.SQL, null, Direction.UP,
                    Status.SUCCESS, 1, Instant.parse("1999-12-31T23:59:59.999Z"), Instant.parse("2000-01-01T00:00:00Z"),
                    Duration.ZERO, "installer", null);
            HistoryEntry longError = new HistoryEntry(0, "sagas", Version.parse("1.0.1"), "x", StepKind.SQL, null, Direction.UP,
                    Status.FAILED, 2, Instant.parse("2030-06-01T12:00:00Z"), Instant.parse("2030-06-01T12:00:01Z"),
                    Duration.ofSeconds(1), "installer", "E".repeat(100_000));

            // Written in one zone, read in another: the instants must not move.
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            store.append(full, null);
            store.append(minimal, null);
            store.append(longError, null);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            List<HistoryEntry> read = store.read();

            assertThat(read).hasSize(3);
            assertThat(read).extracting(HistoryEntry::id).isSorted().doesNotHaveDuplicates().allMatch(id -> id > 0);
            assertThat(read.get(0)).isEqualTo(new HistoryEntry(read.get(0).id(), full.pluginId(), full.version(),
                    full.description(), full.kind(), full.checksum(), full.direction(), full.status(), full.attempts(),
                    full.startedAt(), Instant.parse("2024-03-31T03:15:42.987Z"), full.executionTime(), full.installedBy(),
                    full.error()));
            assertThat(read.get(1)).isEqualTo(minimal.withId(read.get(1).id()));
            assertThat(read.get(2).error()).hasSizeLessThanOrEqualTo(JdbcHistoryStore.MAX_ERROR_LENGTH)
                    .startsWith("EEEE").endsWith("more characters cut]");
        } finally {
            TimeZone.setDefault(original);
        }
    }

    /**
     * The history read decodes timestamps from the text its family selects (the column on H2 and
     * PostgreSQL, a cast on MariaDB, whose driver drops the fraction's leading zeros from the
     * column's text): it must take that path and agree with the driver's {@code LocalDateTime}.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void timestampsAreSelectedInTheTextShapeTheHistoryReadDecodes(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            store.prepare();
            for (String at : List.of("2024-03-31T01:30:00.123Z", "2000-01-01T00:00:00Z", "2024-03-31T03:15:42.980Z",
                    "1970-01-01T00:00:00.001Z", "2038-01-19T03:14:08.5Z", "2024-02-29T23:59:59.012Z")) {
                Instant instant = Instant.parse(at);
                store.append(new HistoryEntry(0, "jobs", Version.parse("1"), "d", StepKind.SQL, null, Direction.UP,
                        Status.SUCCESS, 1, instant, instant, Duration.ZERO, "ops", null), null);
            }
            String text = DatabaseFamily.require(dialect(db)).timestampText("started_at");
            List<Instant> decoded = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + text + ", started_at FROM tern_history"
                         + " WHERE plugin_id = 'jobs' ORDER BY id")) {
                while (rs.next()) {
                    Instant fast = TimestampText.parseUtc(rs.getString(1));
                    assertThat(fast).as(rs.getString(1)).isEqualTo(
                            rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                    decoded.add(fast);
                }
            }
            assertThat(decoded).extracting(Instant::toString).containsExactly("2024-03-31T01:30:00.123Z",
                    "2000-01-01T00:00:00Z", "2024-03-31T03:15:42.980Z", "1970-01-01T00:00:00.001Z",
                    "2038-01-19T03:14:08.500Z", "2024-02-29T23:59:59.012Z");
            assertThat(store.read()).extracting(HistoryEntry::startedAt).containsExactlyElementsOf(decoded);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void appendThroughCallersConnectionFollowsItsTransaction(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            store.prepare();

            try (Connection step = db.dataSource().getConnection()) {
                step.setAutoCommit(false);
                store.append(entry("jobs", "1.0.0"), step);
                step.rollback();
            }
            assertThat(store.read()).isEmpty();

            try (Connection step = db.dataSource().getConnection()) {
                step.setAutoCommit(false);
                store.append(entry("jobs", "1.1.0"), step);
                step.commit();
            }
            assertThat(store.read()).extracting(e -> e.version().toString()).containsExactly("1.1.0");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void schemaAndTableAreConfigurable(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            String schema = db.name() + "_h";
            HistoryLocation location = new HistoryLocation(schema, "Custom_History");
            try {
                Database database = JdbcDatabases.open(db.dataSource(), location);
                assertThat(database.historyStore().read()).isEmpty();

                MigrationLock.Held held = database.lock().acquire(LONG_WAIT);
                try {
                    database.historyStore().prepare();
                    database.historyStore().append(entry("jobs", "1.0.0"), null);
                } finally {
                    held.close();
                }

                assertThat(database.historyStore().read()).extracting(HistoryEntry::pluginId).containsExactly("jobs");
                // The names mean the same table as when written without quotes.
                assertThat(count(db.dataSource(), "SELECT COUNT(*) FROM " + schema + ".Custom_History WHERE plugin_id = 'jobs'"))
                        .isEqualTo(1);
                assertThat(tableExists(db.dataSource(), "tern_history")).isFalse();
            } finally {
                dropSchema(db, schema);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void historyOfNewerMajorFormatIsRefused(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            store.prepare();
            store.append(entry("jobs", "1.0.0"), null);
            store.append(new HistoryEntry(0, "$tern", Version.parse("1.4.0"), "history format", StepKind.SQL, null,
                    Direction.UP, Status.SUCCESS, 1, Instant.EPOCH, Instant.EPOCH, Duration.ZERO, "tern", null), null);

            assertThat(store.read()).extracting(HistoryEntry::pluginId).containsExactly("jobs");

            store.append(new HistoryEntry(0, "$tern", Version.parse("2.0.0"), "history format", StepKind.SQL, null,
                    Direction.UP, Status.SUCCESS, 1, Instant.EPOCH, Instant.EPOCH, Duration.ZERO, "tern", null), null);

            assertThatThrownBy(store::read).isInstanceOfSatisfying(HistoryStoreException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.HISTORY_FORMAT_UNSUPPORTED))
                    .hasMessageContaining("2.0.0").hasMessageContaining("newer Tern").hasMessageContaining("upgrade Tern");
            assertThatThrownBy(store::prepare).isInstanceOfSatisfying(HistoryStoreException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.HISTORY_FORMAT_UNSUPPORTED));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void lockExcludesSecondHolderUntilReleased(TestDatabase kind) {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            MigrationLock node1 = JdbcDatabases.open(db.dataSource(), HistoryLocation.defaults()).lock();
            MigrationLock node2 = JdbcDatabases.open(db.dataSource(), HistoryLocation.defaults()).lock();

            MigrationLock.Held held = node1.acquire(LONG_WAIT);
            long start = System.nanoTime();
            assertThatThrownBy(() -> node2.acquire(Duration.ofMillis(300))).isInstanceOfSatisfying(LockException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_FAILED))
                    .hasMessageContaining("tern_history").hasMessageContaining("300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> node1.acquire(Duration.ofMillis(100))).isInstanceOf(LockException.class);

            held.close();
            held.close();

            try (MigrationLock.Held again = node2.acquire(Duration.ofSeconds(2))) {
                assertThat(again).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void lockOfDeadSessionIsReleasedByTheDatabase(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            RecordingDataSource recording = new RecordingDataSource(db.dataSource());
            MigrationLock node1 = JdbcDatabases.open(recording, dialect(db), HistoryLocation.defaults()).lock();
            MigrationLock node2 = JdbcDatabases.open(db.dataSource(), HistoryLocation.defaults()).lock();

            MigrationLock.Held held = node1.acquire(LONG_WAIT);
            assertThat(recording.handedOut()).hasSize(1);
            killSession(db, recording.handedOut().get(0));

            try (MigrationLock.Held taken = node2.acquire(LONG_WAIT)) {
                assertThat(taken).isNotNull();
            }
            held.close(); // the session is gone: logged, not thrown
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void providerRecognisesTheDatabase(TestDatabase kind) {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            DatabaseProvider provider = ServiceLoader.load(DatabaseProvider.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(p -> p instanceof JdbcDatabaseProvider)
                    .findFirst().orElseThrow();

            Database database = provider.open(db.dataSource(), HistoryLocation.defaults()).orElseThrow();

            String expected = switch (kind) {
                case H2 -> "h2";
                case POSTGRESQL -> "postgresql";
                case MARIADB -> "mariadb";
            };
            assertThat(database.dialect().id()).isEqualTo(expected);
            assertThat(database.dataSource()).isSameAs(db.dataSource());
            assertThat(database.historyStore()).isInstanceOf(JdbcHistoryStore.class);
            assertThat(database.historyStore().read()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void realLockTimeoutIsTransientAndSyntaxErrorIsNot(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind);
             Connection holder = db.dataSource().getConnection();
             Connection waiter = db.dataSource().getConnection()) {
            Dialect dialect = dialect(db);
            try (Statement st = holder.createStatement()) {
                st.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO t VALUES (1, 0)");
            }
            try (Statement st = waiter.createStatement()) {
                st.execute(switch (kind) {
                    case H2 -> "SET LOCK_TIMEOUT 200";
                    case POSTGRESQL -> "SET lock_timeout = '200ms'";
                    case MARIADB -> "SET SESSION innodb_lock_wait_timeout = 1";
                });
            }
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
            }

            SQLException lockTimeout = failure(waiter, "UPDATE t SET v = 2 WHERE id = 1");
            SQLException syntax = failure(waiter, "SELEC 1");
            holder.rollback();

            assertThat(dialect.isTransient(lockTimeout)).as("%s: %s", lockTimeout.getSQLState(), lockTimeout).isTrue();
            assertThat(dialect.isTransient(syntax)).as("%s: %s", syntax.getSQLState(), syntax).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateChecksumChangesOnlyThatRowAndDeleteRemovesOnlyThatRow(TestDatabase kind) {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            store.prepare();
            store.append(entry("jobs", "1.0.0"), null);
            store.append(entry("jobs", "1.1.0"), null);
            store.append(entry("outbox", "1.0.0"), null);
            List<HistoryEntry> before = store.read();

            store.updateChecksum(before.get(1).id(), "b".repeat(64));
            store.delete(before.get(0).id());

            assertThat(store.read()).containsExactly(
                    new HistoryEntry(before.get(1).id(), "jobs", Version.parse("1.1.0"), "step 1.1.0", StepKind.SQL,
                            "b".repeat(64), Direction.UP, Status.SUCCESS, 1, before.get(1).startedAt(),
                            before.get(1).finishedAt(), before.get(1).executionTime(), "tester", null),
                    before.get(2));
            store.updateChecksum(before.get(2).id(), null);
            assertThat(store.read().get(1).checksum()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateChecksumAndDeleteOfUnknownIdFailAndNeverTouchTheFormatMarker(TestDatabase kind) throws SQLException {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            store.prepare();
            store.append(entry("jobs", "1.0.0"), null);

            assertThatThrownBy(() -> store.delete(987_654)).isInstanceOf(HistoryStoreException.class)
                    .hasMessageContaining("no row with id 987654")
                    .extracting(e -> ((HistoryStoreException) e).code()).isEqualTo(ErrorCode.HISTORY_STORE_FAILED);
            assertThatThrownBy(() -> store.updateChecksum(987_654, "c".repeat(64)))
                    .isInstanceOf(HistoryStoreException.class);
            assertThatThrownBy(() -> store.delete(-1)).isInstanceOf(HistoryStoreException.class);
            assertThatThrownBy(() -> store.updateChecksum(-1, "x")).isInstanceOf(HistoryStoreException.class);

            assertThat(store.read()).hasSize(1);
            assertThat(count(db.dataSource(), "SELECT COUNT(*) FROM tern_history WHERE plugin_id = '$tern'")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void baselineAndRepairRowsRoundTrip(TestDatabase kind) {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            JdbcHistoryStore store = store(db, HistoryLocation.defaults());
            store.prepare();
            Instant at = Instant.parse("2025-01-02T03:04:05Z");
            HistoryEntry baseline = new HistoryEntry(0, "jobs", Version.parse("1.2.0"), "baseline", StepKind.BASELINE,
                    null, Direction.UP, Status.SUCCESS, 1, at, at, Duration.ZERO, "ops", null);
            HistoryEntry repair = new HistoryEntry(0, "jobs", Version.parse("1.3.0"), "checksum realigned",
                    StepKind.REPAIR, "d".repeat(64), Direction.UP, Status.SUCCESS, 1, at, at, Duration.ZERO, "ops", null);
            store.append(baseline, null);
            store.append(repair, null);

            List<HistoryEntry> read = store.read();
            assertThat(read.get(0)).isEqualTo(baseline.withId(read.get(0).id()));
            assertThat(read.get(1)).isEqualTo(repair.withId(read.get(1).id()));
        }
    }

    private static SQLException failure(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected '" + sql + "' to fail");
    }

    private static void killSession(FreshDatabase db, Connection victim) throws SQLException {
        String idQuery = switch (db.kind()) {
            case H2 -> "SELECT SESSION_ID()";
            case POSTGRESQL -> "SELECT pg_backend_pid()";
            case MARIADB -> "SELECT CONNECTION_ID()";
        };
        long id;
        try (Statement st = victim.createStatement(); ResultSet rs = st.executeQuery(idQuery)) {
            rs.next();
            id = rs.getLong(1);
        }
        try (Connection admin = db.dataSource().getConnection(); Statement st = admin.createStatement()) {
            switch (db.kind()) {
                case H2 -> assertThat(scalar(st, "SELECT ABORT_SESSION(" + id + ")")).isEqualTo(true);
                case POSTGRESQL -> assertThat(scalar(st, "SELECT pg_terminate_backend(" + id + ")")).isEqualTo(true);
                case MARIADB -> st.execute("KILL CONNECTION " + id);
            }
        }
    }

    private static Object scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static JdbcHistoryStore store(FreshDatabase db, HistoryLocation location) {
        return new JdbcHistoryStore(db.dataSource(), dialect(db), location);
    }

    private static Dialect dialect(FreshDatabase db) {
        return switch (db.kind()) {
            case H2 -> new H2Dialect();
            case POSTGRESQL -> new PostgreSqlDialect();
            case MARIADB -> new MariaDbDialect();
        };
    }

    static HistoryEntry entry(String pluginId, String version) {
        Instant now = Instant.parse("2025-01-02T03:04:05.678Z");
        return new HistoryEntry(0, pluginId, Version.parse(version), "step " + version, StepKind.SQL, "0".repeat(64),
                Direction.UP, Status.SUCCESS, 1, now, now.plusMillis(5), Duration.ofMillis(5), "tester", null);
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean tableExists(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void dropSchema(FreshDatabase db, String schema) throws SQLException {
        String sql = switch (db.kind()) {
            case H2 -> "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
            case POSTGRESQL -> "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
            case MARIADB -> "DROP DATABASE IF EXISTS " + schema;
        };
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
