package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.core.DependentService;
import dev.tern.migration.spi.MigrationService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginGraphTest {

    private static List<String> ids(List<MigrationService> services) {
        return services.stream().map(MigrationService::pluginId).toList();
    }

    @Test
    void diamondRunsEachPluginOnceAfterEverythingItNeeds() {
        PluginGraph graph = PluginGraph.of(List.of(
                DependentService.of("top").needs("left", "*").needs("right", "*"),
                DependentService.of("left").needs("base", "*"),
                DependentService.of("right").needs("base", "*").priority(-1),
                DependentService.of("base").priority(5)));

        assertThat(graph.problems()).isEmpty();
        assertThat(ids(graph.order())).containsExactly("base", "right", "left", "top");
        assertThat(graph.closure("left")).containsExactly("base", "left");
        assertThat(graph.closure("top")).containsExactly("base", "right", "left", "top");
    }

    @Test
    void eachCycleIsReportedOnceStartingAtItsSmallestIdAndItsPluginsComeLast() {
        PluginGraph graph = PluginGraph.of(List.of(
                DependentService.of("z1").needs("z2", "*"),
                DependentService.of("z2").needs("z1", "*"),
                DependentService.of("c").needs("a", "*"),
                DependentService.of("a").needs("b", "*"),
                DependentService.of("b").needs("c", "*"),
                DependentService.of("behind").needs("a", "*"),
                DependentService.of("free").priority(100)));

        assertThat(graph.problems()).extracting(MigrationException::code)
                .containsOnly(ErrorCode.DEPENDENCY_CYCLE);
        assertThat(graph.problems()).extracting(MigrationException::getMessage).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains(": a -> b -> c -> a;"))
                .anySatisfy(m -> assertThat(m).contains(": z1 -> z2 -> z1;"));
        assertThat(ids(graph.order())).first().isEqualTo("free");
        assertThat(ids(graph.order())).containsExactlyInAnyOrder("free", "a", "b", "c", "behind", "z1", "z2");
    }

    @Test
    void versionsAreCheckedOnlyForThePluginsInTheRunAgainstTheirTargets() {
        PluginGraph graph = PluginGraph.of(List.of(
                DependentService.of("jobs"),
                DependentService.of("outbox").needs("jobs", "^1.0"),
                DependentService.of("empty"),
                DependentService.of("web").needs("empty", "*")));
        Map<String, Version> targets = new HashMap<>(Map.of("jobs", Version.parse("2.0"),
                "outbox", Version.parse("1.0"), "web", Version.parse("1.0")));

        assertThat(graph.checkVersions(Set.of("jobs"), targets)).isEmpty();
        assertThat(graph.checkVersions(Set.of("jobs", "outbox", "web", "empty"), targets))
                .extracting(MigrationException::getMessage).containsExactly(
                        "[UNSATISFIED_DEPENDENCY] plugin 'outbox': needs 'jobs' at ^1.0, but the target version of"
                                + " 'jobs' is 2.0.0, outside that range",
                        "[UNSATISFIED_DEPENDENCY] plugin 'web': needs 'empty' at *, but 'empty' has no step, so no"
                                + " version");
    }

    @Test
    void aDependencyDeclaredTwiceCountsOnce() {
        PluginGraph graph = PluginGraph.of(List.of(
                DependentService.of("b").needs("a", ">=1").needs("a", "<3"),
                DependentService.of("a").priority(9)));

        assertThat(graph.problems()).isEmpty();
        assertThat(ids(graph.order())).containsExactly("a", "b");
        assertThat(graph.needs("b")).hasSize(2);
    }
}
