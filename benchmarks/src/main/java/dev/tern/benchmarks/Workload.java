package dev.tern.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of small steps spread over plugins, each step one {@code CREATE TABLE} and one
 * {@code INSERT}, and the files every tool reads them from. Every tool gets byte-identical SQL.
 * Immutable.
 *
 * @param plugins the number of plugins (1 for the single-plugin workloads)
 * @param steps the number of steps of each plugin
 */
public record Workload(int plugins, int steps) {

    /** @return the total number of steps */
    public int totalSteps() {
        return plugins * steps;
    }

    /**
     * @param plugin the plugin, from 0
     * @return the plugin's id, also the name of its folder
     */
    public String pluginId(int plugin) {
        return plugins == 1 ? "bench" : "p" + plugin;
    }

    /**
     * @param plugin the plugin, from 0
     * @param step the step, from 1
     * @return the table the step creates
     */
    public String table(int plugin, int step) {
        return plugins == 1 ? "t" + step : "p" + plugin + "_t" + step;
    }

    /**
     * @param plugin the plugin, from 0
     * @param step the step, from 1
     * @return the step's script: two statements, each ending with {@code ;} and a new line
     */
    public String script(int plugin, int step) {
        String t = table(plugin, step);
        return "CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(100));\n"
                + "INSERT INTO " + t + " (id, name) VALUES (1, 'step " + step + "');\n";
    }

    /**
     * @param plugin the plugin, from 0
     * @param step the step, from 1
     * @return the step's statements without terminators, as raw JDBC executes them
     */
    public List<String> statements(int plugin, int step) {
        List<String> result = new ArrayList<>();
        for (String s : script(plugin, step).split(";\n")) {
            if (!s.isBlank()) {
                result.add(s.trim());
            }
        }
        return result;
    }

    /** @return the script's file name, in Flyway's and Tern's naming */
    static String fileName(int step) {
        return "V" + step + "__t" + step + ".sql";
    }

    /**
     * Writes the workload's files under {@code root}: {@code flyway/<plugin>/V<n>__t<n>.sql},
     * {@code liquibase/<plugin>/changelog.xml} with one {@code sqlFile} change set per step
     * pointing at {@code liquibase/<plugin>/V<n>__t<n>.sql}, and {@code tern/db/<plugin>/V<n>__t<n>.sql}
     * (a class-path root).
     *
     * @param root an empty directory
     * @throws IOException if a file cannot be written
     */
    public void write(Path root) throws IOException {
        for (int p = 0; p < plugins; p++) {
            Path flyway = Files.createDirectories(root.resolve("flyway").resolve(pluginId(p)));
            Path liquibase = Files.createDirectories(root.resolve("liquibase").resolve(pluginId(p)));
            Path tern = Files.createDirectories(root.resolve("tern").resolve("db").resolve(pluginId(p)));
            StringBuilder changelog = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                    + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                    + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
            for (int s = 1; s <= steps; s++) {
                String name = fileName(s);
                byte[] sql = script(p, s).getBytes(StandardCharsets.UTF_8);
                Files.write(flyway.resolve(name), sql);
                Files.write(liquibase.resolve(name), sql);
                Files.write(tern.resolve(name), sql);
                changelog.append("  <changeSet id=\"").append(s).append("\" author=\"bench\">\n")
                        .append("    <sqlFile path=\"").append(name).append("\" relativeToChangelogFile=\"true\"/>\n")
                        .append("  </changeSet>\n");
            }
            changelog.append("</databaseChangeLog>\n");
            Files.writeString(liquibase.resolve("changelog.xml"), changelog);
        }
    }
}
