package dev.tern.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar run as a user runs it, on its default H2 file database and on failures. */
class ExampleAppH2IT {

    @Test
    void migratesTheDefaultH2FileDatabaseInTheWorkingDirectoryThenFindsItUpToDate(@TempDir Path dir) throws Exception {
        // The child's working directory is reported by the OS with links resolved.
        Path file = dir.toRealPath().resolve("tern-example-db.mv.db");

        AppProcess.Result first = AppProcess.runJar(dir);

        Runs.assertAppliedEverything(first);
        assertThat(first.stdout()).contains("H2 database file: " + file);
        assertThat(file).isRegularFile();
        String url = "jdbc:h2:file:" + dir.resolve("tern-example-db");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            ExampleSchema.assertMigrated(connection);
            ExampleSchema.assertHistoryHasOneSuccessPerStep(connection);
        }

        AppProcess.Result second = AppProcess.runJar(dir);

        Runs.assertUpToDate(second);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            ExampleSchema.assertHistoryHasOneSuccessPerStep(connection);
            ExampleSchema.assertStatusChangesAreAudited(connection);
        }
    }

    @Test
    void failedStepExitsWithOneAndPrintsTheErrorAndThePartialReport(@TempDir Path dir) throws Exception {
        Path testClasses = Path.of(BrokenPluginLocation.testClasses());

        AppProcess.Result run = AppProcess.runWithClassPath(dir,
                List.of(testClasses, testClasses.resolve("broken-plugin")), "--url", "jdbc:h2:file:./broken");

        assertThat(run.exitCode()).as("exit code of\n%s", run).isEqualTo(1);
        assertThat(run.stderr()).contains("Migration failed").containsIgnoringCase("missing_table")
                .contains("Partial report:");
        assertThat(ReportTable.rows(run.stderr())).as("partial report in\n%s", run)
                .extracting(r -> r.plugin() + " " + r.step() + " " + r.outcome())
                .contains("jobs 1.0.0 APPLIED", "sagas 1.3.0 APPLIED", "broken 1.0.0 APPLIED", "broken 2.0.0 FAILED");
        assertThat(run.stdout()).doesNotContain("plugin | before");
    }

    @Test
    void unreachableDatabaseExitsWithOneAndExplainsOnStandardError(@TempDir Path dir) throws Exception {
        // Port 9 (discard) is closed on build machines: the connection is refused at once.
        AppProcess.Result run = AppProcess.runJar(dir, "--url", "jdbc:postgresql://127.0.0.1:9/nowhere?connectTimeout=5",
                "--user", "nobody");

        assertThat(run.exitCode()).as("exit code of\n%s", run).isEqualTo(1);
        assertThat(run.stderr()).contains("Migration failed").contains("127.0.0.1:9");
        assertThat(run.stdout()).doesNotContain("plugin | before");
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing written to the working directory").isEmpty();
        }
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCodeTwo(@TempDir Path dir) throws Exception {
        AppProcess.Result run = AppProcess.runJar(dir, "--no-such-option");

        assertThat(run.exitCode()).as("exit code of\n%s", run).isEqualTo(2);
        assertThat(run.stderr()).contains("Unknown option: '--no-such-option'").contains("--url=JDBC_URL");
    }

    @Test
    void helpDescribesTheOptionsAndExitsWithZero(@TempDir Path dir) throws Exception {
        AppProcess.Result run = AppProcess.runJar(dir, "--help");

        assertThat(run.exitCode()).as("exit code of\n%s", run).isZero();
        assertThat(run.stdout()).contains("--url=JDBC_URL", "--user=USER", "--password=PASSWORD", ExampleApp.DEFAULT_URL);
    }

    /** Where the test classes (and so the broken plugin) were compiled to. */
    private static final class BrokenPluginLocation {
        static String testClasses() throws Exception {
            return Path.of(dev.tern.examples.app.broken.BrokenPlugin.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
        }
    }
}
