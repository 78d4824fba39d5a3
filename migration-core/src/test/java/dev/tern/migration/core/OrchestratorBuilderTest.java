package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class OrchestratorBuilderTest {

    private static void assertConfigurationError(Runnable action, ErrorCode code, String... words) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    void eitherDataSourceOrHistoryStoreIsRequired() {
        assertConfigurationError(() -> Orchestrator.builder().build(), ErrorCode.INVALID_CONFIGURATION,
                "dataSource", "historyStore");
    }

    @Test
    void historyTableAndSchemaMustBePlainIdentifiers() {
        Orchestrator.Builder base = Orchestrator.builder().historyStore(new InMemoryHistoryStore());
        assertConfigurationError(() -> base.historyTable("history; drop table x").build(), ErrorCode.INVALID_IDENTIFIER,
                "history table", "history; drop table x");
        assertConfigurationError(() -> base.historySchema("my schema").build(), ErrorCode.INVALID_IDENTIFIER,
                "history schema", "my schema");
        assertThat(base.historySchema("tern").historyTable("migrations").build()).isNotNull();
    }

    @Test
    void lockTimeoutMustBePositive() {
        Orchestrator.Builder base = Orchestrator.builder().historyStore(new InMemoryHistoryStore());
        assertConfigurationError(() -> base.lockTimeout(Duration.ZERO).build(), ErrorCode.INVALID_CONFIGURATION,
                "lockTimeout");
        assertConfigurationError(() -> base.lockTimeout(Duration.ofSeconds(-1)).build(), ErrorCode.INVALID_CONFIGURATION,
                "lockTimeout");
    }

    @Test
    void nullArgumentsAreRefusedNamingTheParameter() {
        Orchestrator.Builder b = Orchestrator.builder();
        assertConfigurationError(() -> b.dataSource(null), ErrorCode.INVALID_CONFIGURATION, "dataSource");
        assertConfigurationError(() -> b.historyStore(null), ErrorCode.INVALID_CONFIGURATION, "historyStore");
        assertConfigurationError(() -> b.historyTable(null), ErrorCode.INVALID_CONFIGURATION, "historyTable");
        assertConfigurationError(() -> b.classLoader(null), ErrorCode.INVALID_CONFIGURATION, "classLoader");
        assertConfigurationError(() -> b.installedBy(null), ErrorCode.INVALID_CONFIGURATION, "installedBy");
        assertConfigurationError(() -> b.lockTimeout(null), ErrorCode.INVALID_CONFIGURATION, "lockTimeout");
        assertConfigurationError(() -> b.clock(null), ErrorCode.INVALID_CONFIGURATION, "clock");
        assertConfigurationError(() -> b.addService((MigrationService) null), ErrorCode.INVALID_CONFIGURATION,
                "addService");
    }

    @Test
    void blankInstalledByIsRefused() {
        assertConfigurationError(() -> Orchestrator.builder().historyStore(new InMemoryHistoryStore()).installedBy(" ")
                .build(), ErrorCode.INVALID_CONFIGURATION, "installedBy");
    }

    @Test
    void buildTouchesNoDatabase() {
        AtomicInteger connections = new AtomicInteger();
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    connections.incrementAndGet();
                    throw new UnsupportedOperationException(method.getName());
                });

        Orchestrator tern = Orchestrator.builder().dataSource(dataSource).historyTable("h").build();

        assertThat(tern).isNotNull();
        assertThat(connections).hasValue(0);
    }

    @Test
    void builderIsImmutableAndInstalledByDefaultsToTheUserName() {
        InMemoryHistoryStore first = new InMemoryHistoryStore();
        InMemoryHistoryStore second = new InMemoryHistoryStore();
        Orchestrator.Builder base = Orchestrator.builder().discovery(false)
                .addService(FakeService.of("jobs", JavaStep.of("1", "one", ctx -> { })));
        Orchestrator.Builder named = base.installedBy("ops").historyStore(second);

        base.historyStore(first).build().runAll();
        named.build().runAll();

        assertThat(first.entries()).singleElement()
                .satisfies(e -> assertThat(e.installedBy()).isEqualTo(System.getProperty("user.name")));
        assertThat(second.entries()).singleElement().satisfies(e -> assertThat(e.installedBy()).isEqualTo("ops"));
    }

    @Test
    void addServiceIsRepeatable() {
        InMemoryHistoryStore history = new InMemoryHistoryStore();
        Orchestrator.builder().historyStore(history).discovery(false)
                .addService(FakeService.of("a", JavaStep.of("1", "one", ctx -> { })))
                .addService(FakeService.of("b", JavaStep.of("1", "one", ctx -> { })),
                        FakeService.of("c", JavaStep.of("1", "one", ctx -> { })))
                .build().runAll();

        assertThat(history.entries()).extracting(e -> e.pluginId()).containsExactly("a", "b", "c");
    }
}
