package dev.tern.migration.jdbc.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.DependencyException;
import dev.tern.migration.api.DiscoveryException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryStoreException;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.VersionRange;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.DataSources;
import dev.tern.migration.jdbc.JdbcHistoryStore;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.Step;
import dev.tern.migration.spi.StepAction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one row each: a malformed script name or version, a script that cannot be split, a
 * missing or unknown database variant, a hostile history table name, a broken plugin, an edited
 * applied step, a history written by a newer Tern... Each row names the error code, the exception
 * type and what the message must say (plugin, step, file and line where they apply), and checks
 * that nothing was applied: every table of the database, history included, is as it was, and a
 * row refused before the lock leaves not even a history table behind.
 *
 * <p>Every row runs on H2; rows where the database matters (splitting rules, variants, identifiers
 * reaching a real database, checksums, history format) also run on PostgreSQL and MariaDB. One
 * fresh database per row and database.
 */
class BadInputTests {
    private static final Set<TestDatabase> H2 = EnumSet.of(TestDatabase.H2);
    private static final Set<TestDatabase> ALL = EnumSet.allOf(TestDatabase.class);
    private static final Set<TestDatabase> POSTGRESQL_H2 = EnumSet.of(TestDatabase.POSTGRESQL, TestDatabase.H2);
    private static final Set<TestDatabase> MARIADB_H2 = EnumSet.of(TestDatabase.MARIADB, TestDatabase.H2);
    private static final Set<TestDatabase> POSTGRESQL = EnumSet.of(TestDatabase.POSTGRESQL);
    private static final Set<TestDatabase> MARIADB = EnumSet.of(TestDatabase.MARIADB);

    /** A valid first step, so that "nothing was applied" means something. */
    private static final String FIRST_NAME = "V1__first.sql";
    private static final String FIRST = "CREATE TABLE bad_first (id INT);\nINSERT INTO bad_first VALUES (1);\n";
    private static final String SECOND_NAME = "V2__second.sql";
    private static final String SECOND = "CREATE TABLE bad_second (id INT);\n";
    private static final String BROKEN_NAME = "V2__broken.sql";
    /** Where the scanner says a script of the first folder of a row is. */
    private static final String F1 = Fixture.SCRIPTS + "/f1/";
    private static final String SHOP = "plugin 'shop'";
    private static final StepAction NOTHING = context -> { };

    static List<BadInputRow> rows() {
        List<BadInputRow> rows = new ArrayList<>();
        scriptNames(rows);
        versions(rows);
        duplicates(rows);
        emptyScripts(rows);
        unsplittableScripts(rows);
        variantsAndSteps(rows);
        javaSteps(rows);
        identifiers(rows);
        pluginIds(rows);
        discovery(rows);
        configuration(rows);
        history(rows);
        ranges(rows);
        dependencies(rows);
        return rows;
    }

    private static void scriptNames(List<BadInputRow> rows) {
        badScript(rows, "script name without __", H2, ErrorCode.INVALID_SCRIPT_NAME, "V2_second.sql", SECOND);
        badScript(rows, "script name with an unknown prefix X", H2, ErrorCode.INVALID_SCRIPT_NAME, "X2__second.sql", SECOND);
        badScript(rows, "script name with a lower-case prefix v", H2, ErrorCode.INVALID_SCRIPT_NAME, "v2__second.sql", SECOND);
        badScript(rows, "repeatable-style script name R__", H2, ErrorCode.INVALID_SCRIPT_NAME, "R__views.sql", SECOND);
        badScript(rows, "script name without description", H2, ErrorCode.INVALID_SCRIPT_NAME, "V2__.sql", SECOND);
        badScript(rows, "script name with a blank description", H2, ErrorCode.INVALID_SCRIPT_NAME, "V2___.sql", SECOND);
        badScript(rows, "script name ending in .SQL", H2, ErrorCode.INVALID_SCRIPT_NAME, "V2__second.SQL", SECOND);
        badScript(rows, "script name with a space after the prefix", H2, ErrorCode.INVALID_SCRIPT_NAME,
                "V 2__second.sql", SECOND);
        badScript(rows, "script name with a leading space", H2, ErrorCode.INVALID_SCRIPT_NAME, " V2__second.sql", SECOND);
        badScript(rows, "script name without version", H2, ErrorCode.INVALID_SCRIPT_NAME, "V__second.sql", SECOND);
        badScript(rows, "script two folders deep", H2, ErrorCode.INVALID_SCRIPT_NAME, "h2/extra/V2__second.sql", SECOND);
    }

