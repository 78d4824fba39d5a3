package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationPlan;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.SqlStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a run (or a dry run) decides before touching the database, in one place shared by
 * {@code runAll()}, {@code migrate(plugin, version)} and {@code plan()}: the steps prepared for the
 * database, the dependency graph (order, missing plugins, cycles, ranges, conflicts), the plugins in
 * the run and their target versions; then, for a history, the validated plan cut at the targets and
 * checked against the run's policies (downgrade, breaking steps). Immutable; thread-safe.
 */
public final class RunPlanning {

    /**
     * Which plugins a run migrates, and how far.
     *
     * @param pluginId the plugin to migrate with the plugins it needs, or null for every plugin
     * @param version the version to bring {@code pluginId} to, as given by the caller; null with
     *     {@code pluginId} null
     */
    public record Request(String pluginId, String version) {
        /** Every plugin to its highest step. */
        public static final Request ALL = new Request(null, null);

        /** Checks that both components are given or neither. */
        public Request {
            if ((pluginId == null) != (version == null)) {
                throw new IllegalArgumentException("pluginId and version come together");
            }
        }
    }

    /**
     * The run's policies, from the builder.
     *
     * @param outOfOrder apply pending steps below the installed version instead of refusing them
     * @param allowBreaking apply breaking steps instead of refusing them
     * @param majorVersionIsBreaking count a pending step whose major is above the installed major as breaking
     */
    public record Policy(boolean outOfOrder, boolean allowBreaking, boolean majorVersionIsBreaking) {
    }

    private final List<PreparedPlugin> plugins;
    private final Map<String, Version> targets;
    private final Map<String, List<String>> needs;
    private final Version requested;
    private final String requestedPlugin;
    private final Dialect dialect;
    private final Policy policy;

    private RunPlanning(List<PreparedPlugin> plugins, Map<String, Version> targets, Map<String, List<String>> needs,
                        Request request, Version requested, Dialect dialect, Policy policy) {
        this.plugins = List.copyOf(plugins);
        this.targets = targets;
        this.needs = needs;
        this.requestedPlugin = request.pluginId();
        this.requested = requested;
        this.dialect = dialect;
        this.policy = policy;
    }

    /**
     * Prepares the steps and checks the graph; reads nothing from the database.
     *
     * @param services every plugin present, with valid and unique ids
     * @param dialect the database's dialect, or null without database
     * @param request which plugins to migrate, how far
     * @param policy the run's policies
     * @return the run's plugins, in run order, with their targets
     * @throws MigrationException the problems of {@link StepPreparer} (all together), then a
     *     {@link ConfigurationException} ({@code INVALID_CONFIGURATION}) for a request naming an
     *     unknown plugin or a version that is not one of its steps, then the problems of
     *     {@link PluginGraph} ({@link dev.tern.migration.api.DependencyException}s, all together)
     */
    public static RunPlanning prepare(List<MigrationService> services, Dialect dialect, Request request, Policy policy) {
        return prepare(services, () -> dialect, request, policy);
    }

