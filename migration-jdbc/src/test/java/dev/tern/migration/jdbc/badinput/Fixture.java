package dev.tern.migration.jdbc.badinput;

import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a row's setup works with: one fresh database and one temporary directory playing the part
 * of the plugin jars. Not thread-safe; one per row and database.
 */
final class Fixture {
    /** Every row's scripts live under this class-path folder of the temporary directory. */
    static final String SCRIPTS = "tern-bad";

    private final FreshDatabase db;
    private final Path root;
    private int folders;

    Fixture(FreshDatabase db, Path root) {
        this.db = db;
        this.root = root;
    }

    FreshDatabase db() {
        return db;
    }

    /**
     * @return a new, empty script folder {@code tern-bad/f1}, {@code tern-bad/f2}, ... (numbered
     *     per fixture, so messages are the same on every database)
     */
    ScriptFolder folder() {
        return new ScriptFolder(SCRIPTS + "/f" + (++folders));
    }

    /**
     * @param namesAndContents file name (relative to the folder, variant sub-folder allowed), content, ...
     * @return a plugin {@code shop} over a new folder holding these scripts
     */
    MigrationService scripts(String... namesAndContents) {
        return folder().write(namesAndContents).plugin("shop");
    }

    /** @return an orchestrator builder on the database, discovery off */
    Orchestrator.Builder tern() {
        return Orchestrator.builder().dataSource(db.dataSource()).discovery(false);
    }

    /** Runs the services once; they must succeed. */
    void apply(MigrationService... services) {
        tern().addService(services).build().runAll();
    }

    /** Runs statements on the database, each committed. */
    void sql(String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /**
     * @param providerLines the lines of {@code META-INF/services/dev.tern.migration.spi.MigrationService}
     * @return a class loader over a new directory holding only that services file
     */
    ClassLoader servicesLoader(String... providerLines) throws IOException {
        Path dir = Files.createDirectories(root.resolve("services" + (++folders)));
        Path file = dir.resolve("META-INF/services/" + MigrationService.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", providerLines) + "\n", StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, Fixture.class.getClassLoader());
    }

    /** One plugin's script folder, which a test may edit between runs. */
    final class ScriptFolder {
        private final String location;

        private ScriptFolder(String location) {
            this.location = location;
        }

        /** @return the folder as the scanner names it in messages */
        String location() {
            return location;
        }

        ScriptFolder write(String... namesAndContents) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                Path file = root.resolve(location).resolve(namesAndContents[i]);
                try {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, namesAndContents[i + 1], StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot write " + file, e);
                }
            }
            return this;
        }

        ScriptFolder delete(String name) throws IOException {
            Files.delete(root.resolve(location).resolve(name));
            return this;
        }

        /** @return a fresh plugin over the folder's current scripts */
        MigrationService plugin(String pluginId) {
            return plugin(pluginId, List.of());
        }

        /** @return a fresh plugin over the folder's current scripts, with Java steps beside them */
        MigrationService plugin(String pluginId, List<JavaStep> javaSteps) {
            try {
                Files.createDirectories(root.resolve(location));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return FolderLoader.plugin(root, pluginId, location, javaSteps);
        }
    }
}
