package dev.tern.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase as its users embed it: per start, one connection, a {@code Database} found for it, and
 * one {@code update} command per plugin changelog (XML, one {@code sqlFile} change set per step),
 * all plugins sharing Liquibase's one history table. Console output goes to the logger so that
 * printing is not measured.
 */
public final class LiquibaseTool implements Tool {
    @Override
    public String name() {
        return "Liquibase";
    }

    static void update(DataSource dataSource, Path folder, String... changelogs) throws Exception {
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(folder),
                Scope.Attr.ui.name(), new LoggerUIService());
        Scope.child(scope, () -> {
            try (Connection c = dataSource.getConnection()) {
                Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                for (String changelog : changelogs) {
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                            .execute();
                }
            }
        });
    }

    private static long changelogRows(Connection connection) throws SQLException {
        return Queries.firstCount(connection, Queries.variants("SELECT COUNT(*) FROM {DATABASECHANGELOG}"));
    }

    @Override
    public Migrator prepare(Workload workload, Path root) {
        String[] changelogs = new String[workload.plugins()];
        for (int p = 0; p < changelogs.length; p++) {
            changelogs[p] = workload.pluginId(p) + "/changelog.xml";
        }
        Path folder = root.resolve("liquibase");
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) throws Exception {
                update(dataSource, folder, changelogs);
            }

            @Override
            public long historyRows(Connection connection) throws SQLException {
                return changelogRows(connection);
            }
        };
    }

    @Override
    public Migrator dataStep(int rows) {
        Path folder;
        try {
            folder = Files.createTempDirectory("tern-bench-lb");
            Files.writeString(folder.resolve("data.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                    + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                    + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                    + "  <changeSet id=\"1\" author=\"bench\">\n"
                    + "    <customChange class=\"" + LiquibaseRewrite.class.getName() + "\">\n"
                    + "      <param name=\"rows\" value=\"" + rows + "\"/>\n"
                    + "    </customChange>\n"
                    + "  </changeSet>\n"
                    + "</databaseChangeLog>\n");
            folder.toFile().deleteOnExit();
            folder.resolve("data.xml").toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) throws Exception {
                update(dataSource, folder, "data.xml");
            }

            @Override
            public long historyRows(Connection connection) throws SQLException {
                return changelogRows(connection);
            }
        };
    }
}
