package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.RetryPolicy;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Which policy a step gets, and when a failed attempt is retried. */
class RetryRulesTest {
    private static final RetryPolicy ORCHESTRATOR = RetryPolicy.builder().maxAttempts(7).jitter(0).build();
    private static final RetryPolicy PLUGIN = RetryPolicy.builder().maxAttempts(3).jitter(0).build();
    private static final RetryPolicy STEP = RetryPolicy.builder().maxAttempts(2).jitter(0).build();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final SqlStep SQL = new SqlStep(Version.parse("1"), "sql",
            Map.of(SqlStep.UNIVERSAL, new SqlScript("V1__sql.sql", "select 1")), Map.of(), true);
    private static final JavaStep JAVA = JavaStep.of("2", "java", ctx -> { });

    private static final RandomGenerator MIDDLE = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    /** Classifies as the PostgreSQL dialect would, for the states used here. */
    private static final Dialect DIALECT = new Dialect() {
        @Override
        public String id() {
            return "postgresql";
        }

        @Override
        public List<String> variants() {
            return List.of("postgresql");
        }

        @Override
        public boolean supportsTransactionalDdl() {
            return true;
        }

        @Override
        public List<SqlStatement> split(String source, String script) {
            return List.of(new SqlStatement(script, 1));
        }

        @Override
        public boolean isTransient(SQLException error) {
            return "40001".equals(error.getSQLState());
        }
    };

    private static MigrationService service(Optional<RetryPolicy> plugin, Optional<RetryPolicy> forSql) {
        return new MigrationService() {
            @Override
            public String pluginId() {
                return "jobs";
            }

            @Override
            public List<Step> steps() {
                return List.of(SQL, JAVA);
            }

            @Override
            public Optional<RetryPolicy> retryPolicy() {
                return plugin;
            }

            @Override
            public Optional<RetryPolicy> retryPolicyFor(Step step) {
                return step == SQL ? forSql : step.retryPolicy();
            }
        };
    }

    private static PreparedStep prepared(Step step) {
        return new PreparedStep("jobs", step, null, step == SQL ? "V1__sql.sql" : null,
                step == SQL ? List.of(new SqlStatement("select 1", 1)) : List.of());
    }

