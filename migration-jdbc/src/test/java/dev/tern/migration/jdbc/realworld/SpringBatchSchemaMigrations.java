package dev.tern.migration.jdbc.realworld;

import dev.tern.migration.api.Version;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring Batch 6.0.4's current job repository schema as a Tern plugin: one step,
 * {@code 6.0.4 job repository schema}, whose variants are the {@code schema-<database>.sql} scripts
 * of Spring Batch's jar, unchanged: {@code h2}, {@code postgresql}, {@code mariadb} and
 * {@code mysql}. Each creates the six {@code BATCH_*} tables and three id generators; MariaDB must
 * pick {@code schema-mariadb.sql} (real sequences) over {@code schema-mysql.sql} (sequence
 * tables), which tells the two apart in the catalog.
 *
 * <p>Thread-safe: immutable.
 */
final class SpringBatchSchemaMigrations implements MigrationService {
    static final String FOLDER = "org/springframework/batch/core/";
    static final Version VERSION = Version.parse("6.0.4");
    static final String DESCRIPTION = "job repository schema";

    private final List<Step> steps;

    SpringBatchSchemaMigrations() {
        Map<String, SqlScript> up = new LinkedHashMap<>();
        for (String variant : List.of("h2", "postgresql", "mariadb", "mysql")) {
            up.put(variant, JarScripts.read(script(variant)));
        }
        steps = List.of(new SqlStep(VERSION, DESCRIPTION, up, Map.of(), true));
    }

    /**
     * @param variant a database variant
     * @return the jar resource of that variant's schema script
     */
    static String script(String variant) {
        return FOLDER + "schema-" + variant + ".sql";
    }

    @Override
    public String pluginId() {
        return "spring-batch";
    }

    @Override
    public List<Step> steps() {
        return steps;
    }
}
