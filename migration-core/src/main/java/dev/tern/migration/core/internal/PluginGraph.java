package dev.tern.migration.core.internal;

import dev.tern.migration.api.DependencyException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.PluginDependency;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The plugins' dependency graph: the run order and the problems that forbid a run.
 *
 * <p>Order: a topological order of the dependencies (a needed plugin runs before the plugins that
 * need it), found with Kahn's algorithm whose ready set is a priority queue keyed by
 * ({@link MigrationService#priority()}, plugin id), so that among plugins the graph does not order,
 * lower priority runs first, then plugin id. Deterministic for a given set of plugins whatever the
 * order of discovery. Plugins caught in a cycle cannot be ordered; they are appended by (priority,
 * id), and the cycle is a problem.
 *
 * <p>Problems ({@link DependencyException}s, all collected): {@code INVALID_RANGE} (a declaration
 * that cannot be read, e.g. {@code PluginDependency.on("jobs", "^1.x.y")} thrown from
 * {@code dependencies()}), {@code MISSING_DEPENDENCY}, {@code DEPENDENCY_CYCLE} (the message names
 * the path, {@code a -> b -> a}), {@code UNSATISFIED_DEPENDENCY} (the target version of the needed
 * plugin lies outside the range) and {@code PLUGIN_CONFLICT}.
 *
 * <p>Immutable once built; thread-safe.
 */
public final class PluginGraph {
    private static final Comparator<MigrationService> PRIORITY_THEN_ID =
            Comparator.comparingInt(MigrationService::priority).thenComparing(MigrationService::pluginId);

    private final List<MigrationService> order;
    private final Map<String, List<PluginDependency>> needs;
    private final List<MigrationException> problems;

    private PluginGraph(List<MigrationService> order, Map<String, List<PluginDependency>> needs,
                        List<MigrationException> problems) {
        this.order = List.copyOf(order);
        this.needs = needs;
        this.problems = List.copyOf(problems);
    }

    /**
     * Builds the graph of the plugins and checks it structurally: declarations, missing plugins,
     * cycles. Ranges and conflicts need target versions: see {@link #checkVersions}.
     *
     * @param services the plugins, with valid and unique ids, in any order
     * @return the graph
     */
    public static PluginGraph of(Collection<MigrationService> services) {
        Map<String, MigrationService> byId = new HashMap<>();
        services.forEach(s -> byId.put(s.pluginId(), s));
        List<MigrationService> sorted = services.stream().sorted(PRIORITY_THEN_ID).toList();
        List<MigrationException> problems = new ArrayList<>();
        Map<String, List<PluginDependency>> needs = new LinkedHashMap<>();
        for (MigrationService service : sorted) {
            List<PluginDependency> declared = declared(service, "dependencies", MigrationService::dependencies, problems);
            List<PluginDependency> present = new ArrayList<>();
            for (PluginDependency d : declared) {
                if (byId.containsKey(d.pluginId())) {
                    present.add(d);
                } else {
                    problems.add(new DependencyException(ErrorCode.MISSING_DEPENDENCY, "needs '" + d.pluginId() + "' ("
                            + d.range() + "), which is not present",
                            service.pluginId(), null));
                }
            }
            needs.put(service.pluginId(), List.copyOf(present));
        }
        List<MigrationService> order = topological(sorted, byId, needs);
        if (order.size() < sorted.size()) {
            Set<String> ordered = new HashSet<>();
            order.forEach(s -> ordered.add(s.pluginId()));
            List<MigrationService> rest = sorted.stream().filter(s -> !ordered.contains(s.pluginId())).toList();
            for (List<String> cycle : cycles(rest, needs)) {
                problems.add(new DependencyException(ErrorCode.DEPENDENCY_CYCLE, "plugins depend on each other in a"
                        + " cycle (each needs the next): " + String.join(" -> ", cycle)
                        + "; no order can satisfy them"));
            }
            order = new ArrayList<>(order);
            order.addAll(rest);
        }
        return new PluginGraph(order, needs, problems);
    }

    /**
     * @return every plugin in run order (see the class comment), a new immutable list
     */
    public List<MigrationService> order() {
        return order;
    }

    /** @return the structural problems found by {@link #of}, in plugin order */
    public List<MigrationException> problems() {
        return problems;
    }

    /**
     * @param pluginId a plugin of the graph
     * @return the plugins it needs directly that are present, in declaration order
     */
    public List<PluginDependency> needs(String pluginId) {
        return needs.getOrDefault(pluginId, List.of());
    }

    /**
     * @param pluginId a plugin of the graph
     * @return the plugin and every plugin it needs, directly or transitively, in run order
     */
    public List<String> closure(String pluginId) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(pluginId));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                needs(id).forEach(d -> todo.push(d.pluginId()));
            }
        }
        return order.stream().map(MigrationService::pluginId).filter(seen::contains).toList();
    }

    /**
     * Checks ranges and conflicts against target versions. A range is checked for every dependency
     * of a plugin in the run, against the target version the needed plugin has in this run. A
     * conflict is checked between every two plugins present (whether or not in the run): a plugin
     * conflicts with another present at a target version inside the range, or present without any
     * step (so without a version to compare).
     *
     * @param inRun the plugins the run migrates
     * @param targets the target version of every plugin present (the run's target for those in the
     *     run); a plugin without steps maps to null or is absent
     * @return the problems, in run order
     */
    public List<MigrationException> checkVersions(Set<String> inRun, Map<String, Version> targets) {
        List<MigrationException> found = new ArrayList<>();
        Set<String> present = new HashSet<>();
        order.forEach(s -> present.add(s.pluginId()));
        for (MigrationService service : order) {
            String id = service.pluginId();
            if (inRun.contains(id)) {
                for (PluginDependency d : needs(id)) {
                    Version target = targets.get(d.pluginId());
                    if (target == null) {
                        found.add(new DependencyException(ErrorCode.UNSATISFIED_DEPENDENCY, "needs '" + d.pluginId()
                                + "' at " + d.range() + ", but '" + d.pluginId() + "' has no step, so no"
                                + " version", id, null));
                    } else if (!d.range().isSatisfiedBy(target)) {
                        found.add(new DependencyException(ErrorCode.UNSATISFIED_DEPENDENCY, "needs '" + d.pluginId()
                                + "' at " + d.range() + ", but the target version of '" + d.pluginId()
                                + "' is " + target + ", outside that range", id, null));
                    }
                }
            }
            for (PluginDependency c : declared(service, "conflicts", MigrationService::conflicts, found)) {
                if (!present.contains(c.pluginId())) {
                    continue;
                }
                Version target = targets.get(c.pluginId());
                if (target == null || c.range().isSatisfiedBy(target)) {
                    found.add(new DependencyException(ErrorCode.PLUGIN_CONFLICT,
                            "cannot be installed together with '" + c.pluginId() + "' " + c.range() + ", and '"
                            + c.pluginId() + "' is present" + (target == null ? " (without steps)"
                            : " with target version " + target) + ". Remove one of them", id, null));
                }
            }
        }
        return found;
    }

    private static List<PluginDependency> declared(MigrationService service, String method,
                                                   Function<MigrationService, List<PluginDependency>> read,
                                                   List<MigrationException> problems) {
        String id = service.pluginId();
        List<PluginDependency> list;
        try {
            list = read.apply(service);
        } catch (MigrationException e) {
            problems.add(new DependencyException(e.code(), "declares its " + method
                    + " wrongly: " + e.detail(), id, e));
            return List.of();
        } catch (RuntimeException e) {
            problems.add(new DependencyException(ErrorCode.INVALID_RANGE, method + "() of "
                    + service.getClass().getName() + " failed: " + e, id, e));
            return List.of();
        }
        if (list == null || list.stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(new DependencyException(ErrorCode.INVALID_RANGE, method + "() of "
                    + service.getClass().getName() + " returned " + (list == null ? "null" : "a null entry"), id, null));
            return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
        }
        return list;
    }

    /** Kahn's algorithm; the ready set is ordered by (priority, id). Leaves out plugins in or behind a cycle. */
    private static List<MigrationService> topological(List<MigrationService> sorted, Map<String, MigrationService> byId,
                                                      Map<String, List<PluginDependency>> needs) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> dependants = new HashMap<>();
        for (MigrationService s : sorted) {
            Set<String> distinct = new LinkedHashSet<>();
            needs.get(s.pluginId()).forEach(d -> distinct.add(d.pluginId()));
            waiting.put(s.pluginId(), distinct.size());
            distinct.forEach(d -> dependants.computeIfAbsent(d, k -> new ArrayList<>()).add(s.pluginId()));
        }
        PriorityQueue<MigrationService> ready = new PriorityQueue<>(PRIORITY_THEN_ID);
        sorted.stream().filter(s -> waiting.get(s.pluginId()) == 0).forEach(ready::add);
        List<MigrationService> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            MigrationService next = ready.poll();
            order.add(next);
            for (String dependant : dependants.getOrDefault(next.pluginId(), List.of())) {
                if (waiting.merge(dependant, -1, Integer::sum) == 0) {
                    ready.add(byId.get(dependant));
                }
            }
        }
        return order;
    }

    /**
     * Finds the cycles among the plugins left over by Kahn's algorithm, by depth-first search in
     * (priority, id) order; each cycle is reported once, starting at its smallest plugin id.
     */
    private static List<List<String>> cycles(List<MigrationService> rest, Map<String, List<PluginDependency>> needs) {
        Set<String> left = new HashSet<>();
        rest.forEach(s -> left.add(s.pluginId()));
        Set<String> done = new HashSet<>();
        Set<List<String>> found = new LinkedHashSet<>();
        for (MigrationService s : rest) {
            dfs(s.pluginId(), new ArrayList<>(), new HashSet<>(), done, left, needs, found);
        }
        return new ArrayList<>(found);
    }

    private static void dfs(String id, List<String> path, Set<String> onPath, Set<String> done, Set<String> left,
                            Map<String, List<PluginDependency>> needs, Set<List<String>> found) {
        if (done.contains(id)) {
            return;
        }
        path.add(id);
        onPath.add(id);
        TreeSet<String> next = new TreeSet<>();
        needs.get(id).forEach(d -> next.add(d.pluginId()));
        for (String n : next) {
            if (!left.contains(n)) {
                continue;
            }
            if (onPath.contains(n)) {
                found.add(normalized(path.subList(path.indexOf(n), path.size())));
            } else {
                dfs(n, path, onPath, done, left, needs, found);
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(id);
        done.add(id);
    }

    /** Rotates a cycle to start at its smallest id and closes it: [b, c, a] becomes [a, b, c, a]. */
    private static List<String> normalized(List<String> cycle) {
        int start = cycle.indexOf(cycle.stream().min(Comparator.naturalOrder()).orElseThrow());
        List<String> out = new ArrayList<>(cycle.subList(start, cycle.size()));
        out.addAll(cycle.subList(0, start));
        out.add(out.get(0));
        return List.copyOf(out);
    }
}
