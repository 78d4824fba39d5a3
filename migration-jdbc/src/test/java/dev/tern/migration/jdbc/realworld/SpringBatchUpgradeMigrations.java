package dev.tern.migration.jdbc.realworld;

import dev.tern.migration.api.Version;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring Batch's own upgrade scripts as a Tern plugin: an installation that started on Spring
 * Batch 2.1 and follows every schema change Spring Batch has shipped since, one step per release.
 *
 * <p>Spring Batch's {@code migration/<release>/migration-<database>.sql} scripts upgrade an older
 * schema, so they cannot run on an empty database, and the jar no longer holds that older schema.
 * Step {@code 2.1.0} is therefore this package's own test resource
 * {@code spring-batch-2.1/<database>.sql}: the 2.1 job repository (with {@code BATCH_JOB_PARAMS}
 * and the {@code BATCH_JOB_SEQ} generator) and one job run with one parameter. The later steps are
 * the jar's scripts, unchanged:
 *
 * <ul>
 *   <li>{@code 2.2.0}: creates {@code BATCH_JOB_EXECUTION_PARAMS} and copies the 2.1 parameters
 *       into it ({@code h2}, {@code postgresql}, {@code mysql});</li>
 *   <li>{@code 4.3.0}: widens MySQL's {@code DATETIME} columns to microseconds ({@code mysql}
 *       only);</li>
 *   <li>{@code 5.0.0}: adds {@code BATCH_STEP_EXECUTION.CREATE_TIME}, drops the typed value columns
 *       and renames the parameter columns ({@code h2}, {@code postgresql}, {@code mysql});</li>
 *   <li>{@code 6.0.0}: renames {@code BATCH_JOB_SEQ} to {@code BATCH_JOB_INSTANCE_SEQ} ({@code h2},
 *       {@code postgresql}, {@code mariadb} with {@code RENAME SEQUENCE}, {@code mysql} with
 *       {@code RENAME TABLE}).</li>
 * </ul>
 *
 * <p>A Tern step needs a script for every database it runs on, and Spring Batch ships 4.3 for
 * MySQL only (the other databases needed no change), so the plugin is built for one database: it
 * keeps a release when the jar has a script for one of that database's variants, and gives each
 * kept step every variant the jar has, leaving the choice among them to the dialect. On MariaDB
 * (variants {@code mariadb}, {@code mysql}) the chain is 2.1, 2.2, 4.3, 5.0 from the MySQL scripts
 * and 6.0 from {@code migration-mariadb.sql}; on H2 and PostgreSQL it is 2.1, 2.2, 5.0, 6.0.
 *
 * <p>Thread-safe: immutable.
 */
final class SpringBatchUpgradeMigrations implements MigrationService {
    static final String BASELINE_FOLDER = "dev/tern/migration/jdbc/realworld/spring-batch-2.1/";
    static final String MIGRATION_FOLDER = "org/springframework/batch/core/migration/";
    static final Version BASELINE = Version.parse("2.1.0");
    static final List<String> RELEASES = List.of("2.2", "4.3", "5.0", "6.0");
    private static final List<String> VARIANTS = List.of("h2", "postgresql", "mariadb", "mysql");

    private final List<Step> steps;

    /**
     * @param databaseVariants the variants of the database the plugin will run on, most specific
     *     first, as its dialect reads them, e.g. {@code [mariadb, mysql]}
     */
    SpringBatchUpgradeMigrations(List<String> databaseVariants) {
        List<Step> all = new ArrayList<>();
        Map<String, SqlScript> baseline = new LinkedHashMap<>();
        for (String variant : List.of("h2", "postgresql", "mariadb")) {
            baseline.put(variant, JarScripts.read(BASELINE_FOLDER + variant + ".sql"));
        }
        all.add(new SqlStep(BASELINE, "spring batch 2.1 schema", baseline, Map.of(), true));
        for (String release : RELEASES) {
            Map<String, SqlScript> up = new LinkedHashMap<>();
            for (String variant : VARIANTS) {
                String path = script(release, variant);
                if (JarScripts.exists(path)) {
                    up.put(variant, JarScripts.read(path));
                }
            }
            if (databaseVariants.stream().anyMatch(up::containsKey)) {
                all.add(new SqlStep(Version.parse(release), "upgrade to " + release, up, Map.of(), true));
            }
        }
        steps = List.copyOf(all);
    }

    /**
     * @param release a Spring Batch release folder, e.g. {@code 6.0}
     * @param variant a database variant
     * @return the jar resource of that release's migration script for that variant
     */
    static String script(String release, String variant) {
        return MIGRATION_FOLDER + release + "/migration-" + variant + ".sql";
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