    private static void versions(List<BadInputRow> rows) {
        badScript(rows, "version V1..2__", H2, ErrorCode.INVALID_VERSION, "V1..2__second.sql", SECOND, "'1..2'");
        badScript(rows, "version V1.2.3.4__", H2, ErrorCode.INVALID_VERSION, "V1.2.3.4__second.sql", SECOND, "'1.2.3.4'");
        badScript(rows, "version Vx__", H2, ErrorCode.INVALID_VERSION, "Vx__second.sql", SECOND, "'x'");
        badScript(rows, "version V-1__", H2, ErrorCode.INVALID_VERSION, "V-1__second.sql", SECOND, "'-1'");
        badScript(rows, "version with build metadata V1.2.3+build__", H2, ErrorCode.INVALID_VERSION,
                "V1.2.3+build__second.sql", SECOND, "'1.2.3+build'");
        badScript(rows, "version with an empty pre-release V1.2.3-__", H2, ErrorCode.INVALID_VERSION,
                "V1.2.3-__second.sql", SECOND, "'1.2.3-'");
        badScript(rows, "version number too large V12345678901__", H2, ErrorCode.INVALID_VERSION,
                "V12345678901__second.sql", SECOND, "'12345678901'");
    }

    private static void duplicates(List<BadInputRow> rows) {
        badScripts(rows, "two scripts V2__", H2, ErrorCode.DUPLICATE_VERSION,
                List.of("V2__other.sql", SECOND, SECOND_NAME, SECOND), SECOND_NAME, "step 2.0.0", "V2__other.sql");
        badScript(rows, "scripts V1__ and V1.0.0__", H2, ErrorCode.DUPLICATE_VERSION, "V1.0.0__again.sql", SECOND,
                "step 1.0.0", FIRST_NAME);
        badScripts(rows, "scripts V1_1__ and V1.1__", H2, ErrorCode.DUPLICATE_VERSION,
                List.of("V1.1__dot.sql", SECOND, "V1_1__under.sql", SECOND), "V1_1__under.sql", "step 1.1.0", "V1.1__dot.sql");
        badScripts(rows, "two scripts of one version in one variant folder", H2, ErrorCode.DUPLICATE_VERSION,
                List.of("h2/V2__second.sql", SECOND, "h2/V2.0__again.sql", SECOND), "h2/V2__second.sql", "step 2.0.0",
                "h2/V2.0__again.sql");
        rows.add(row("script V1__ and Java step 1", H2, ErrorCode.DUPLICATE_VERSION, StepDefinitionException.class,
                f -> run(f, f.folder().write(FIRST_NAME, FIRST).plugin("shop", List.of(JavaStep.of("1", "java", NOTHING)))),
                SHOP, "step 1.0.0", FIRST_NAME, "(Java)"));
        rows.add(row("two Java steps 1.2 and 1.2.0", H2, ErrorCode.DUPLICATE_VERSION, StepDefinitionException.class,
                f -> run(f, service("shop", () -> List.of(JavaStep.of("1.2", "a", NOTHING), JavaStep.of("1.2.0", "b", NOTHING)))),
                SHOP, "step 1.2.0"));
    }

    private static void emptyScripts(List<BadInputRow> rows) {
        badScript(rows, "empty script", H2, ErrorCode.EMPTY_SCRIPT, SECOND_NAME, "", "step 2.0.0");
        badScript(rows, "blank script", H2, ErrorCode.EMPTY_SCRIPT, SECOND_NAME, " \n\t\r\n", "step 2.0.0");
        badScript(rows, "comment-only script", ALL, ErrorCode.EMPTY_SCRIPT, SECOND_NAME,
                "-- nothing yet\n/* later,\n   maybe */\n", "step 2.0.0");
        badScript(rows, "script of semicolons only", ALL, ErrorCode.EMPTY_SCRIPT, SECOND_NAME, ";\n ;\n", "step 2.0.0");
        badScript(rows, "hash-comment-only script (MariaDB)", MARIADB, ErrorCode.EMPTY_SCRIPT, SECOND_NAME,
                "# nothing yet\n#\n", "step 2.0.0");
    }