    private static RetryRules rules(MigrationService service, Clock clock) {
        return new RetryRules(ORCHESTRATOR, List.of(service), clock, delay -> { }, MIDDLE);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void stepPolicyOverridesPluginPolicyWhichOverridesTheOrchestrators() {
        RetryRules none = rules(service(Optional.empty(), Optional.empty()), at(T0));
        assertThat(none.resolve(prepared(SQL))).isEqualTo(new RetryRules.Resolved(ORCHESTRATOR, false));

        RetryRules plugin = rules(service(Optional.of(PLUGIN), Optional.empty()), at(T0));
        assertThat(plugin.resolve(prepared(SQL))).isEqualTo(new RetryRules.Resolved(PLUGIN, false));

        RetryRules script = rules(service(Optional.of(PLUGIN), Optional.of(STEP)), at(T0));
        assertThat(script.resolve(prepared(SQL))).isEqualTo(new RetryRules.Resolved(STEP, true));

        JavaStep own = JAVA.withRetryPolicy(STEP);
        RetryRules java = rules(service(Optional.of(PLUGIN), Optional.empty()), at(T0));
        assertThat(java.resolve(prepared(own))).isEqualTo(new RetryRules.Resolved(STEP, true));
        assertThat(java.resolve(prepared(JAVA))).isEqualTo(new RetryRules.Resolved(PLUGIN, false));
    }

    @Test
    void aPluginWhosePolicyMethodThrowsIsAConfigurationErrorNamingTheStep() {
        MigrationService broken = new MigrationService() {
            @Override
            public String pluginId() {
                return "jobs";
            }

            @Override
            public List<Step> steps() {
                return List.of(SQL);
            }

            @Override
            public Optional<RetryPolicy> retryPolicy() {
                throw new IllegalStateException("no config");
            }
        };
        assertThatThrownBy(() -> rules(broken, at(T0)).resolve(prepared(SQL)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no config")
                .hasMessageContaining("1.0.0");
    }

    @Test
    void onlyTransientErrorsFoundThroughTheCauseChainAreRetried() {
        RetryRules rules = rules(service(Optional.empty(), Optional.empty()), at(T0));
        RetryRules.Resolved policy = rules.resolve(prepared(SQL));
        SQLException serialization = new SQLException("serialize", "40001");

        assertThat(rules.nextDelay(prepared(SQL), policy, 1, serialization, DIALECT, true, T0))
                .contains(Duration.ofMillis(200));
        assertThat(rules.nextDelay(prepared(SQL), policy, 1, new RuntimeException("wrapped", serialization), DIALECT,
                true, T0)).contains(Duration.ofMillis(200));
        assertThat(rules.nextDelay(prepared(SQL), policy, 1, new SQLException("unique", "23505"), DIALECT, true, T0))
                .isEmpty();
        assertThat(rules.nextDelay(prepared(SQL), policy, 1, new IllegalStateException("bug"), DIALECT, true, T0))
                .isEmpty();
        // Without a database, the JDBC transient family decides.
        assertThat(rules.nextDelay(prepared(SQL), policy, 1, new SQLTransientConnectionException("reset"), null,
                true, T0)).isPresent();
        assertThat(rules.nextDelay(prepared(SQL), policy, 1, serialization, null, true, T0)).isEmpty();
    }

    @Test
    void lastAttemptIsFinal() {
        RetryRules rules = rules(service(Optional.of(PLUGIN), Optional.empty()), at(T0));
        RetryRules.Resolved policy = rules.resolve(prepared(SQL));
        SQLException serialization = new SQLException("serialize", "40001");

        assertThat(rules.nextDelay(prepared(SQL), policy, 2, serialization, DIALECT, true, T0))
                .contains(Duration.ofMillis(400));
        assertThat(rules.nextDelay(prepared(SQL), policy, 3, serialization, DIALECT, true, T0)).isEmpty();
    }

    @Test
    void sqlStepOutsideATransactionIsRetriedButAJavaStepOnlyWithItsOwnPolicy() {
        RetryRules rules = rules(service(Optional.empty(), Optional.empty()), at(T0));
        SQLException serialization = new SQLException("serialize", "40001");

        assertThat(rules.nextDelay(prepared(SQL), rules.resolve(prepared(SQL)), 1, serialization, DIALECT, false, T0))
                .isPresent();
        assertThat(rules.nextDelay(prepared(JAVA), rules.resolve(prepared(JAVA)), 1, serialization, DIALECT, false,
                T0)).isEmpty();
        assertThat(rules.nextDelay(prepared(JAVA), rules.resolve(prepared(JAVA)), 1, serialization, DIALECT, true, T0))
                .isPresent();
        JavaStep own = JAVA.withRetryPolicy(STEP);
        assertThat(rules.nextDelay(prepared(own), rules.resolve(prepared(own)), 1, serialization, DIALECT, false, T0))
                .isPresent();
    }

    @Test
    void aScriptThatControlsItsOwnTransactionsIsNeverRetried() {
        SqlStep committing = new SqlStep(Version.parse("3"), "commits", Map.of(SqlStep.UNIVERSAL,
                new SqlScript("V3__commits.sql", "BEGIN; insert into t values (1); COMMIT;")), Map.of(), true);
        PreparedStep step = new PreparedStep("jobs", committing, null, "V3__commits.sql", List.of(
                new SqlStatement("BEGIN", 1), new SqlStatement("insert into t values (1)", 1),
                new SqlStatement("COMMIT", 1)));
        RetryRules rules = rules(service(Optional.empty(), Optional.empty()), at(T0));

        assertThat(rules.nextDelay(step, rules.resolve(step), 1, new SQLException("serialize", "40001"), DIALECT,
                false, T0)).isEmpty();
    }

    @Test
    void delayIsCutToTheTimeLeftAndNoTimeLeftMeansNoRetry() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).initialDelay(Duration.ofSeconds(1)).jitter(0)
                .maxTotalTime(Duration.ofSeconds(5)).build();
        RetryRules.Resolved resolved = new RetryRules.Resolved(policy, false);
        SQLException serialization = new SQLException("serialize", "40001");
        MigrationService service = service(Optional.empty(), Optional.empty());

        assertThat(rules(service, at(T0.plusMillis(4700))).nextDelay(prepared(SQL), resolved, 1, serialization,
                DIALECT, true, T0)).contains(Duration.ofMillis(300));
        assertThat(rules(service, at(T0.plusSeconds(5))).nextDelay(prepared(SQL), resolved, 1, serialization,
                DIALECT, true, T0)).isEmpty();
        assertThat(rules(service, at(T0.plusSeconds(9))).nextDelay(prepared(SQL), resolved, 1, serialization,
                DIALECT, true, T0)).isEmpty();
    }

    @Test
    void interruptedSleepReportsFalseAndKeepsTheInterruptStatus() {
        RetryRules rules = new RetryRules(ORCHESTRATOR, List.of(), at(T0), delay -> {
            throw new InterruptedException();
        }, MIDDLE);
        try {
            assertThat(rules.sleep(Duration.ofMillis(1))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
