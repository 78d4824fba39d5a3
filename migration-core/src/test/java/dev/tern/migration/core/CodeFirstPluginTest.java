package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.Version;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.PluginMigrationService;
import dev.tern.migration.spi.Step;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CodeFirstPluginTest {

    /** A plugin whose target comes from its configuration, as a code-first plugin's would. */
    static final class Generated extends PluginMigrationService {
        final List<String> ran = new CopyOnWriteArrayList<>();
        private final String target;

        Generated(String target) {
            super("generated");
            this.target = target;
        }

        @Override
        public Version targetVersion() {
            return Version.parse(target);
        }

        @Override
        protected List<Step> steps(Version from, Version to) {
            return Stream.of("1.0.0", "1.1.0", "2.0.0")
                    .map(v -> (Step) JavaStep.of(v, "generated " + v, ctx -> ran.add(ctx.version().toString())))
                    .filter(s -> inRange(s.version(), from, to))
                    .toList();
        }
    }

    @Test
    void raisingTheTargetRunsOnlyTheNewSteps() {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        Generated first = new Generated("1.1");
        MigrationReport one = Orchestrator.builder().historyStore(store).discovery(false).addService(first).build().runAll();
        assertThat(first.ran).containsExactly("1.0.0", "1.1.0");
        assertThat(one.plugins().get(0).after()).contains(Version.parse("1.1.0"));

        Generated second = new Generated("2.0");
        MigrationReport two = Orchestrator.builder().historyStore(store).discovery(false).addService(second).build().runAll();
        assertThat(second.ran).containsExactly("2.0.0");
        assertThat(two.plugins().get(0).before()).contains(Version.parse("1.1.0"));
        assertThat(two.plugins().get(0).after()).contains(Version.parse("2.0.0"));
        assertThat(store.read()).hasSize(3);
    }
}