    private static void unsplittableScripts(List<BadInputRow> rows) {
        String line3 = BROKEN_NAME + ":3";
        badScript(rows, "unterminated single-quoted string", ALL, ErrorCode.SQL_PARSE_ERROR, BROKEN_NAME,
                "INSERT INTO bad_first VALUES (2);\n\nINSERT INTO bad_first VALUES ('oops);\n", "step 2.0.0", line3);
        badScript(rows, "unterminated double-quoted identifier", ALL, ErrorCode.SQL_PARSE_ERROR, BROKEN_NAME,
                "INSERT INTO bad_first VALUES (2);\n\nSELECT \"id FROM bad_first;\n", "step 2.0.0", line3);
        badScript(rows, "unterminated block comment", ALL, ErrorCode.SQL_PARSE_ERROR, BROKEN_NAME,
                "INSERT INTO bad_first VALUES (2);\n\n/* a comment\nthat never ends;\n", "step 2.0.0", line3);
        badScript(rows, "unterminated dollar quote $$", POSTGRESQL_H2, ErrorCode.SQL_PARSE_ERROR, BROKEN_NAME,
                "INSERT INTO bad_first VALUES (2);\n\nCREATE FUNCTION bad_f() RETURNS INT AS $$\nSELECT 1;\n",
                "step 2.0.0", line3);
        badScript(rows, "unterminated tagged dollar quote $body$ (PostgreSQL)", POSTGRESQL, ErrorCode.SQL_PARSE_ERROR,
                BROKEN_NAME, "INSERT INTO bad_first VALUES (2);\n\nDO $body$ BEGIN PERFORM 1; END $bdy$;\n",
                "step 2.0.0", line3);
        badScript(rows, "unterminated backtick identifier", MARIADB_H2, ErrorCode.SQL_PARSE_ERROR, BROKEN_NAME,
                "INSERT INTO bad_first VALUES (2);\n\nSELECT `id FROM bad_first;\n", "step 2.0.0", line3);
        badScript(rows, "DELIMITER without a delimiter (MariaDB)", MARIADB, ErrorCode.SQL_PARSE_ERROR, BROKEN_NAME,
                "INSERT INTO bad_first VALUES (2);\n\nDELIMITER \nSELECT 1;\n", "step 2.0.0", line3);
    }

    private static void variantsAndSteps(List<BadInputRow> rows) {
        badScript(rows, "only a postgresql/ script, run elsewhere", MARIADB_H2, ErrorCode.MISSING_DATABASE_VARIANT,
                "postgresql/" + SECOND_NAME, SECOND, "step 2.0.0", "no up script for database", "[postgresql]");
        badScript(rows, "only a mariadb/ script, run elsewhere", POSTGRESQL_H2, ErrorCode.MISSING_DATABASE_VARIANT,
                "mariadb/" + SECOND_NAME, SECOND, "step 2.0.0", "no up script for database", "[mariadb]");
        badScript(rows, "unknown database variant folder oracle/", ALL, ErrorCode.UNKNOWN_DATABASE_VARIANT,
                "oracle/" + SECOND_NAME, SECOND, "'oracle'");
        badScript(rows, "database variant folder in the wrong case PostgreSQL/", H2, ErrorCode.UNKNOWN_DATABASE_VARIANT,
                "PostgreSQL/" + SECOND_NAME, SECOND, "'PostgreSQL'");
        badScript(rows, "down script without up script", H2, ErrorCode.INVALID_STEP, "U2__second.sql", "DROP TABLE bad_first;\n",
                "step 2.0.0", "no matching up script");
        rows.add(row("script folder without scripts", H2, ErrorCode.SCRIPT_READ_FAILED, StepDefinitionException.class,
                f -> run(f, f.folder().write("README.txt", "scripts go here").plugin("shop")), SHOP, "tern-bad/f1"));
        rows.add(row("steps() throws", H2, ErrorCode.INVALID_STEP, StepDefinitionException.class,
                f -> run(f, service("shop", () -> {
                    throw new IllegalStateException("cannot read the shop's steps");
                })), SHOP, "cannot read the shop's steps"));
        rows.add(row("steps() returns null", H2, ErrorCode.INVALID_STEP, StepDefinitionException.class,
                f -> run(f, service("shop", () -> null)), SHOP, "returned null"));
    }

