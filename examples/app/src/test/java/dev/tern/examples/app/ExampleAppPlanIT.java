package dev.tern.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --plan} and {@code --plan --json} run as a user runs them, on an empty H2 file database, a
 * fresh PostgreSQL schema and a fresh MariaDB database: every step listed in dependency order
 * (jobs, then outbox which needs jobs, then sagas which needs outbox), and the database left
 * completely empty, without even the history table.
 */
class ExampleAppPlanIT {
    private static final Pattern JSON_STEP = Pattern.compile(
            "\\{\\s*\"plugin\": \"([a-z]+)\",\\s*\"version\": \"([0-9.]+)\",\\s*\"description\": \"[^\"]*\",\\s*\"kind\": \"(SQL|JAVA)\"");

    /** "plugin version" of each row of the plan table printed on {@code output}, in printed order. */
    private static List<String> planRows(String output) {
        return output.lines()
                .filter(line -> line.contains(" | ") && !line.startsWith("# "))
                .map(line -> Arrays.stream(line.split(" \\| ", -1)).map(String::trim).toList())
                .filter(cells -> cells.size() == 9 && !cells.get(4).equals("-"))
                .map(cells -> cells.get(1) + " " + cells.get(4))
                .toList();
    }

    /** "plugin version" of each step of the plan JSON printed on {@code output}, in printed order. */
    private static List<String> jsonSteps(String output) {
        List<String> steps = new ArrayList<>();
        Matcher m = JSON_STEP.matcher(output);
        while (m.find()) {
            steps.add(m.group(1) + " " + m.group(2));
        }
        return steps;
    }

    private static void assertPlannedEverything(AppProcess.Result table, AppProcess.Result json) {
        assertThat(table.exitCode()).as("exit code of\n%s", table).isZero();
        assertThat(planRows(table.stdout())).as("plan rows of\n%s", table).isEqualTo(ExampleSchema.expectedSteps());
        assertThat(table.stdout()).contains(ExampleApp.DRY_RUN)
                .contains(ExampleSchema.expectedSteps().size() + " step(s) to apply");

        assertThat(json.exitCode()).as("exit code of\n%s", json).isZero();
        String out = json.stdout().strip();
        assertThat(out).as("JSON alone on standard output").startsWith("{").endsWith("}");
        assertThat(jsonSteps(out)).as("JSON steps of\n%s", json).isEqualTo(ExampleSchema.expectedSteps());
        assertThat(out).contains("\"installed\": null").contains("\"statements\": [");
    }

    @Test
    void planOnAnEmptyH2FileDatabaseListsEveryStepInDependencyOrderAndCreatesNoTable(@TempDir Path dir)
            throws Exception {
        AppProcess.Result table = AppProcess.runJar(dir, "--plan");
        AppProcess.Result json = AppProcess.runJar(dir, "--plan", "--json");

        assertPlannedEverything(table, json);
        assertThat(table.stdout()).contains("on h2");
        assertThat(json.stdout()).contains("\"database\": \"h2\"").doesNotContain("H2 database file");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("tern-example-db"),
                "sa", "")) {
            assertThat(ExampleSchema.tables(connection)).as("tables after --plan").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void planOnAFreshServerDatabaseListsEveryStepInDependencyOrderAndCreatesNoTable(TestDatabase kind,
                                                                                    @TempDir Path dir) throws Exception {
        try (FreshDatabase db = TestDatabases.create(kind)) {
            String[] args = {"--url", db.jdbcUrl(), "--user", db.user(), "--password", db.password(), "--plan"};

            AppProcess.Result table = AppProcess.runJar(dir, args);
            String[] jsonArgs = Arrays.copyOf(args, args.length + 1);
            jsonArgs[args.length] = "--json";
            AppProcess.Result json = AppProcess.runJar(dir, jsonArgs);

            assertPlannedEverything(table, json);
            try (Connection connection = db.dataSource().getConnection()) {
                assertThat(ExampleSchema.tables(connection)).as("tables after --plan").isEmpty();
            }
        }
    }

    @Test
    void jsonWithoutPlanIsAUsageError(@TempDir Path dir) throws Exception {
        AppProcess.Result run = AppProcess.runJar(dir, "--json");

        assertThat(run.exitCode()).as("exit code of\n%s", run).isEqualTo(2);
        assertThat(run.stderr()).contains("--json is only valid with --plan");
    }
}
