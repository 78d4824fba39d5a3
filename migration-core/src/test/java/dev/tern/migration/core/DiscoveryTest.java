package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.DiscoveryException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery through ServiceLoader, with class loaders built over a temporary META-INF/services. */
class DiscoveryTest {
    @TempDir
    Path dir;

    private final InMemoryHistoryStore history = new InMemoryHistoryStore();

    /** A class loader whose META-INF/services lists the given MigrationService providers. */
    private URLClassLoader loaderListing(String... providers) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(MigrationService.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, DiscoveryTest.class.getClassLoader());
    }

    /** Another class claiming the plugin id "jobs". */
    static final class OtherJobs implements MigrationService {
        @Override
        public String pluginId() {
            return "jobs";
        }

        @Override
        public List<Step> steps() {
            return List.of();
        }
    }

    @Test
    void providerThatCannotBeLoadedIsReportedByName() throws IOException {
        try (URLClassLoader loader = loaderListing("com.example.MissingMigrations")) {
            Orchestrator tern = Orchestrator.builder().historyStore(history).classLoader(loader).build();

            assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(DiscoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
                assertThat(e.getMessage()).contains("com.example.MissingMigrations");
                assertThat(e.getCause()).isInstanceOf(java.util.ServiceConfigurationError.class);
            });
        }
        assertThat(history.readCount()).isZero();
    }

    @Test
    void providerWhoseConstructorFailsIsReportedWithItsCause() throws IOException {
        try (URLClassLoader loader = loaderListing(ExplodingService.class.getName())) {
            Orchestrator tern = Orchestrator.builder().historyStore(history).classLoader(loader).build();

            assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(DiscoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
                assertThat(e.getMessage()).contains(ExplodingService.class.getName(), "boom in constructor");
            });
        }
    }

    @Test
    void everyBrokenProviderIsReportedAndNoneIsSkipped() throws IOException {
        try (URLClassLoader loader = loaderListing("com.example.MissingMigrations", ExplodingService.class.getName(),
                CountingService.class.getName())) {
            Orchestrator tern = Orchestrator.builder().historyStore(history).classLoader(loader).build();

            assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(DiscoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
                assertThat(e.getMessage()).contains("2 problems", "com.example.MissingMigrations",
                        ExplodingService.class.getName());
            });
        }
        assertThat(history.entries()).isEmpty();
    }

    @Test
    void discoveredAndHandAddedServicesRunTogetherAndDiscoveryHappensOnce() throws IOException {
        int before = CountingService.INSTANCES.get();
        try (URLClassLoader loader = loaderListing(CountingService.class.getName())) {
            Orchestrator tern = Orchestrator.builder().historyStore(history).classLoader(loader)
                    .addService(FakeService.of("jobs", JavaStep.of("1", "one", ctx -> { }))).build();

            MigrationReport first = tern.runAll();
            MigrationReport second = tern.runAll();

            assertThat(first.plugins()).extracting(PluginReport::pluginId).containsExactly("counting", "jobs");
            assertThat(first.appliedCount()).isEqualTo(2);
            assertThat(second.upToDate()).isTrue();
        }
        assertThat(CountingService.INSTANCES.get() - before).isEqualTo(1);
    }

    @Test
    void switchedOffDiscoveryRunsOnlyHandAddedServices() throws IOException {
        try (URLClassLoader loader = loaderListing(CountingService.class.getName(), "com.example.MissingMigrations")) {
            MigrationReport report = Orchestrator.builder().historyStore(history).classLoader(loader).discovery(false)
                    .addService(FakeService.of("jobs", JavaStep.of("1", "one", ctx -> { }))).build().runAll();

            assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("jobs");
        }
    }

    @Test
    void duplicatePluginIdsAreRefusedNamingBothClasses() {
        Orchestrator tern = Orchestrator.builder().historyStore(history).discovery(false)
                .addService(FakeService.of("jobs"), new OtherJobs()).build();

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(DiscoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_PLUGIN);
            assertThat(e.pluginId()).contains("jobs");
            assertThat(e.getMessage()).contains(FakeService.class.getName(), OtherJobs.class.getName());
        });
        assertThat(history.readCount()).isZero();
    }

    @Test
    void malformedPluginIdsAreRefused() {
        Orchestrator tern = Orchestrator.builder().historyStore(history).discovery(false)
                .addService(FakeService.of("Jobs"), FakeService.of("-x"), FakeService.of("a".repeat(65)),
                        FakeService.of("ok.id_1-2")).build();

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLUGIN_ID);
            assertThat(e.getMessage()).contains("3 problems", "'Jobs'", "'-x'").doesNotContain("ok.id_1-2");
        });
    }
}