    private static void javaSteps(List<BadInputRow> rows) {
        rows.add(row("Java step with null version", H2, ErrorCode.INVALID_VERSION, StepDefinitionException.class,
                f -> run(f, service("shop", () -> List.of(JavaStep.of(null, "java", NOTHING)))), SHOP, "version"));
        rows.add(row("Java step with blank version", H2, ErrorCode.INVALID_VERSION, StepDefinitionException.class,
                f -> run(f, service("shop", () -> List.of(JavaStep.of(" ", "java", NOTHING)))), SHOP, "' '"));
        rows.add(row("Java step with null description", H2, ErrorCode.INVALID_STEP, StepDefinitionException.class,
                f -> run(f, service("shop", () -> List.of(JavaStep.of("1", null, NOTHING)))), SHOP, "description"));
        rows.add(row("Java step with blank description", H2, ErrorCode.INVALID_STEP, StepDefinitionException.class,
                f -> run(f, service("shop", () -> List.of(JavaStep.of("1", "  ", NOTHING)))), SHOP, "description"));
    }

    private static void identifiers(List<BadInputRow> rows) {
        List<String> tables = List.of("tern\"history", "tern_history;", "tern history", "x; DROP TABLE users",
                "tern_history--", "tern_h\u0456story", "t".repeat(64), "");
        for (String table : tables) {
            rows.add(row("history table '" + printable(table) + "'", ALL, ErrorCode.INVALID_IDENTIFIER,
                    ConfigurationException.class, f -> hostile(f, f.tern().historyTable(table)), "history table name"));
        }
        List<String> schemas = List.of("x; DROP TABLE users", "tern'", "", "s".repeat(64), "tern-schema");
        for (String schema : schemas) {
            rows.add(row("history schema '" + printable(schema) + "'", ALL, ErrorCode.INVALID_IDENTIFIER,
                    ConfigurationException.class, f -> hostile(f, f.tern().historySchema(schema)), "history schema name"));
        }
    }

    private static void pluginIds(List<BadInputRow> rows) {
        for (String id : new String[] {"Shop", "my shop", "", "p".repeat(65), "-shop", "shop/v2"}) {
            rows.add(row("plugin id '" + printable(id) + "'", H2, ErrorCode.INVALID_PLUGIN_ID, ConfigurationException.class,
                    f -> run(f, f.folder().write(FIRST_NAME, FIRST).plugin(id)), "plugin id '" + id + "'"));
        }
        rows.add(row("plugin id null", H2, ErrorCode.INVALID_PLUGIN_ID, ConfigurationException.class,
                f -> run(f, f.folder().write(FIRST_NAME, FIRST).plugin(null)), "plugin id null"));
    }

    private static void discovery(List<BadInputRow> rows) {
        String missing = BadInputTests.class.getPackageName() + ".NoSuchPlugin";
        rows.add(row("META-INF/services names a missing class", H2, ErrorCode.PROVIDER_LOAD_FAILED,
                DiscoveryException.class, f -> discover(f, f.servicesLoader(missing)), missing));
        String throwing = BrokenProviders.ThrowingConstructor.class.getName();
        rows.add(row("provider whose constructor throws", H2, ErrorCode.PROVIDER_LOAD_FAILED, DiscoveryException.class,
                f -> discover(f, f.servicesLoader(throwing)), throwing, "no shop.region set"));
        rows.add(row("META-INF/services names a class that is no MigrationService", H2, ErrorCode.PROVIDER_LOAD_FAILED,
                DiscoveryException.class, f -> discover(f, f.servicesLoader(BrokenProviders.NotAService.class.getName())),
                BrokenProviders.NotAService.class.getName()));
        rows.add(row("two plugins with one id", H2, ErrorCode.DUPLICATE_PLUGIN, DiscoveryException.class,
                f -> run(f, f.scripts(FIRST_NAME, FIRST), f.scripts(SECOND_NAME, SECOND)), SHOP));
        rows.add(row("a discovered and an added plugin with one id", H2, ErrorCode.DUPLICATE_PLUGIN,
                DiscoveryException.class, f -> {
                    ClassLoader loader = f.servicesLoader(BrokenProviders.Shop.class.getName());
                    MigrationService added = f.scripts(FIRST_NAME, FIRST);
                    return () -> Orchestrator.builder().dataSource(f.db().dataSource()).classLoader(loader)
                            .addService(added).build().runAll();
                }, SHOP, BrokenProviders.Shop.class.getName()));
    }

