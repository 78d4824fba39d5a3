package dev.tern.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Flyway as its users run it: one {@code Flyway.configure()...load().migrate()} per start, reading
 * {@code filesystem:} folders. Flyway keeps one version line per history table, so with several
 * plugins each gets its own table ({@code flyway_history_<plugin>}) and, since the schema is not
 * empty when the second plugin starts, {@code baselineOnMigrate} at version 0.
 */
public final class FlywayTool implements Tool {
    @Override
    public String name() {
        return "Flyway";
    }

    private static String table(Workload w, int plugin) {
        return w.plugins() == 1 ? "flyway_schema_history" : "flyway_history_" + w.pluginId(plugin);
    }

    @Override
    public Migrator prepare(Workload workload, Path root) {
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) {
                for (int p = 0; p < workload.plugins(); p++) {
                    Flyway.configure()
                            .dataSource(dataSource)
                            .locations("filesystem:" + root.resolve("flyway").resolve(workload.pluginId(p)).toAbsolutePath())
                            .table(table(workload, p))
                            .baselineOnMigrate(workload.plugins() > 1)
                            .baselineVersion("0")
                            .load()
                            .migrate();
                }
            }

            @Override
            public long historyRows(Connection connection) throws SQLException {
                long total = 0;
                for (int p = 0; p < workload.plugins(); p++) {
                    total += Queries.firstCount(connection, Queries.variants("SELECT COUNT(*) FROM {"
                            + table(workload, p) + "} WHERE {success} = TRUE AND {type} = 'SQL'"));
                }
                return total;
            }
        };
    }

    @Override
    public Migrator dataStep(int rows) {
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(new String[0])
                        .javaMigrations(new V1__Rewrite(rows))
                        // The source table is already there: start the history below version 1.
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            }

            @Override
            public long historyRows(Connection connection) throws SQLException {
                return Queries.firstCount(connection, Queries.variants(
                        "SELECT COUNT(*) FROM {flyway_schema_history} WHERE {success} = TRUE AND {type} = 'JDBC'"));
            }
        };
    }

    /** The data step as a Flyway Java migration; Flyway reads the version from the class name. */
    static final class V1__Rewrite extends BaseJavaMigration {
        private final int rows;

        V1__Rewrite(int rows) {
            this.rows = rows;
        }

        @Override
        public void migrate(Context context) throws SQLException {
            DataRewrite.rewrite(context.getConnection(), rows);
        }
    }
}