    /**
     * Prepares the steps and checks the graph as {@link #prepare(List, Dialect, Request, Policy)},
     * asking for the dialect only after every plugin's {@code steps()} has returned
     * ({@link StepPreparer#prepare(List, Supplier)}), so the database can be recognised meanwhile.
     *
     * @param services every plugin present, with valid and unique ids
     * @param dialect the database's dialect, or null without database; asked for after every
     *     {@code steps()} and possibly more than once (it must answer the same each time); what it
     *     throws is thrown from here, before the steps' problems
     * @param request which plugins to migrate, how far
     * @param policy the run's policies
     * @return as {@link #prepare(List, Dialect, Request, Policy)}
     * @throws MigrationException as {@link #prepare(List, Dialect, Request, Policy)}
     */
    public static RunPlanning prepare(List<MigrationService> services, Supplier<Dialect> dialect, Request request,
                                      Policy policy) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(policy, "policy");
        StepPreparer.Preparation preparation = StepPreparer.prepare(services, dialect);
        Dialect database = dialect.get();
        Problems.throwIfAny(preparation.problems(), "the plugins' steps");
        Map<String, PreparedPlugin> byId = new HashMap<>();
        Map<String, Version> targets = new HashMap<>();
        for (PreparedPlugin p : preparation.plugins()) {
            byId.put(p.pluginId(), p);
            if (!p.steps().isEmpty()) {
                targets.put(p.pluginId(), p.steps().get(p.steps().size() - 1).version());
            }
        }
        Version requested = null;
        if (request.pluginId() != null) {
            requested = requestedVersion(byId.get(request.pluginId()), request, byId);
            targets.put(request.pluginId(), requested);
        }
        PluginGraph graph = PluginGraph.of(services);
        Set<String> inRun = new LinkedHashSet<>();
        if (request.pluginId() == null) {
            graph.order().forEach(s -> inRun.add(s.pluginId()));
        } else {
            inRun.addAll(graph.closure(request.pluginId()));
        }
        List<MigrationException> problems = new ArrayList<>(graph.problems());
        problems.addAll(graph.checkVersions(inRun, targets));
        Problems.throwIfAny(problems, "the plugins' dependencies");
        List<PreparedPlugin> run = new ArrayList<>();
        Map<String, Version> runTargets = new LinkedHashMap<>();
        Map<String, List<String>> needs = new HashMap<>();
        for (MigrationService s : graph.order()) {
            String id = s.pluginId();
            if (inRun.contains(id)) {
                run.add(byId.get(id));
                runTargets.put(id, targets.get(id));
                needs.put(id, graph.needs(id).stream().map(PluginDependency::pluginId).distinct().toList());
            }
        }
        return new RunPlanning(run, runTargets, needs, request, requested, database, policy);
    }

    private static Version requestedVersion(PreparedPlugin plugin, Request request, Map<String, PreparedPlugin> all) {
        if (plugin == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "no plugin '" + request.pluginId()
                    + "' to migrate; the plugins present are " + all.keySet().stream().sorted().toList());
        }
        List<String> known = plugin.steps().stream().map(s -> s.version().toString()).toList();
        Version version;
        try {
            version = Version.parse(request.version());
        } catch (StepDefinitionException e) {
            version = null;
        }
        Version parsed = version;
        if (parsed == null || plugin.steps().stream().noneMatch(s -> s.version().equals(parsed))) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "has no step "
                    + request.version() + " to migrate to; its step versions are " + known,
                    request.pluginId(), null, null, 0, null);
        }
        return parsed;
    }

    /** @return the run's plugins in run order */
    public List<PreparedPlugin> plugins() {
        return plugins;
    }

    /** @return for each plugin of the run, the plugins of the run it needs directly */
    public Map<String, List<String>> needs() {
        return needs;
    }

    /**
     * Plans the run against a history: {@link Planner}'s validation, then each plugin's pending
     * steps cut at its target, then the split of those steps' scripts, then the policies. Only the
     * steps the run would apply are split; applied steps are checked by their checksums alone.
     *
     * @param history the whole history, oldest first
     * @return the validated plan, in run order, its steps split
     * @throws MigrationException the {@linkplain PreparedStep#splitProblem() split problems} of the
     *     pending steps ({@code SQL_PARSE_ERROR}, {@code EMPTY_SCRIPT}; all together), then the
     *     problems of {@link Planner} (all together), then {@link ValidationException}s with
     *     {@code DOWNGRADE_REFUSED} (a plugin installed above the requested version) and
     *     {@code BREAKING_STEP_REFUSED} (all together)
     */
    public Plan plan(List<HistoryEntry> history) {
        Planner.Planning planning = Planner.plan(plugins, history, dialect, policy.outOfOrder());
        List<Plan.PluginPlan> cut = new ArrayList<>();
        List<PreparedStep> allPending = new ArrayList<>();
        for (Plan.PluginPlan p : planning.plan().plugins()) {
            Version target = targets.get(p.pluginId());
            List<PreparedStep> pending = p.pending().stream()
                    .filter(s -> target != null && s.version().compareTo(target) <= 0).toList();
            cut.add(new Plan.PluginPlan(p.pluginId(), p.installed(), pending));
            allPending.addAll(pending);
        }
        // The script problems come first, as when every script was split before the history was read.
        Problems.throwIfAny(StepPreparer.splitProblems(allPending), "the plugins' steps");
        Problems.throwIfAny(planning.problems(), "the plugins' steps and the history");
        List<MigrationException> problems = new ArrayList<>();
        for (Plan.PluginPlan p : cut) {
            if (p.pluginId().equals(requestedPlugin) && p.installed() != null && p.installed().compareTo(requested) > 0) {
                problems.add(Downgrade.belowInstalled(p.pluginId(), p.installed(), requested));
            }
            for (PreparedStep s : p.pending()) {
                if (breaking(s, p.installed()) && !policy.allowBreaking()) {
                    problems.add(new ValidationException(ErrorCode.BREAKING_STEP_REFUSED, "'"
                            + s.description() + "' is breaking ("
                            + (s.step().breaking() ? "marked breaking" : "major " + s.version().major()
                            + " above the installed " + p.installed()) + ") and the plugin is installed at "
                            + p.installed() + "; breaking steps are refused unless allowBreaking(true) is set",
                            p.pluginId(), s.version().toString(), s.source(), 0, null));
                }
            }
        }
        Problems.throwIfAny(problems, "the plan");
        return new Plan(cut);
    }

    /**
     * A step counts as breaking only on a plugin already installed: a first install has no older
     * build or data to break.
     */
    private boolean breaking(PreparedStep step, Version installed) {
        if (installed == null) {
            return false;
        }
        return step.step().breaking()
                || (policy.majorVersionIsBreaking() && step.version().major() > installed.major());
    }

    /** A SQL step is reversible on this database only if it has a down script for it. */
    private boolean reversibleHere(PreparedStep step) {
        if (step.step() instanceof SqlStep sql && dialect != null) {
            return sql.downFor(dialect).isPresent();
        }
        return step.step().reversible();
    }

    /**
     * Describes a plan for the caller of a dry run.
     *
     * @param plan a plan from {@link #plan}
     * @return the public form, with the statements each SQL step would execute on this database
     */
    public MigrationPlan describe(Plan plan) {
        List<MigrationPlan.PluginPlan> out = new ArrayList<>();
        for (Plan.PluginPlan p : plan.plugins()) {
            List<MigrationPlan.PlannedStep> steps = new ArrayList<>();
            for (PreparedStep s : p.pending()) {
                steps.add(new MigrationPlan.PlannedStep(s.pluginId(), s.version(), s.description(), s.kind(),
                        s.runsInTransaction(dialect), reversibleHere(s), breaking(s, p.installed()), s.source(),
                        s.statements()));
            }
            out.add(new MigrationPlan.PluginPlan(p.pluginId(), p.installed(), targets.get(p.pluginId()), steps));
        }
        return new MigrationPlan(dialect == null ? null : dialect.id(), out);
    }
}
