package dev.tern.benchmarks;

import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import dev.tern.migration.spi.internal.ScriptScanner;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Tern as an application runs it: per start, a new class loader over the plugins' script folders
 * (as plugin jars would be), one {@link MigrationService} per plugin reading its folder with Tern's
 * own script scanner, one {@code Orchestrator.builder()...build().runAll()}.
 */
public final class TernTool implements Tool {
    /** The name in the tables. */
    public static final String NAME = "Tern";

    @Override
    public String name() {
        return NAME;
    }

    /** A plugin whose steps are the scripts of one folder of a class loader. */
    static final class FolderPlugin implements MigrationService {
        private final String pluginId;
        private final ClassLoader loader;

        FolderPlugin(String pluginId, ClassLoader loader) {
            this.pluginId = pluginId;
            this.loader = loader;
        }

        @Override
        public String pluginId() {
            return pluginId;
        }

        @Override
        public List<Step> steps() {
            return List.copyOf(ScriptScanner.scan(pluginId, loader, "db/" + pluginId));
        }
    }

    private static long historyCount(Connection connection) throws SQLException {
        return Queries.firstCount(connection, Queries.variants(
                "SELECT COUNT(*) FROM {tern_history} WHERE {status} = 'SUCCESS' AND {direction} = 'UP'"
                        + " AND {plugin_id} <> '$tern'"));
    }

    @Override
    public Migrator prepare(Workload workload, Path root) {
        URL folder;
        try {
            folder = root.resolve("tern").toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) throws Exception {
                try (URLClassLoader loader = new URLClassLoader(new URL[] {folder}, TernTool.class.getClassLoader())) {
                    MigrationService[] plugins = new MigrationService[workload.plugins()];
                    for (int p = 0; p < plugins.length; p++) {
                        plugins[p] = new FolderPlugin(workload.pluginId(p), loader);
                    }
                    Orchestrator.builder().dataSource(dataSource).discovery(false).addService(plugins).build().runAll();
                }
            }

            @Override
            public long historyRows(Connection connection) throws SQLException {
                return historyCount(connection);
            }
        };
    }

    @Override
    public Migrator dataStep(int rows) {
        MigrationService service = new MigrationService() {
            @Override
            public String pluginId() {
                return "data";
            }

            @Override
            public List<Step> steps() {
                return List.of(JavaStep.of("1", "rewrite rows", ctx -> DataRewrite.rewrite(ctx.connection(), rows)));
            }
        };
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) {
                Orchestrator.builder().dataSource(dataSource).discovery(false).addService(service).build().runAll();
            }

            @Override
            public long historyRows(Connection connection) throws SQLException {
                return historyCount(connection);
            }
        };
    }
}
