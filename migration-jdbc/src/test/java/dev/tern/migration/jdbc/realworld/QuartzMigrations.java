package dev.tern.migration.jdbc.realworld;

import dev.tern.migration.api.Version;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.util.List;
import java.util.Map;

/**
 * Quartz 2.5.2's JDBC job store as a Tern plugin, written code-first as a plugin author would wrap
 * a library that ships one creation script per database and no migrations: a single step,
 * {@code 2.5.2 job store tables}, whose variants are the scripts in Quartz's jar, unchanged.
 *
 * <ul>
 *   <li>{@code h2}: {@code tables_h2.sql} (11 tables, then 10 primary keys and 4 foreign keys by
 *       {@code ALTER TABLE}, no index, {@code COMMIT});</li>
 *   <li>{@code postgresql}: {@code tables_postgres.sql} (11 {@code DROP TABLE IF EXISTS}, 11 tables,
 *       20 indexes, {@code COMMIT});</li>
 *   <li>{@code mysql}: {@code tables_mysql_innodb.sql}, which MariaDB reads through its fallback
 *       from {@code mariadb} to {@code mysql} ({@code #} comments, the same 43 statements as on
 *       PostgreSQL, ending in {@code commit}).</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class QuartzMigrations implements MigrationService {
    static final String FOLDER = "org/quartz/impl/jdbcjobstore/";
    static final Version VERSION = Version.parse("2.5.2");
    static final String DESCRIPTION = "job store tables";
    /** Variant to the jar resource it reads. */
    static final Map<String, String> SCRIPTS = Map.of(
            "h2", FOLDER + "tables_h2.sql",
            "postgresql", FOLDER + "tables_postgres.sql",
            "mysql", FOLDER + "tables_mysql_innodb.sql");

    private final List<Step> steps = List.of(new SqlStep(VERSION, DESCRIPTION,
            Map.of("h2", JarScripts.read(SCRIPTS.get("h2")),
                    "postgresql", JarScripts.read(SCRIPTS.get("postgresql")),
                    "mysql", JarScripts.read(SCRIPTS.get("mysql"))),
            Map.of(), true));

    @Override
    public String pluginId() {
        return "quartz";
    }

    @Override
    public List<Step> steps() {
        return steps;
    }
}
