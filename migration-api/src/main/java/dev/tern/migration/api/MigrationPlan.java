package dev.tern.migration.api;

import dev.tern.migration.api.database.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run would do on one database, computed and validated without changing anything (a dry
 * run): every plugin of the run in run order with its installed and target version, and the steps
 * that would be applied, in order, with the exact statements each SQL step would execute there.
 * Returned by the orchestrator's {@code plan()}; immutable and thread-safe.
 *
 * @param database the id of the database's dialect (e.g. {@code postgresql}), or null when the plan
 *     was made for a history store without database
 * @param plugins the plugins in run order, including those with nothing to do, not null
 */
public record MigrationPlan(String database, List<PluginPlan> plugins) {
    /** Copies the components. */
    public MigrationPlan {
        plugins = List.copyOf(plugins);
    }

    /** @return the database's dialect id, if the plan was made for a database */
    public Optional<String> databaseId() {
        return Optional.ofNullable(database);
    }

    /** @return every step that would be applied, in run order (plugin by plugin, each in version order) */
    public List<PlannedStep> steps() {
        return plugins.stream().flatMap(p -> p.steps().stream()).toList();
    }

    /** @return true if the run would apply nothing */
    public boolean isEmpty() {
        return plugins.stream().allMatch(p -> p.steps().isEmpty());
    }

    /**
     * One plugin's part of the plan.
     *
     * @param pluginId the plugin, not null
     * @param installed the version installed on the database now, or null if none
     * @param target the version the run would bring the plugin to, or null if the plugin has no step
     * @param steps the steps that would be applied, in version order, not null
     */
    public record PluginPlan(String pluginId, Version installed, Version target, List<PlannedStep> steps) {
        /** Checks and copies the components. */
        public PluginPlan {
            Objects.requireNonNull(pluginId, "pluginId");
            steps = List.copyOf(steps);
        }

        /** @return the installed version, if any */
        public Optional<Version> installedVersion() {
            return Optional.ofNullable(installed);
        }

        /** @return the target version, if the plugin has steps */
        public Optional<Version> targetVersion() {
            return Optional.ofNullable(target);
        }
    }

    /**
     * One step that would be applied.
     *
     * @param pluginId the plugin, not null
     * @param version the step version, not null
     * @param description the step description, not null
     * @param kind what the step is made of, not null
     * @param transactional whether the step would run in one transaction with its history record on
     *     this database (the step is transactional and the database has transactional DDL)
     * @param reversible whether the step has a down action (for a SQL step: a down script for this
     *     database)
     * @param breaking whether the step counts as breaking for this run (declared so, or a major
     *     version above the installed one when the run treats a new major as breaking)
     * @param source the SQL script chosen for this database, or null for a Java step
     * @param statements the statements the script would execute, in order, with their line in the
     *     script; empty for a Java step
     */
    public record PlannedStep(String pluginId, Version version, String description, StepKind kind,
                              boolean transactional, boolean reversible, boolean breaking, String source,
                              List<SqlStatement> statements) {
        /** Checks and copies the components. */
        public PlannedStep {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(kind, "kind");
            statements = List.copyOf(statements);
        }
    }

    /**
     * Renders the plan as a plain-text table, one row per step (one per plugin with nothing to do),
     * like {@link MigrationReport#toTable()}. Flags: {@code T} transactional, {@code R} reversible,
     * {@code B} breaking, {@code -} for each one not set. Statements are counted, not printed; see
     * {@link #toJson()} for them.
     *
     * @return the table, lines separated by {@code \n}, ending with a summary line
     */
    public String toTable() {
        List<String> header = List.of("#", "plugin", "installed", "target", "step", "kind", "flags", "statements",
                "description");
        List<List<String>> rows = new ArrayList<>();
        int n = 0;
        for (PluginPlan p : plugins) {
            String installed = p.installed() == null ? "-" : p.installed().toString();
            String target = p.target() == null ? "-" : p.target().toString();
            if (p.steps().isEmpty()) {
                rows.add(List.of("-", p.pluginId(), installed, target, "-", "-", "-", "-", "up to date"));
            }
            for (PlannedStep s : p.steps()) {
                String flags = (s.transactional() ? "T" : "-") + (s.reversible() ? "R" : "-") + (s.breaking() ? "B" : "-");
                rows.add(List.of(Integer.toString(++n), p.pluginId(), installed, target, s.version().toString(),
                        s.kind().name(), flags, s.kind() == StepKind.SQL ? Integer.toString(s.statements().size()) : "-",
                        s.description()));
            }
        }
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>(rows);
        all.add(header);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(w));
        }
        out.append(rule).append('\n');
        rows.forEach(r -> appendRow(out, r, widths));
        out.append(plugins.size()).append(" plugin(s), ").append(n).append(" step(s) to apply")
                .append(database == null ? "" : " on " + database)
                .append("; flags: T transactional, R reversible, B breaking");
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", row.get(i)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * Renders the plan as JSON (RFC 8259), indented by two spaces:
     *
     * <pre>{@code
     * {
     *   "database": "postgresql",
     *   "plugins": [
     *     {
     *       "plugin": "jobs",
     *       "installed": null,
     *       "target": "1.1.0",
     *       "steps": [
     *         {
     *           "plugin": "jobs",
     *           "version": "1.0.0",
     *           "description": "create jobs",
     *           "kind": "SQL",
     *           "transactional": true,
     *           "reversible": true,
     *           "breaking": false,
     *           "source": "db/jobs/V1.0.0__create_jobs.sql",
     *           "statements": [
     *             { "line": 1, "sql": "CREATE TABLE jobs (...)" }
     *           ]
     *         }
     *       ]
     *     }
     *   ]
     * }
     * }</pre>
     *
     * <p>Versions are strings; absent versions, database and source are {@code null}; the member
     * order is fixed. Written by a small internal writer rather than a JSON library, because this
     * module has no third-party dependency (applications embed it) and the shape is small and fixed;
     * strings are escaped per RFC 8259, so statements with quotes, backslashes, tabs, line breaks or
     * other control characters come out as valid JSON.
     *
     * @return the JSON document
     */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("database").value(database);
        json.name("plugins").beginArray();
        for (PluginPlan p : plugins) {
            json.beginObject();
            json.name("plugin").value(p.pluginId());
            json.name("installed").value(p.installed() == null ? null : p.installed().toString());
            json.name("target").value(p.target() == null ? null : p.target().toString());
            json.name("steps").beginArray();
            for (PlannedStep s : p.steps()) {
                json.beginObject();
                json.name("plugin").value(s.pluginId());
                json.name("version").value(s.version().toString());
                json.name("description").value(s.description());
                json.name("kind").value(s.kind().name());
                json.name("transactional").value(s.transactional());
                json.name("reversible").value(s.reversible());
                json.name("breaking").value(s.breaking());
                json.name("source").value(s.source());
                json.name("statements").beginArray();
                for (SqlStatement st : s.statements()) {
                    json.beginObject().name("line").value(st.line()).name("sql").value(st.sql()).endObject();
                }
                json.endArray();
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }
}