    private static void configuration(List<BadInputRow> rows) {
        rows.add(row("lock timeout zero", H2, ErrorCode.INVALID_CONFIGURATION, ConfigurationException.class,
                f -> run(f.tern().lockTimeout(Duration.ZERO), f.scripts(FIRST_NAME, FIRST)), "lockTimeout"));
        rows.add(row("lock timeout negative", H2, ErrorCode.INVALID_CONFIGURATION, ConfigurationException.class,
                f -> run(f.tern().lockTimeout(Duration.ofSeconds(-1)), f.scripts(FIRST_NAME, FIRST)), "lockTimeout"));
        rows.add(row("lock timeout null", H2, ErrorCode.INVALID_CONFIGURATION, ConfigurationException.class,
                f -> () -> f.tern().lockTimeout(null), "lockTimeout"));
        rows.add(row("no data source and no history store", H2, ErrorCode.INVALID_CONFIGURATION,
                ConfigurationException.class, f -> run(Orchestrator.builder().discovery(false), f.scripts(FIRST_NAME, FIRST)),
                "either dataSource or historyStore"));
        rows.add(row("null data source", H2, ErrorCode.INVALID_CONFIGURATION, ConfigurationException.class,
                f -> () -> Orchestrator.builder().dataSource(null), "dataSource"));
        rows.add(row("blank installedBy", H2, ErrorCode.INVALID_CONFIGURATION, ConfigurationException.class,
                f -> run(f.tern().installedBy(" "), f.scripts(FIRST_NAME, FIRST)), "installedBy"));
        rows.add(row("data source that cannot connect", H2, ErrorCode.CONNECTION_FAILED, ConfigurationException.class,
                f -> run(Orchestrator.builder().discovery(false).dataSource(
                        DataSources.fromUrl("jdbc:h2:mem:tern_absent;IFEXISTS=TRUE", "sa", "")), f.scripts(FIRST_NAME, FIRST)),
                "cannot connect to the database"));
        rows.add(row("database Tern does not know", H2, ErrorCode.UNSUPPORTED_DATABASE, ConfigurationException.class,
                f -> run(Orchestrator.builder().discovery(false).dataSource(reportingProduct(f.db().dataSource(), "Oracle")),
                        f.scripts(FIRST_NAME, FIRST)), "'Oracle"));
    }

