package dev.tern.examples.app;

import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationPlan;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.DataSources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The example application: migrates the database of a job server made of three Tern plugins
 * (jobs, outbox, sagas), each a jar on the class path that Tern finds through
 * {@link java.util.ServiceLoader}, and prints the report.
 *
 * <pre>
 * java -jar tern-example-app.jar [--url JDBC_URL] [--user USER] [--password PASSWORD] [--plan [--json]]
 * </pre>
 *
 * <p>With {@code --plan} it prints what a run would do (every pending step in run order, with the
 * statements counted) and changes nothing: no table is created, not even the history table; with
 * {@code --json} the plan is printed as JSON, alone on standard output.
 *
 * <p>Without {@code --url} it uses an H2 file database, {@code ./tern-example-db.mv.db} in the
 * working directory. Exit status: 0 when every plugin is up to date afterwards, 1 when the
 * migration failed (the error, and the partial report if steps ran, go to standard error), 2 on a
 * usage error. Not thread-safe: one instance serves one command line.
 */
@Command(name = "tern-example-app", sortOptions = false, usageHelpAutoWidth = true,
        description = "Migrates the example job server's database: every Tern plugin on the class path"
                + " (jobs, outbox, sagas), in dependency and priority order.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the database is up to date (with --plan: the plan was printed)", "1:the migration failed",
            "2:usage error"})
public final class ExampleApp implements Callable<Integer> {
    /** The database used when no {@code --url} is given: an H2 file in the working directory. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./tern-example-db";

    /** The line printed after the report when the run applied nothing. */
    public static final String UP_TO_DATE = "Everything is up to date.";

    /** The line printed after the plan's table: a dry run changes nothing. */
    public static final String DRY_RUN = "Dry run: nothing was changed.";

    private static final String H2_DEFAULT_USER = "sa";

    @Option(names = "--url", paramLabel = "JDBC_URL", defaultValue = DEFAULT_URL,
            description = "JDBC URL of the database (H2, PostgreSQL or MariaDB). Default: ${DEFAULT-VALUE}")
    String url;

    @Option(names = "--user", paramLabel = "USER",
            description = "Database user. Default: sa on H2, else the user in the URL or the driver's default.")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Database password. Default: empty on H2, else the password in the URL.")
    String password;

    @Option(names = "--plan", description = "Prints what a run would do, in run order, and changes nothing"
            + " (no lock, no table, not even the history table).")
    boolean plan;

    @Option(names = "--json", description = "With --plan: prints the plan as JSON instead of a table.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    boolean help;

    @Spec
    CommandSpec spec;

    /** Creates the command; its options are set by picocli. */
    public ExampleApp() {
    }

    /**
     * Runs the application and exits the JVM with its exit status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the application without exiting the JVM, writing to {@link System#out} and {@link System#err}.
     *
     * @param args the command-line arguments
     * @return the exit status: 0 success, 1 migration failed, 2 usage error
     */
    public static int execute(String... args) {
        return new CommandLine(new ExampleApp()).execute(args);
    }

    /**
     * Migrates the database and prints the report.
     *
     * @return the exit status: 0 if the run succeeded, 1 if Tern raised a {@link MigrationException}
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json && !plan) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json is only valid with --plan");
        }
        if (!json) {
            // JSON output stays a single document on standard output.
            h2File(url).ifPresent(file -> out.println("H2 database file: " + file));
        }
        try {
            Orchestrator tern = Orchestrator.builder().dataSource(dataSource()).build();
            return plan ? plan(tern, out, json) : migrate(tern, out);
        } catch (MigrationFailedException e) {
            printError(err, e);
            err.println("Partial report:");
            err.println(e.report().toTable());
            return 1;
        } catch (MigrationException e) {
            printError(err, e);
            return 1;
        }
    }

    /** Runs every pending step and prints the report; the place where further actions (plan, status) branch off. */
    private static int migrate(Orchestrator tern, PrintWriter out) {
        MigrationReport report = tern.runAll();
        out.println(report.toTable());
        if (report.appliedCount() == 0) {
            out.println(UP_TO_DATE);
        }
        out.flush();
        return 0;
    }

    /** Prints the plan of a run without running it: as a table, or as JSON. */
    private static int plan(Orchestrator tern, PrintWriter out, boolean json) {
        MigrationPlan plan = tern.plan();
        if (json) {
            out.println(plan.toJson());
        } else {
            out.println(plan.toTable());
            out.println(DRY_RUN);
        }
        out.flush();
        return 0;
    }

    /**
     * A plain DriverManager data source: one run needs a handful of connections, and without a pool
     * an unreachable server fails at once instead of after a pool's connection timeout.
     */
    private DataSource dataSource() {
        boolean h2 = url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
        String effectiveUser = user == null && h2 ? H2_DEFAULT_USER : user;
        String effectivePassword = password == null && h2 ? "" : password;
        return DataSources.fromUrl(url, effectiveUser, effectivePassword);
    }

    /**
     * Prints the error's message, then each cause whose message says something new: Tern's messages
     * already quote the database's words, so most causes would only repeat them.
     */
    private static void printError(PrintWriter err, MigrationException e) {
        StringBuilder said = new StringBuilder(e.getMessage());
        err.println("Migration failed: " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message == null || said.indexOf(message) < 0) {
                err.println("  caused by: " + cause);
                said.append('\n').append(cause);
            }
        }
        err.flush();
    }

    /**
     * Tells where an embedded H2 database lives, so a user knows which file the default run wrote.
     *
     * @param url a JDBC URL
     * @return the absolute path of the H2 data file for {@code jdbc:h2:file:} and {@code jdbc:h2:PATH}
     *     URLs; empty for other databases and for H2 in-memory or server URLs
     */
    static Optional<Path> h2File(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        String kind = rest.toLowerCase(Locale.ROOT);
        if (kind.startsWith("mem:") || kind.startsWith("tcp:") || kind.startsWith("ssl:") || kind.startsWith("zip:")) {
            return Optional.empty();
        }
        if (kind.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(Path.of(rest + ".mv.db").toAbsolutePath().normalize());
    }
}
