package dev.tern.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --status} and {@code --rollback} of the fat jar on an H2 file database, a fresh PostgreSQL
 * schema and a fresh MariaDB database: migrate, see every plugin at its target, roll sagas back to
 * 1.0.0 (its 1.1.0+ trigger, column and index gone, DOWN rows in {@code tern_history}), then a normal
 * run brings it back.
 */
class ExampleAppRollbackIT {

    /** A database to run the jar against, and a way to look into it. */
    private interface Target extends AutoCloseable {
        String[] args();

        Connection connect() throws SQLException;

        @Override
        void close();
    }

    private static Target target(TestDatabase kind, Path dir) {
        if (kind == TestDatabase.H2) {
            String url = "jdbc:h2:file:" + dir.resolve("rollback-db");
            return new Target() {
                @Override
                public String[] args() {
                    return new String[] {"--url", url};
                }

                @Override
                public Connection connect() throws SQLException {
                    return DriverManager.getConnection(url, "sa", "");
                }

                @Override
                public void close() {
                    // The file lives in the test's temporary directory, which JUnit deletes.
                }
            };
        }
        FreshDatabase db = TestDatabases.create(kind);
        return new Target() {
            @Override
            public String[] args() {
                return new String[] {"--url", db.jdbcUrl(), "--user", db.user(), "--password", db.password()};
            }

            @Override
            public Connection connect() throws SQLException {
                return db.dataSource().getConnection();
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }

    private static String[] with(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rollsSagasBackToOneZeroShowsItInStatusAndARunBringsItBack(TestDatabase kind, @TempDir Path dir)
            throws Exception {
        try (Target db = target(kind, dir)) {
            Runs.assertAppliedEverything(AppProcess.runJar(dir, db.args()));

            AppProcess.Result status = AppProcess.runJar(dir, with(db.args(), "--status"));
            assertThat(status.exitCode()).as("exit code of\n%s", status).isZero();
            assertThat(statusRows(status.stdout())).as("status rows in\n%s", status).containsExactly(
                    "jobs 1.2.0 1.2.0 0", "outbox 1.3.0 1.3.0 0", "sagas 1.3.0 1.3.0 0");

            AppProcess.Result rollback = AppProcess.runJar(dir, with(db.args(), "--rollback", "sagas@1.0.0"));

            assertThat(rollback.exitCode()).as("exit code of\n%s", rollback).isZero();
            assertThat(ReportTable.rows(rollback.stdout())).as("rollback report in\n%s", rollback)
                    .extracting(r -> r.plugin() + " " + r.before() + " " + r.after() + " " + r.step() + " " + r.outcome())
                    .containsExactly("sagas 1.3.0 1.0.0 1.3.0 ROLLED_BACK", "sagas 1.3.0 1.0.0 1.2.0 ROLLED_BACK",
                            "sagas 1.3.0 1.0.0 1.1.0 ROLLED_BACK");
            try (Connection connection = db.connect()) {
                assertThat(sagasRows(connection)).containsExactly("1.0.0 UP SUCCESS", "1.1.0 UP SUCCESS",
                        "1.2.0 UP SUCCESS", "1.3.0 UP SUCCESS", "1.3.0 DOWN SUCCESS", "1.2.0 DOWN SUCCESS",
                        "1.1.0 DOWN SUCCESS");
                assertThat(ExampleSchema.tables(connection)).contains("sagas", "saga_steps", "saga_audit_events");
                assertThat(ExampleSchema.columns(connection, "sagas")).doesNotContainKey("step_count");
                assertThat(ExampleSchema.indexes(connection, "saga_steps")).doesNotContain("idx_saga_steps_status");
                assertThat(auditRowsAfterStatusChange(connection)).as("audit rows written by the 1.1.0 trigger")
                        .isZero();
            }
            AppProcess.Result afterRollback = AppProcess.runJar(dir, with(db.args(), "--status"));
            assertThat(statusRows(afterRollback.stdout())).as("status rows in\n%s", afterRollback)
                    .contains("sagas 1.0.0 1.3.0 3");

            AppProcess.Result rerun = AppProcess.runJar(dir, db.args());

            assertThat(rerun.exitCode()).as("exit code of\n%s", rerun).isZero();
            assertThat(ReportTable.rows(rerun.stdout())).as("report rows in\n%s", rerun)
                    .filteredOn(r -> !r.step().equals("-"))
                    .extracting(r -> r.plugin() + " " + r.step() + " " + r.outcome())
                    .containsExactly("sagas 1.1.0 APPLIED", "sagas 1.2.0 APPLIED", "sagas 1.3.0 APPLIED");
            AppProcess.Result finalStatus = AppProcess.runJar(dir, with(db.args(), "--status"));
            assertThat(statusRows(finalStatus.stdout())).as("status rows in\n%s", finalStatus).containsExactly(
                    "jobs 1.2.0 1.2.0 0", "outbox 1.3.0 1.3.0 0", "sagas 1.3.0 1.3.0 0");
            try (Connection connection = db.connect()) {
                ExampleSchema.assertMigrated(connection);
                ExampleSchema.assertStatusChangesAreAudited(connection);
            }
        }
    }

    @Test
    void badRollbacksAndRollbacksBreakingADependantAreRefusedAndChangeNothing(@TempDir Path dir) throws Exception {
        try (Target db = target(TestDatabase.H2, dir)) {
            Runs.assertAppliedEverything(AppProcess.runJar(dir, db.args()));

            AppProcess.Result malformed = AppProcess.runJar(dir, with(db.args(), "--rollback", "sagas"));
            assertThat(malformed.exitCode()).as("exit code of\n%s", malformed).isEqualTo(2);
            assertThat(malformed.stderr()).contains("--rollback expects PLUGIN@VERSION");

            AppProcess.Result unknown = AppProcess.runJar(dir, with(db.args(), "--rollback", "sagas@9.9.9"));
            assertThat(unknown.exitCode()).as("exit code of\n%s", unknown).isEqualTo(1);
            assertThat(unknown.stderr()).contains("Rollback failed").contains("9.9.9");

            AppProcess.Result both = AppProcess.runJar(dir, with(db.args(), "--status", "--rollback", "sagas@1.0.0"));
            assertThat(both.exitCode()).as("exit code of\n%s", both).isEqualTo(2);

            // outbox needs jobs ^1.0 and sagas needs outbox >=1.0 <2: removing either entirely is refused.
            AppProcess.Result jobsGone = AppProcess.runJar(dir, with(db.args(), "--rollback", "jobs@0"));
            assertThat(jobsGone.exitCode()).as("exit code of\n%s", jobsGone).isEqualTo(1);
            assertThat(jobsGone.stderr()).contains("Rollback failed", "ROLLBACK_BLOCKED_BY_DEPENDANT", "'outbox'", "^1.0");
            AppProcess.Result outboxGone = AppProcess.runJar(dir, with(db.args(), "--rollback", "outbox@0"));
            assertThat(outboxGone.exitCode()).as("exit code of\n%s", outboxGone).isEqualTo(1);
            assertThat(outboxGone.stderr()).contains("ROLLBACK_BLOCKED_BY_DEPENDANT", "'sagas'", ">=1.0 <2");

            try (Connection connection = db.connect()) {
                ExampleSchema.assertHistoryHasOneSuccessPerStep(connection);
            }

            // jobs at its first version still satisfies ^1.0, so that rollback goes ahead.
            AppProcess.Result jobsFirst = AppProcess.runJar(dir, with(db.args(), "--rollback", "jobs@1.0.0"));
            assertThat(jobsFirst.exitCode()).as("exit code of\n%s", jobsFirst).isZero();
            assertThat(ReportTable.rows(jobsFirst.stdout())).extracting(r -> r.step() + " " + r.outcome())
                    .containsExactly("1.2.0 ROLLED_BACK", "1.1.0 ROLLED_BACK");
        }
    }

    /** The rows of the {@code --status} table as "plugin installed target pending". */
    private static List<String> statusRows(String output) {
        return output.lines()
                .filter(line -> line.contains(" | ") && !line.startsWith("plugin "))
                .map(line -> Arrays.stream(line.split(" \\| ", -1)).map(String::trim).toList())
                .filter(cells -> cells.size() == 7)
                .map(c -> c.get(0) + " " + c.get(1) + " " + c.get(2) + " " + c.get(3))
                .toList();
    }

    /** sagas' history rows as "version direction status", in insertion order. */
    private static List<String> sagasRows(Connection connection) throws SQLException {
        return ExampleSchema.history(connection).stream()
                .filter(r -> "sagas".equals(r.get("plugin_id")))
                .filter(r -> !"STARTED".equals(String.valueOf(r.get("status")))) // markers, not outcomes
                .sorted((a, b) -> Long.compare(((Number) a.get("id")).longValue(), ((Number) b.get("id")).longValue()))
                .map(r -> r.get("version") + " " + r.get("direction") + " " + r.get("status"))
                .toList();
    }

    /** Inserts a saga, changes its status, and counts the audit rows a status trigger would have written. */
    private static int auditRowsAfterStatusChange(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sagas (saga_type, correlation_id) VALUES (?, ?)")) {
            insert.setString(1, "order");
            insert.setString(2, "no-trigger");
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sagas SET status = ? WHERE correlation_id = ?")) {
            update.setString(1, "COMPLETED");
            update.setString(2, "no-trigger");
            update.executeUpdate();
        }
        List<String> count = ExampleSchema.strings(connection, "SELECT COUNT(*) FROM saga_audit_events e"
                + " JOIN sagas s ON s.id = e.saga_id WHERE s.correlation_id = 'no-trigger'");
        return Integer.parseInt(count.get(0));
    }
}