    private static void history(List<BadInputRow> rows) {
        rows.add(afterApply("script edited after it was applied", ALL, ErrorCode.CHECKSUM_MISMATCH,
                ValidationException.class, f -> {
                    Fixture.ScriptFolder folder = f.folder().write(FIRST_NAME, FIRST, SECOND_NAME, SECOND);
                    f.apply(folder.plugin("shop"));
                    folder.write(SECOND_NAME, "CREATE TABLE bad_second (id INT, name VARCHAR(10));\n");
                    return run(f, folder.plugin("shop"));
                }, SHOP, "step 2.0.0", F1 + SECOND_NAME, "changed after it was applied"));
        rows.add(afterApply("Java step checksum changed after it was applied", H2, ErrorCode.CHECKSUM_MISMATCH,
                ValidationException.class, f -> {
                    f.apply(service("shop", () -> List.of(JavaStep.of("1", "java", NOTHING).withChecksum("rev-1"))));
                    return run(f, service("shop", () -> List.of(JavaStep.of("1", "java", NOTHING).withChecksum("rev-2"))));
                }, SHOP, "step 1.0.0", "Java step"));
        rows.add(afterApply("applied step removed from the code", ALL, ErrorCode.APPLIED_STEP_MISSING,
                ValidationException.class, f -> {
                    Fixture.ScriptFolder folder = f.folder().write(FIRST_NAME, FIRST, SECOND_NAME, SECOND);
                    f.apply(folder.plugin("shop"));
                    folder.delete(SECOND_NAME).write("V3__third.sql", "CREATE TABLE bad_third (id INT);\n");
                    return run(f, folder.plugin("shop"));
                }, SHOP, "step 2.0.0", "no longer has it"));
        rows.add(afterApply("step added below the installed version", H2, ErrorCode.OUT_OF_ORDER_STEP,
                ValidationException.class, f -> {
                    Fixture.ScriptFolder folder = f.folder().write(SECOND_NAME, SECOND);
                    f.apply(folder.plugin("shop"));
                    folder.write(FIRST_NAME, FIRST);
                    return run(f, folder.plugin("shop"));
                }, SHOP, "step 1.0.0", F1 + FIRST_NAME));
        rows.add(afterApply("history table written by a newer Tern", ALL, ErrorCode.HISTORY_FORMAT_UNSUPPORTED,
                HistoryStoreException.class, f -> {
                    f.apply(f.scripts(FIRST_NAME, FIRST));
                    newerFormatMarker(f);
                    return run(f, f.scripts(FIRST_NAME, FIRST, SECOND_NAME, SECOND));
                }, "format 2.0.0", "upgrade Tern"));
        rows.add(afterApply("unterminated string in a step added after earlier runs", ALL, ErrorCode.SQL_PARSE_ERROR,
                StepDefinitionException.class, f -> {
                    Fixture.ScriptFolder folder = f.folder().write(FIRST_NAME, FIRST);
                    f.apply(folder.plugin("shop"));
                    folder.write(SECOND_NAME, SECOND, "V3__third.sql", "INSERT INTO bad_first VALUES (3);\n'oops;\n");
                    return run(f, folder.plugin("shop"));
                }, SHOP, "step 3.0.0", F1 + "V3__third.sql:2"));
        rows.add(row("history table name naming an application table", ALL, ErrorCode.HISTORY_STORE_FAILED,
                HistoryStoreException.class, f -> {
                    f.sql("CREATE TABLE users (id INT, name VARCHAR(20))", "INSERT INTO users VALUES (1, 'ada')");
                    return run(f.tern().historyTable("users"), f.scripts(FIRST_NAME, FIRST));
                }, "history table users"));
        rows.add(afterApply("migrate to a version below the installed one", H2, ErrorCode.DOWNGRADE_REFUSED,
                ValidationException.class, f -> {
                    MigrationService shop = f.scripts(FIRST_NAME, FIRST, SECOND_NAME, SECOND);
                    f.apply(shop);
                    return () -> f.tern().addService(shop).build().migrate("shop", "1");
                }, SHOP, "installed at 2.0.0"));
        rows.add(afterApply("breaking step without allowBreaking", H2, ErrorCode.BREAKING_STEP_REFUSED,
                ValidationException.class, f -> {
                    Fixture.ScriptFolder folder = f.folder().write(FIRST_NAME, FIRST);
                    f.apply(folder.plugin("shop"));
                    folder.write(SECOND_NAME, "-- tern:breaking=true\nDROP TABLE bad_first;\n");
                    return run(f, folder.plugin("shop"));
                }, SHOP, "step 2.0.0", F1 + SECOND_NAME, "allowBreaking"));
        rows.add(afterApply("migrate a plugin that is not there", H2, ErrorCode.INVALID_CONFIGURATION,
                ConfigurationException.class, f -> {
                    MigrationService shop = f.scripts(FIRST_NAME, FIRST);
                    f.apply(shop);
                    return () -> f.tern().addService(shop).build().migrate("billing", "1");
                }, "'billing'"));
        rows.add(afterApply("migrate to a version the plugin does not have", H2, ErrorCode.INVALID_CONFIGURATION,
                ConfigurationException.class, f -> {
                    MigrationService shop = f.scripts(FIRST_NAME, FIRST, SECOND_NAME, SECOND);
                    f.apply(f.scripts(FIRST_NAME, FIRST));
                    return () -> f.tern().addService(shop).build().migrate("shop", "1.5");
                }, "1.5"));
        rows.add(afterApply("failed non-transactional step left in the history", MARIADB_H2,
                ErrorCode.FAILED_STEP_IN_HISTORY, ValidationException.class, f -> {
                    Fixture.ScriptFolder folder = f.folder().write(FIRST_NAME, FIRST,
                            SECOND_NAME, "CREATE TABLE bad_half (id INT);\nINSERT INTO bad_absent VALUES (1);\n");
                    assertThat(catchThrowable(() -> f.apply(folder.plugin("shop"))))
                            .isInstanceOf(MigrationFailedException.class);
                    return run(f, folder.plugin("shop"));
                }, SHOP, "step 2.0.0", "blocked"));
    }

    private static void ranges(List<BadInputRow> rows) {
        // Where a range is parsed, before any orchestrator sees it.
        rows.add(row("range >>1 given to PluginDependency.on", H2, ErrorCode.INVALID_RANGE, DependencyException.class,
                f -> () -> PluginDependency.on("jobs", ">>1"), "'>>1'"));
        rows.add(row("range 1.2.3.4 given to VersionRange.parse", H2, ErrorCode.INVALID_RANGE, DependencyException.class,
                f -> () -> VersionRange.parse("1.2.3.4"), "'1.2.3.4'"));
    }

