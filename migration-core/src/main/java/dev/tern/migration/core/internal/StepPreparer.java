package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Loads every plugin's steps and readies them for one database: duplicate versions, the script
 * variant for the dialect and checksums. Scripts are split later, and only those that will run or
 * be shown ({@link #splitProblems}): whoever runs or describes steps splits them all before the
 * first one runs, so a bad script still stops the run before its first statement. A pure function
 * of the steps and the dialect; stateless.
 */
public final class StepPreparer {

    /**
     * The prepared plugins and the problems found.
     *
     * @param plugins the plugins in the order given, each with the steps that could be prepared
     * @param problems every problem found, in plugin order; empty if all is well
     */
    public record Preparation(List<PreparedPlugin> plugins, List<MigrationException> problems) {
        /** Copies the components. */
        public Preparation {
            plugins = List.copyOf(plugins);
            problems = List.copyOf(problems);
        }
    }

    private StepPreparer() {
    }

    /**
     * Prepares the steps of each plugin.
     *
     * @param services the plugins, in run order
     * @param dialect the database's dialect, or null when there is no database (SQL steps are then
     *     a problem)
     * @return the preparation; its problems are {@link StepDefinitionException}s ({@code INVALID_STEP},
     *     {@code DUPLICATE_VERSION}, {@code MISSING_DATABASE_VARIANT}, and whatever a plugin's
     *     {@code steps()} threw) and
     *     {@link ConfigurationException}s ({@code INVALID_CONFIGURATION} for a SQL step without database)
     */
    public static Preparation prepare(List<MigrationService> services, Dialect dialect) {
        return prepare(services, () -> dialect);
    }

    /**
     * Prepares the steps of each plugin, asking for the dialect only once every plugin's
     * {@code steps()} has returned, so that the caller can recognise the database meanwhile (the
     * steps of script plugins are read from their scripts, the larger part of a start's work).
     *
     * @param services the plugins, in run order
     * @param dialect called once, after every {@code steps()}: the database's dialect, or null when
     *     there is no database; whatever it throws is thrown from here
     * @return as {@link #prepare(List, Dialect)}, the problems in the same order
     */
    public static Preparation prepare(List<MigrationService> services, Supplier<Dialect> dialect) {
        List<Loaded> loaded = new ArrayList<>(services.size());
        for (MigrationService service : services) {
            loaded.add(load(service));
        }
        Dialect database = dialect.get();
        List<PreparedPlugin> plugins = new ArrayList<>();
        List<MigrationException> problems = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            MigrationService service = services.get(i);
            String pluginId = service.pluginId();
            if (loaded.get(i).problem() != null) {
                problems.add(loaded.get(i).problem());
                continue;
            }
            List<Step> steps = loaded.get(i).steps();
            Map<Version, Step> byVersion = new HashMap<>();
            Map<Version, PreparedStep> prepared = new TreeMap<>();
            for (Step step : steps) {
                if (step == null) {
                    problems.add(new StepDefinitionException(ErrorCode.INVALID_STEP, "steps() of "
                            + service.getClass().getName() + " returned a null step", pluginId, null, null, 0, null));
                    continue;
                }
                Step previous = byVersion.putIfAbsent(step.version(), step);
                if (previous != null) {
                    problems.add(new StepDefinitionException(ErrorCode.DUPLICATE_VERSION, "steps " + describe(previous)
                            + " and " + describe(step) + " have the same version", pluginId,
                            step.version().toString(), null, 0, null));
                    continue;
                }
                try {
                    prepared.put(step.version(), prepare(pluginId, step, database));
                } catch (MigrationException e) {
                    problems.add(e);
                }
            }
            plugins.add(new PreparedPlugin(pluginId, new ArrayList<>(prepared.values())));
        }
        return new Preparation(plugins, problems);
    }

    /** A plugin's steps, or the problem its {@code steps()} raised instead. */
    private record Loaded(List<Step> steps, MigrationException problem) {
    }

    private static Loaded load(MigrationService service) {
        String pluginId = service.pluginId();
        List<Step> steps;
        try {
            steps = service.steps();
        } catch (MigrationException e) {
            return new Loaded(null, locate(e, pluginId, null, null));
        } catch (RuntimeException e) {
            return new Loaded(null, new StepDefinitionException(ErrorCode.INVALID_STEP, "steps() of "
                    + service.getClass().getName() + " failed: " + e, pluginId, null, null, 0, e));
        }
        if (steps == null) {
            return new Loaded(null, new StepDefinitionException(ErrorCode.INVALID_STEP, "steps() of "
                    + service.getClass().getName() + " returned null", pluginId, null, null, 0, null));
        }
        return new Loaded(steps, null);
    }

    private static PreparedStep prepare(String pluginId, Step step, Dialect dialect) {
        if (step instanceof JavaStep java) {
            return new PreparedStep(pluginId, step, java.checksum().orElse(null), null, List.of());
        }
        SqlStep sql = (SqlStep) step;
        String version = sql.version().toString();
        if (dialect == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "a SQL step needs a database, but the"
                    + " orchestrator was built without a dataSource", pluginId, version, anySource(sql), 0, null);
        }
        Optional<SqlScript> chosen = sql.upFor(dialect);
        if (chosen.isEmpty()) {
            throw new StepDefinitionException(ErrorCode.MISSING_DATABASE_VARIANT, "no up script for database '"
                    + dialect.id() + "' (looked for variants " + dialect.variants() + " and a universal script; the step has "
                    + new TreeSet<>(sql.up().keySet()) + ")", pluginId, version, anySource(sql), 0, null);
        }
        return PreparedStep.unsplit(pluginId, step, chosen.get(), dialect);
    }

    /**
     * Splits the scripts of the given steps that are not split yet.
     *
     * @param steps the steps that will run or be shown, in plugin and version order
     * @return each step's {@linkplain PreparedStep#splitProblem() split problem}, in the order of
     *     {@code steps}; empty if every script could be split
     */
    public static List<MigrationException> splitProblems(List<PreparedStep> steps) {
        List<MigrationException> problems = new ArrayList<>();
        for (PreparedStep step : steps) {
            step.splitProblem().ifPresent(problems::add);
        }
        return problems;
    }

    /** Adds the plugin, step and source to an error raised without them (by a dialect or a step factory). */
    static MigrationException locate(MigrationException e, String pluginId, String version, String source) {
        boolean complete = e.pluginId().isPresent() && (version == null || e.version().isPresent())
                && (source == null || e.source().isPresent());
        if (complete) {
            return e;
        }
        return new StepDefinitionException(e.code(), e.detail(), e.pluginId().orElse(pluginId),
                e.version().orElse(version), e.source().orElse(source), e.line(), e);
    }

    private static String describe(Step step) {
        if (step instanceof SqlStep sql) {
            return "'" + step.description() + "' (" + anySource(sql) + ")";
        }
        return "'" + step.description() + "' (Java)";
    }

    private static String anySource(SqlStep sql) {
        SqlScript universal = sql.up().get(SqlStep.UNIVERSAL);
        if (universal != null) {
            return universal.source();
        }
        return sql.up().values().stream().map(SqlScript::source).sorted().findFirst().orElse(null);
    }
}
