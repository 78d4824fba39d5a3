package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.RetryPolicy;
import dev.tern.migration.api.Sleeper;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.spi.MigrationService;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a failed attempt of a step is retried, and after which delay. A step is retried
 * when all of these hold:
 * <ol>
 *   <li>its policy (the step's own, else its plugin's, else the orchestrator's) allows another attempt;</li>
 *   <li>the error is transient: the first {@link SQLException} of its cause chain is transient by the
 *       dialect's {@link Dialect#isTransient}; without a database, by the JDBC
 *       {@link SQLTransientException} / {@link SQLRecoverableException} families;</li>
 *   <li>running it again is safe: the attempt ran in a transaction (rolled back), or it is a SQL
 *       step (the next attempt resumes at the statement that failed; earlier ones were committed),
 *       or it is a Java step with its own policy (its author declared it safe to re-run); a script
 *       that starts or ends transactions itself ({@code BEGIN}, {@code COMMIT}) is never retried;</li>
 *   <li>time is left under the policy's maximum total time, measured with the clock from the start
 *       of the first attempt; the delay is shortened to the time left.</li>
 * </ol>
 * The clock, sleeper and random source are injected, so tests never sleep.
 *
 * <p>Not thread-safe (the random source is used as is); one instance per orchestrator, used under
 * the migration lock.
 */
public final class RetryRules {
    private static final Logger LOG = LoggerFactory.getLogger(RetryRules.class);

    // Guards against pathological (very long or cyclic) cause chains.
    private static final int MAX_CHAIN = 64;

    private final RetryPolicy defaultPolicy;
    private final Map<String, MigrationService> services;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param defaultPolicy the orchestrator's policy, not null
     * @param services the plugins, for their own policies; a plugin not listed uses the default
     * @param clock the clock measuring the maximum total time, not null
     * @param sleeper what waits between attempts, not null
     * @param random the jitter source, not null
     */
    public RetryRules(RetryPolicy defaultPolicy, List<MigrationService> services, Clock clock, Sleeper sleeper,
                      RandomGenerator random) {
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        Map<String, MigrationService> byId = new LinkedHashMap<>();
        for (MigrationService service : services) {
            byId.put(service.pluginId(), service);
        }
        this.services = Map.copyOf(byId);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Rules that never retry, for callers without retry configuration.
     *
     * @param clock the clock
     * @return rules with {@link RetryPolicy#none()} for every step
     */
    public static RetryRules none(Clock clock) {
        return new RetryRules(RetryPolicy.none(), List.of(), clock, Sleeper.system(), new java.util.Random());
    }

    /**
     * The policy resolved for a step, with whether it is the step's own.
     *
     * @param policy the policy in force
     * @param stepOwn true if the step itself (or its plugin for this step) set it
     */
    public record Resolved(RetryPolicy policy, boolean stepOwn) {
    }

    /**
     * Resolves the policy of a step: the plugin's {@code retryPolicyFor(step)}, else its
     * {@code retryPolicy()}, else the orchestrator's.
     *
     * @param step the step
     * @return the policy in force
     * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) if the plugin's method throws
     */
    public Resolved resolve(PreparedStep step) {
        MigrationService service = services.get(step.pluginId());
        try {
            Optional<RetryPolicy> own = service == null ? step.step().retryPolicy() : service.retryPolicyFor(step.step());
            if (own != null && own.isPresent()) {
                return new Resolved(own.get(), true);
            }
            Optional<RetryPolicy> plugin = service == null ? Optional.empty() : service.retryPolicy();
            if (plugin != null && plugin.isPresent()) {
                return new Resolved(plugin.get(), false);
            }
        } catch (RuntimeException e) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "the plugin's retry policy could not be"
                    + " read: " + e, step.pluginId(), step.version().toString(), step.source(), 0, e);
        }
        return new Resolved(defaultPolicy, false);
    }

    /**
     * Decides whether a failed attempt is retried.
     *
     * @param step the step
     * @param resolved its policy
     * @param attempt the number of the attempt that failed, 1 for the first
     * @param error what the attempt threw
     * @param dialect the database's dialect, or null without a database
     * @param inTransaction whether the attempt ran in a transaction that was rolled back
     * @param firstStarted when the first attempt started
     * @return the delay before the next attempt, or empty if the failure is final
     */
    public Optional<Duration> nextDelay(PreparedStep step, Resolved resolved, int attempt, Exception error,
                                        Dialect dialect, boolean inTransaction, Instant firstStarted) {
        RetryPolicy policy = resolved.policy();
        if (attempt >= policy.maxAttempts()) {
            if (policy.retries()) {
                LOG.debug("{} {}: no attempt left ({} of {})", step.pluginId(), step.version(), attempt,
                        policy.maxAttempts());
            }
            return Optional.empty();
        }
        if (Thread.currentThread().isInterrupted()) {
            return Optional.empty();
        }
        if (!isTransient(error, dialect)) {
            LOG.debug("{} {}: the error is not transient, not retried", step.pluginId(), step.version());
            return Optional.empty();
        }
        if (step.controlsTransactions()) {
            // Its own BEGIN/COMMIT make both re-running it and resuming it unsafe: resuming inside
            // an explicit transaction the lost connection rolled back would skip its first half.
            LOG.warn("{} {}: the script starts or ends transactions itself, so it is not retried", step.pluginId(),
                    step.version());
            return Optional.empty();
        }
        if (!inTransaction && step.kind() == StepKind.JAVA && !resolved.stepOwn()) {
            LOG.warn("{} {}: the Java step failed with a transient error outside a transaction; it is not retried"
                    + " because it may have kept part of its work (give it its own retry policy if it is safe to"
                    + " run again)", step.pluginId(), step.version());
            return Optional.empty();
        }
        Duration remaining = policy.maxTotalTime().minus(nonNegative(Duration.between(firstStarted, clock.instant())));
        if (remaining.isZero() || remaining.isNegative()) {
            LOG.debug("{} {}: no time left under maxTotalTime {}", step.pluginId(), step.version(),
                    policy.maxTotalTime());
            return Optional.empty();
        }
        Duration delay = policy.delayAfter(attempt, random);
        return Optional.of(delay.compareTo(remaining) > 0 ? remaining : delay);
    }

    /**
     * Waits before the next attempt.
     *
     * @param delay the delay
     * @return true after the wait; false if the thread was interrupted (its interrupt status is set again)
     */
    public boolean sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Classifies an error.
     *
     * @param error the error
     * @param dialect the dialect, or null without a database
     * @return true if the first SQLException in the cause chain is transient
     */
    static boolean isTransient(Throwable error, Dialect dialect) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return dialect != null ? dialect.isTransient(sql)
                        : sql instanceof SQLTransientException || sql instanceof SQLRecoverableException;
            }
        }
        return false;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