    private static void dependencies(List<BadInputRow> rows) {
        rows.add(row("dependency cycle", H2, ErrorCode.DEPENDENCY_CYCLE, DependencyException.class,
                f -> run(f, related("alpha", () -> List.of(PluginDependency.on("beta")), List::of),
                        related("beta", () -> List.of(PluginDependency.on("alpha", "^1")), List::of)),
                "cycle", "alpha", "beta"));
        rows.add(row("missing dependency", H2, ErrorCode.MISSING_DEPENDENCY, DependencyException.class,
                f -> run(f, related("shop", () -> List.of(PluginDependency.on("billing", "^1")), List::of)),
                SHOP, "'billing'"));
        rows.add(row("unsatisfiable dependency range", H2, ErrorCode.UNSATISFIED_DEPENDENCY, DependencyException.class,
                f -> run(f, related("shop", () -> List.of(PluginDependency.on("billing", "^2")), List::of),
                        related("billing", List::of, List::of)), SHOP, "'billing'", "^2", "1.0.0"));
        rows.add(row("plugin conflict", H2, ErrorCode.PLUGIN_CONFLICT, DependencyException.class,
                f -> run(f, related("shop", List::of, () -> List.of(PluginDependency.on("legacy-shop"))),
                        related("legacy-shop", List::of, List::of)), SHOP, "'legacy-shop'"));
        for (String range : List.of(">>1", "^", "1.2.3.4")) {
            rows.add(row("dependency range " + range, H2, ErrorCode.INVALID_RANGE, DependencyException.class,
                    f -> run(f, related("shop", () -> List.of(PluginDependency.on("billing", range)), List::of),
                            related("billing", List::of, List::of)), SHOP, "'" + range + "'"));
        }
        rows.add(row("conflict range ^", H2, ErrorCode.INVALID_RANGE, DependencyException.class,
                f -> run(f, related("shop", List::of, () -> List.of(PluginDependency.on("legacy-shop", "^"))),
                        related("legacy-shop", List::of, List::of)), SHOP, "'^'"));
    }

    /** A plugin whose one Java step creates table {@code bad_<id>}, with dependencies and conflicts. */
    private static MigrationService related(String pluginId, Supplier<List<PluginDependency>> needs,
                                            Supplier<List<PluginDependency>> conflicts) {
        String table = "bad_" + pluginId.replace('-', '_');
        return new MigrationService() {
            @Override
            public String pluginId() {
                return pluginId;
            }

            @Override
            public List<PluginDependency> dependencies() {
                return needs.get();
            }

            @Override
            public List<PluginDependency> conflicts() {
                return conflicts.get();
            }

            @Override
            public List<Step> steps() {
                return List.of(JavaStep.of("1", "create " + table, context -> {
                    try (Statement st = context.connection().createStatement()) {
                        st.execute("CREATE TABLE " + table + " (id INT)");
                    }
                }));
            }
        };
    }

    static Stream<Arguments> cases() {
        return rows().stream().flatMap(row -> row.databases().stream().map(db -> Arguments.of(row, db)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void badInputIsRefusedWithItsCodeAndNothingIsApplied(BadInputRow row, TestDatabase database, @TempDir Path root)
            throws Exception {
        try (FreshDatabase db = TestDatabases.create(database)) {
            Fixture fixture = new Fixture(db, root);
            ThrowingCallable bad = row.setup().prepare(fixture);
            Map<String, List<String>> before = DatabaseSnapshot.of(db);
            assertThat(before.containsKey("tern_history")).as("history exists before the bad run")
                    .isEqualTo(row.historyBefore());

            Throwable thrown = catchThrowable(bad);

            assertThat(thrown).as("what the bad input raised").isExactlyInstanceOf(row.type());
            MigrationException e = (MigrationException) thrown;
            assertThat(e.code()).as("error code of: %s", e.getMessage()).isEqualTo(row.code());
            assertThat(e.getMessage()).startsWith("[" + row.code().name() + "]");
            for (String fragment : row.fragments()) {
                assertThat(e.getMessage()).as("message names what is wrong and where").contains(fragment);
            }
            assertThat(DatabaseSnapshot.of(db)).as("every table, history included, as it was before the bad run")
                    .isEqualTo(before);
        }
    }

    @Test
    void theTableHasAtLeastFortyRowsWithDistinctNames() {
        List<BadInputRow> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rows.stream().map(BadInputRow::name)).doesNotHaveDuplicates();
    }

    // --- row builders ---

    private static BadInputRow row(String name, Set<TestDatabase> databases, ErrorCode code,
                                   Class<? extends MigrationException> type, BadInputRow.Setup setup, String... fragments) {
        return new BadInputRow(name, databases, setup, code, type, List.of(fragments), false);
    }

    private static BadInputRow afterApply(String name, Set<TestDatabase> databases, ErrorCode code,
                                          Class<? extends MigrationException> type, BadInputRow.Setup setup,
                                          String... fragments) {
        return new BadInputRow(name, databases, setup, code, type, List.of(fragments), true);
    }

    /**
     * A plugin {@code shop} with a valid {@code V1__first.sql} and one bad script; the message must
     * name the plugin, the bad file and the given fragments.
     */
    private static void badScript(List<BadInputRow> rows, String name, Set<TestDatabase> databases, ErrorCode code,
                                  String file, String content, String... fragments) {
        badScripts(rows, name, databases, code, List.of(file, content), file, fragments);
    }

    /** As {@link #badScript}, with several scripts (name, content, ...) beside {@code V1__first.sql}. */
    private static void badScripts(List<BadInputRow> rows, String name, Set<TestDatabase> databases, ErrorCode code,
                                   List<String> namesAndContents, String badFile, String... fragments) {
        List<String> expected = new ArrayList<>(List.of(SHOP, F1 + badFile));
        expected.addAll(List.of(fragments));
        rows.add(new BadInputRow(name, databases, f -> {
            List<String> files = new ArrayList<>(List.of(FIRST_NAME, FIRST));
            files.addAll(namesAndContents);
            return run(f, f.scripts(files.toArray(String[]::new)));
        }, code, StepDefinitionException.class, expected, false));
    }

    private static ThrowingCallable run(Fixture f, MigrationService... services) {
        return run(f.tern(), services);
    }

    private static ThrowingCallable run(Orchestrator.Builder builder, MigrationService... services) {
        return () -> builder.addService(services).build().runAll();
    }

    private static ThrowingCallable discover(Fixture f, ClassLoader loader) {
        return () -> Orchestrator.builder().dataSource(f.db().dataSource()).classLoader(loader).build().runAll();
    }

    /** A table {@code users} the hostile names aim at, and a plugin that would otherwise run. */
    private static ThrowingCallable hostile(Fixture f, Orchestrator.Builder builder) throws Exception {
        f.sql("CREATE TABLE users (id INT)", "INSERT INTO users VALUES (1)");
        return run(builder, f.scripts(FIRST_NAME, FIRST));
    }

    /** Replaces the format marker by one of a newer major format, as a newer Tern would write it. */
    private static void newerFormatMarker(Fixture f) throws Exception {
        try (Connection c = f.db().dataSource().getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM tern_history WHERE plugin_id = ?")) {
                delete.setString(1, JdbcHistoryStore.FORMAT_MARKER);
                assertThat(delete.executeUpdate()).as("format marker rows").isEqualTo(1);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO tern_history (id, plugin_id, version,"
                    + " description, kind, checksum, direction, status, attempts, started_at, finished_at, execution_ms,"
                    + " installed_by, error) VALUES (-1, ?, ?, 'history format', 'SQL', NULL, 'UP', 'SUCCESS', 1, ?, ?, 0,"
                    + " 'tern', NULL)")) {
                Timestamp now = Timestamp.valueOf(LocalDateTime.of(2030, 1, 1, 0, 0));
                insert.setString(1, JdbcHistoryStore.FORMAT_MARKER);
                insert.setString(2, "2.0.0");
                insert.setTimestamp(3, now);
                insert.setTimestamp(4, now);
                insert.executeUpdate();
            }
        }
    }

    /** The data source, except that its database calls itself {@code product}. */
    private static DataSource reportingProduct(DataSource real, String product) {
        return (DataSource) Proxy.newProxyInstance(BadInputTests.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(BadInputTests.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                Object r = invoke(connection, m, a);
                                if (!(r instanceof DatabaseMetaData meta)) {
                                    return r;
                                }
                                return Proxy.newProxyInstance(BadInputTests.class.getClassLoader(),
                                        new Class<?>[] {DatabaseMetaData.class}, (mp, mm, ma) ->
                                                mm.getName().equals("getDatabaseProductName") ? product : invoke(meta, mm, ma));
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static MigrationService service(String pluginId, Supplier<List<Step>> steps) {
        return new MigrationService() {
            @Override
            public String pluginId() {
                return pluginId;
            }

            @Override
            public List<Step> steps() {
                return steps.get();
            }
        };
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : (s.length() > 20 ? s.substring(0, 8) + "...(" + s.length() + " chars)" : s).toCharArray()) {
            out.append(ch < 0x7f ? String.valueOf(ch) : String.format("\\u%04x", (int) ch));
        }
        return out.toString();
    }
}
